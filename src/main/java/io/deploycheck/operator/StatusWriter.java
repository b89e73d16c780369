package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;

/**
 * Writes a DeployCheck's status and nothing else. With server-side apply the operator owns exactly the status
 * fields (field manager {@value #FIELD_MANAGER}); where the API server cannot apply (the fabric8 mock server), one
 * JSON patch operation replaces the whole status, so no stale cached copy is ever diffed against.
 */
final class StatusWriter {
  static final String FIELD_MANAGER = "deploycheck-operator";

  private final KubernetesClient client;
  private final boolean serverSideApply;

  StatusWriter(KubernetesClient client, boolean serverSideApply) {
    this.client = client;
    this.serverSideApply = serverSideApply;
  }

  /** Writes {@code status} and returns the object as the API server now has it. */
  DeployCheck write(DeployCheck check, DeployCheckStatus status) {
    DeployCheck patch = new DeployCheck();
    patch.setMetadata(new ObjectMetaBuilder()
        .withName(check.getMetadata().getName())
        .withNamespace(check.getMetadata().getNamespace())
        .build());
    patch.setStatus(status);
    var resource = client.resources(DeployCheck.class).inNamespace(check.getMetadata().getNamespace())
        .resource(patch);
    if (serverSideApply) {
      return resource.subresource("status").patch(new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY)
          .withFieldManager(FIELD_MANAGER)
          .withForce(true)
          .build());
    } else {
      String replace = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":"
          + client.getKubernetesSerialization().asJson(status) + "}]";
      return resource.subresource("status").patch(PatchContext.of(PatchType.JSON), replace);
    }
  }
}
