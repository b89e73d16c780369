package io.deploycheck.cli.wait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.InputException;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.GoDuration;
import io.deploycheck.kube.KServe;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Follows the rollout through the operator's DeployCheck named after the InferenceService. wait writes only a
 * DeployCheck it owns (label {@value #MANAGED_BY}={@value #FIELD_MANAGER}, server-side apply with field manager
 * {@value #FIELD_MANAGER}); one that someone else manages (GitOps, kubectl apply) is read and never written, and
 * its own settings judge the rollout. Only a status written for this rollout counts: one for the DeployCheck's
 * current generation and for the InferenceService's generation as wait found it, so the Ready of the previous deploy
 * is never taken for this one.
 */
final class OperatorRollout implements RolloutSource {
  static final String FIELD_MANAGER = "deploycheck-wait";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The operator's status writes: not an owner of the spec. */
  private static final String OPERATOR_MANAGER = "deploycheck-operator";

  private final KubernetesClient client;
  private final WaitRequest request;
  private final DeployCheck check;
  private final Long isvcGeneration;
  /** Who manages the DeployCheck when it is not wait; null when wait wrote it. */
  private final String managedBy;
  private Watches watches;
  private SharedIndexInformer<DeployCheck> informer;

  private OperatorRollout(KubernetesClient client, WaitRequest request, DeployCheck check, Long isvcGeneration,
      String managedBy) {
    this.client = client;
    this.request = request;
    this.check = check;
    this.isvcGeneration = isvcGeneration;
    this.managedBy = managedBy;
  }

  /** Whether the DeployCheck API is served: the operator's CRD is installed. */
  static boolean installed(KubernetesClient client) {
    return client.supports(DeployCheck.class);
  }

  /**
   * Creates or updates wait's own DeployCheck with wait's values (inferenceService, expectedImage, stuckAfter, and
   * the timeout as progressDeadline), or reads one managed by someone else without writing it. Throws the client's
   * exception when the API server refuses (403 when the job may not write DeployChecks).
   *
   * @param serverSideApply false against the fabric8 mock server, which cannot apply: a create or merge patch there
   */
  static OperatorRollout open(KubernetesClient client, WaitRequest request, boolean serverSideApply) {
    Long isvcGeneration = inferenceServiceGeneration(client, request);
    var resource = client.resources(DeployCheck.class).inNamespace(request.namespace())
        .withName(request.inferenceService());
    DeployCheck existing = resource.get();
    if (existing != null) {
      String watched = existing.getSpec() == null ? null : existing.getSpec().getInferenceService();
      if (watched != null && !watched.equals(request.inferenceService())) {
        throw new InputException("DeployCheck " + request.target() + " exists and watches InferenceService "
            + watched + ", not " + request.inferenceService() + "; rename or delete it");
      }
      if (!ownedByWait(existing)) {
        return new OperatorRollout(client, request, existing, isvcGeneration, managers(existing));
      }
    }
    DeployCheck desired = desired(request);
    DeployCheck written;
    if (serverSideApply) {
      try {
        // Not forced: a field someone else has taken over is a conflict, and then the DeployCheck is theirs.
        written = client.resource(desired).patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(FIELD_MANAGER).withForce(false).build());
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || existing == null) {
          throw e;
        }
        return new OperatorRollout(client, request, existing, isvcGeneration, managers(existing));
      }
    } else if (existing == null) {
      written = client.resource(desired).create();
    } else {
      boolean dropImage = request.expectedImage() == null && existing.getSpec() != null
          && existing.getSpec().getExpectedImage() != null;
      written = resource.patch(PatchContext.of(PatchType.JSON_MERGE), specPatch(request, dropImage));
    }
    return new OperatorRollout(client, request, written, isvcGeneration, null);
  }

  private static boolean ownedByWait(DeployCheck check) {
    Map<String, String> labels = check.getMetadata().getLabels();
    return labels != null && FIELD_MANAGER.equals(labels.get(MANAGED_BY));
  }

  /** The field managers that wrote the spec, for the output: "argocd-controller", "kubectl-client-side-apply" ... */
  private static String managers(DeployCheck check) {
    Set<String> names = new LinkedHashSet<>();
    if (check.getMetadata().getManagedFields() != null) {
      for (ManagedFieldsEntry entry : check.getMetadata().getManagedFields()) {
        if (entry.getManager() != null && !OPERATOR_MANAGER.equals(entry.getManager())
            && !"status".equals(entry.getSubresource())) {
          names.add(entry.getManager());
        }
      }
    }
    return names.isEmpty() ? "another client" : String.join(", ", names);
  }

  private static DeployCheck desired(WaitRequest request) {
    DeployCheck check = new DeployCheck();
    check.getMetadata().setName(request.inferenceService());
    check.getMetadata().setNamespace(request.namespace());
    check.getMetadata().setLabels(Map.of(MANAGED_BY, FIELD_MANAGER));
    check.setSpec(spec(request));
    return check;
  }

  private static DeployCheckSpec spec(WaitRequest request) {
    DeployCheckSpec spec = new DeployCheckSpec();
    spec.setInferenceService(request.inferenceService());
    spec.setExpectedImage(request.expectedImage());
    spec.setStuckAfter(GoDuration.format(request.stuckAfter()));
    spec.setProgressDeadline(GoDuration.format(request.timeout()));
    return spec;
  }

  /** {@code {"spec": {...}}} with wait's fields; {@code dropImage} removes the expectedImage there (RFC 7386). */
  private static String specPatch(WaitRequest request, boolean dropImage) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode fields = new ObjectMapper().valueToTree(spec(request));
    if (dropImage) {
      fields.putNull("expectedImage");
    }
    patch.set("spec", fields);
    return patch.toString();
  }

  /** The generation the deploy step left, or null when there is no InferenceService (yet) to read. */
  private static Long inferenceServiceGeneration(KubernetesClient client, WaitRequest request) {
    GenericKubernetesResource isvc = client.genericKubernetesResources(KServe.INFERENCE_SERVICES)
        .inNamespace(request.namespace()).withName(request.inferenceService()).get();
    return isvc == null ? null : isvc.getMetadata().getGeneration();
  }

  /** The DeployCheck as wait wrote or read it: its spec is what the rollout is judged by. */
  DeployCheck deployCheck() {
    return check;
  }

  private long generation() {
    Long generation = check.getMetadata().getGeneration();
    return generation == null ? 1 : generation;
  }

  @Override
  public String description() {
    DeployCheckSpec spec = check.getSpec() == null ? new DeployCheckSpec() : check.getSpec();
    String how = managedBy == null ? "" : " (managed by " + managedBy + ": read, not changed; its stuckAfter "
        + orDefault(spec.getStuckAfter(), "3m") + " and progressDeadline "
        + orDefault(spec.getProgressDeadline(), "10m") + " apply)";
    return "through DeployCheck " + request.target() + how + ", diagnosed by the deploycheck operator";
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  @Override
  public void start(Runnable changed) {
    watches = new Watches(changed);
    informer = watches.add(client.resources(DeployCheck.class).inNamespace(request.namespace())
        .withName(request.inferenceService()).inform(Changes.any(changed)));
  }

  @Override
  public Observation observe(Instant now) {
    DeployCheckStatus status = status();
    Verdict verdict = status == null ? null : Verdict.of(status);
    return verdict == null ? noStatusYet() : Observation.of(verdict, null);
  }

  /** The status the operator wrote for this rollout; null while there is none. */
  DeployCheckStatus status() {
    watches.check();
    DeployCheck current = informer.getStore().getByKey(request.target());
    DeployCheckStatus status = current == null ? null : current.getStatus();
    return status != null && forThisRollout(status) ? status : null;
  }

  private boolean forThisRollout(DeployCheckStatus status) {
    boolean generationSeen = status.getObservedGeneration() != null
        && status.getObservedGeneration() >= generation();
    boolean isvcSeen = isvcGeneration == null || (status.getInferenceServiceGeneration() != null
        && status.getInferenceServiceGeneration() >= isvcGeneration);
    return generationSeen && isvcSeen;
  }

  private Observation noStatusYet() {
    return Observation.awaiting("waiting for the deploycheck operator to diagnose generation " + generation()
        + " of DeployCheck " + request.target(), "Is the operator running, and watching namespace "
        + request.namespace() + "? kubectl get pods -A -l app.kubernetes.io/name=deploycheck; kubectl describe"
        + " deploycheck " + request.inferenceService() + " -n " + request.namespace());
  }

  @Override
  public void close() {
    if (watches != null) {
      watches.close();
    }
  }
}
