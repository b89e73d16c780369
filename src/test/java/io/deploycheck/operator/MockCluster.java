package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.Input;
import io.deploycheck.metrics.Monitoring;
import io.deploycheck.registry.RegistryInspector;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A fabric8 mock API server in CRUD mode holding our CRD, optionally KServe's, and a fixture's objects. Public for
 * the CLI's {@code wait} tests, which run against the same cluster and operator.
 */
public final class MockCluster {
  public static final String ISVC_API = "serving.kserve.io/v1beta1";

  final KubernetesClient client;
  private Monitoring monitoring;
  private DeployCheckOperator operator;

  public MockCluster(KubernetesClient client) {
    this.client = client;
  }

  public MockCluster withDeployCheckCrd() throws IOException {
    return withCrd("crds/deploychecks.deploycheck.io-v1.yml");
  }

  public MockCluster withKServe() throws IOException {
    return withCrd("src/test/resources/operator/inferenceservice-crd.yaml");
  }

  private MockCluster withCrd(String path) throws IOException {
    try (InputStream in = new FileInputStream(path)) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
          // a create the client retried after a timeout may find its first attempt applied
          .createOr(existing -> existing.update());
    }
    return this;
  }

  /**
   * Loads a fixture's Pods, Events and InferenceService into the cluster. A fixture that holds only pods gets a
   * bare InferenceService of the name its pods carry, as a cluster would have.
   */
  public Dump load(String fixture) {
    Dump dump = Dump.parse(Input.open(fixture, new ByteArrayInputStream(new byte[0])));
    for (GenericKubernetesResource isvc : dump.inferenceServices()) {
      client.genericKubernetesResources(ISVC_API, "InferenceService").resource(clean(isvc)).create();
    }
    if (dump.inferenceServices().isEmpty() && !dump.pods().isEmpty()) {
      Pod pod = dump.pods().get(0);
      inferenceService(pod.getMetadata().getNamespace(),
          pod.getMetadata().getLabels().get("serving.kserve.io/inferenceservice"), 1L);
    }
    // The API server assigns new uids; Events must point at the pods as created, or they describe other pods.
    java.util.Map<String, String> uids = new java.util.HashMap<>();
    for (Pod pod : dump.pods()) {
      String original = pod.getMetadata().getUid();
      Pod created = client.pods().resource(clean(pod)).create();
      if (original != null) {
        uids.put(original, created.getMetadata().getUid());
      }
    }
    for (Event event : dump.events()) {
      if (event.getInvolvedObject() != null && uids.containsKey(event.getInvolvedObject().getUid())) {
        event.getInvolvedObject().setUid(uids.get(event.getInvolvedObject().getUid()));
      }
      client.v1().events().resource(clean(event)).create();
    }
    return dump;
  }

  public GenericKubernetesResource inferenceService(String namespace, String name, long generation) {
    GenericKubernetesResource isvc = new GenericKubernetesResource();
    isvc.setApiVersion(ISVC_API);
    isvc.setKind("InferenceService");
    isvc.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(name).withNamespace(namespace).withGeneration(generation).build());
    isvc.setAdditionalProperty("spec", java.util.Map.of("predictor", java.util.Map.of("sklearn",
        java.util.Map.of("storageUri", "s3://models/" + name + "/v" + generation))));
    return client.genericKubernetesResources(ISVC_API, "InferenceService").resource(isvc).createOr(e -> e.update());
  }

  DeployCheck apply(String namespace, String name, String isvc, String stuckAfter) {
    return apply(namespace, name, isvc, stuckAfter, null);
  }

  public DeployCheck apply(String namespace, String name, String isvc, String stuckAfter, String progressDeadline) {
    DeployCheck check = new DeployCheck();
    check.getMetadata().setName(name);
    check.getMetadata().setNamespace(namespace);
    DeployCheckSpec spec = new DeployCheckSpec();
    spec.setInferenceService(isvc);
    spec.setStuckAfter(stuckAfter);
    spec.setProgressDeadline(progressDeadline);
    check.setSpec(spec);
    return client.resource(check).create();
  }

  public DeployCheck get(String namespace, String name) {
    return client.resources(DeployCheck.class).inNamespace(namespace).withName(name).get();
  }

  List<Event> eventsAbout(String namespace, String kind, String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
            && name.equals(e.getInvolvedObject().getName())
            && EventRecorder.COMPONENT.equals(e.getSource() == null ? null : e.getSource().getComponent()))
        .toList();
  }

  /** Starts the operator with its clock set to {@code now} (the fixture's moment), running forward from there. */
  public DeployCheckOperator start(Instant now) {
    return start(now, new OperatorSettings(Set.of(), 0, null, false, false, true), null);
  }

  DeployCheckOperator start(Instant now, OperatorSettings settings, RegistryInspector registry) {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    monitoring = Monitoring.create(clock);
    operator = new DeployCheckOperator(client, settings, clock, monitoring.operator(), monitoring.josdk(), registry,
        false);
    operator.start();
    return operator;
  }

  Monitoring monitoring() {
    return monitoring;
  }

  public void stop() {
    if (operator != null) {
      operator.close();
      monitoring.close();
      operator = null;
    }
  }

  private static <T extends HasMetadata> T clean(T object) {
    object.getMetadata().setResourceVersion(null);
    return object;
  }
}
