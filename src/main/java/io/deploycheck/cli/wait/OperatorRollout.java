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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;

/**
 * Follows the rollout through the operator: the DeployCheck named after the InferenceService is created or updated
 * with wait's values, and its status is watched (an informer on that one object). Only a status written for this
 * rollout counts: one for the DeployCheck's current generation and for the InferenceService's generation as wait
 * found it, so the Ready of the previous deploy is never taken for this one.
 */
final class OperatorRollout implements RolloutSource {
  private final KubernetesClient client;
  private final WaitRequest request;
  private final long generation;
  private final Long isvcGeneration;
  private Watches watches;
  private SharedIndexInformer<DeployCheck> informer;

  private OperatorRollout(KubernetesClient client, WaitRequest request, long generation, Long isvcGeneration) {
    this.client = client;
    this.request = request;
    this.generation = generation;
    this.isvcGeneration = isvcGeneration;
  }

  /** Whether the DeployCheck API is served: the operator's CRD is installed. */
  static boolean installed(KubernetesClient client) {
    return client.supports(DeployCheck.class);
  }

  /**
   * Creates the DeployCheck, or updates the one there: inferenceService, expectedImage (removed when not given),
   * stuckAfter and progressDeadline (the timeout) are wait's; components and registry are left as they are.
   * Throws the client's exception when the API server refuses (403 when the job may not write DeployChecks).
   */
  static OperatorRollout apply(KubernetesClient client, WaitRequest request) {
    Long isvcGeneration = inferenceServiceGeneration(client, request);
    var resource = client.resources(DeployCheck.class).inNamespace(request.namespace())
        .withName(request.inferenceService());
    DeployCheck existing = resource.get();
    DeployCheck written;
    if (existing == null) {
      DeployCheck check = new DeployCheck();
      check.getMetadata().setName(request.inferenceService());
      check.getMetadata().setNamespace(request.namespace());
      check.setSpec(spec(request));
      written = client.resource(check).create();
    } else {
      DeployCheckSpec current = existing.getSpec() == null ? new DeployCheckSpec() : existing.getSpec();
      String watched = current.getInferenceService();
      if (watched != null && !watched.equals(request.inferenceService())) {
        throw new InputException("DeployCheck " + request.target() + " exists and watches InferenceService "
            + watched + ", not " + request.inferenceService() + "; rename or delete it");
      }
      // A merge patch of wait's fields alone: no resourceVersion to conflict with the operator's status writes.
      boolean dropImage = request.expectedImage() == null && current.getExpectedImage() != null;
      written = resource.patch(PatchContext.of(PatchType.JSON_MERGE), specPatch(request, dropImage));
    }
    return new OperatorRollout(client, request, written.getMetadata().getGeneration(), isvcGeneration);
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

  @Override
  public String description() {
    return "through DeployCheck " + request.target() + ", diagnosed by the deploycheck operator";
  }

  @Override
  public void start(Runnable changed) {
    watches = new Watches(changed);
    informer = watches.add(client.resources(DeployCheck.class).inNamespace(request.namespace())
        .withName(request.inferenceService()).inform(Changes.any(changed)));
  }

  @Override
  public Observation observe(Instant now) {
    watches.check();
    DeployCheck check = informer.getStore().getByKey(request.target());
    DeployCheckStatus status = check == null ? null : check.getStatus();
    Verdict verdict = status == null || !forThisRollout(status) ? null : Verdict.of(status);
    return verdict == null ? noStatusYet() : Observation.of(verdict, null);
  }

  private boolean forThisRollout(DeployCheckStatus status) {
    boolean generationSeen = status.getObservedGeneration() != null && status.getObservedGeneration() >= generation;
    boolean isvcSeen = isvcGeneration == null || (status.getInferenceServiceGeneration() != null
        && status.getInferenceServiceGeneration() >= isvcGeneration);
    return generationSeen && isvcSeen;
  }

  private Observation noStatusYet() {
    return Observation.awaiting("waiting for the deploycheck operator to diagnose generation " + generation
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
