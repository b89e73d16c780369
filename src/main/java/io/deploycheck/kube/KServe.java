package io.deploycheck.kube;

import io.deploycheck.diagnosis.ContainerFacts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Set;

/** The one place that knows KServe's and Knative's names: labels, kinds and injected containers. */
public final class KServe {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "InferenceService";
  public static final String PLURAL = "inferenceservices";
  public static final String CRD_NAME = PLURAL + "." + GROUP;
  /** For generic clients: names the plural, so no discovery request is needed to find it. */
  public static final ResourceDefinitionContext INFERENCE_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup(GROUP).withVersion(VERSION).withKind(KIND).withPlural(PLURAL).withNamespaced(true).build();

  /** On every pod KServe creates for an InferenceService. */
  public static final String LABEL_INFERENCE_SERVICE = "serving.kserve.io/inferenceservice";
  /** predictor, transformer or explainer. */
  public static final String LABEL_COMPONENT = "component";
  /** Serverless mode: the Knative revision the pod belongs to. */
  public static final String LABEL_REVISION = "serving.knative.dev/revision";
  /** Raw deployment mode: the ReplicaSet's template hash. */
  public static final String LABEL_TEMPLATE_HASH = "pod-template-hash";

  public static final String ANNOTATION_DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";
  public static final Set<String> RAW_MODES = Set.of("RawDeployment", "Standard", "ModelMesh");

  private static final String STORAGE_INITIALIZER = "storage-initializer";
  private static final Set<String> SIDECARS = Set.of("queue-proxy", "agent");

  private KServe() {}

  /** The InferenceService a pod belongs to, by KServe's label; null for a pod KServe did not create. */
  public static String inferenceServiceOf(HasMetadata pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(LABEL_INFERENCE_SERVICE);
  }

  public static ContainerFacts.Role roleOf(String containerName) {
    if (STORAGE_INITIALIZER.equals(containerName)) {
      return ContainerFacts.Role.MODEL_LOADER;
    }
    return SIDECARS.contains(containerName) ? ContainerFacts.Role.SIDECAR : ContainerFacts.Role.MAIN;
  }
}
