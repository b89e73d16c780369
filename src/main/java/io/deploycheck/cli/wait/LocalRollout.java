package io.deploycheck.cli.wait;

import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.TargetState;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.PodEvidence;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Follows the rollout without the operator: informers on the InferenceService, its pods (by KServe's label) and the
 * namespace's pod Events feed the same evidence mapping and engine the operator uses. Like the operator, it
 * remembers: the rollout started when wait did, and the last diagnosis is the previous status, so {@code since}
 * stays put and a specific image-pull cause survives kubelet's generic back-off. Like the operator, it asks the
 * registry (ECR) about images that fail to pull, so both give the same answer.
 */
final class LocalRollout implements RolloutSource {
  private static final String BY_POD = "by-pod";

  private final KubernetesClient client;
  private final boolean eventFieldSelectors;
  private final WaitRequest request;
  private final CheckSpec spec;
  private final RegistryVerification registry;
  private final RegistrySpec registrySpec;
  private final DiagnosisEngine engine;
  private final String why;
  private Instant startedAt;
  private Watches watches;
  private boolean kserveServed;
  private SharedIndexInformer<GenericKubernetesResource> inferenceServices;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Event> events;
  private PreviousStatus previous;

  /**
   * @param spec what the rollout is judged by: wait's flags, or the DeployCheck's spec when there is one
   * @param registry the registry's word on failing pulls; null when verification is off
   * @param registrySpec the DeployCheck's registry settings, null for the defaults
   * @param startedAt the rollout's start: deadlines count from here
   * @param why why the operator is not used, for the first line of the output
   */
  LocalRollout(KubernetesClient client, boolean eventFieldSelectors, WaitRequest request, CheckSpec spec,
      RegistryVerification registry, RegistrySpec registrySpec, DiagnosisEngine engine, Instant startedAt,
      String why) {
    this.client = client;
    this.eventFieldSelectors = eventFieldSelectors;
    this.request = request;
    this.spec = spec;
    this.registry = registry;
    this.registrySpec = registrySpec;
    this.engine = engine;
    this.startedAt = startedAt;
    this.why = why;
  }

  @Override
  public String description() {
    return "in-process (" + why + ")";
  }

  /**
   * Takes over the operator's memory of the rollout (its start and last status), so a diagnosis made here equals the
   * one the operator would make now.
   */
  void follow(PreviousStatus operatorStatus, Instant operatorStartedAt) {
    previous = operatorStatus;
    if (operatorStartedAt != null) {
      startedAt = operatorStartedAt;
    }
  }

  @Override
  public void start(Runnable changed) {
    String namespace = request.namespace();
    watches = new Watches(changed);
    kserveServed = client.supports(KServe.API_VERSION, KServe.KIND);
    if (kserveServed) {
      inferenceServices = watches.add(client.genericKubernetesResources(KServe.INFERENCE_SERVICES)
          .inNamespace(namespace).withName(request.inferenceService()).inform(Changes.any(changed)));
    }
    pods = watches.add(client.pods().inNamespace(namespace)
        .withLabel(KServe.LABEL_INFERENCE_SERVICE, request.inferenceService()).inform(Changes.any(changed)));
    var namespaceEvents = client.v1().events().inNamespace(namespace);
    var podEvents = eventFieldSelectors ? namespaceEvents.withField("involvedObject.kind", "Pod") : namespaceEvents;
    events = watches.add(podEvents
        .withIndexers(Map.of(BY_POD, e -> isAboutPod(e) ? List.of(e.getInvolvedObject().getName()) : List.of()))
        .inform(Changes.matching(this::isAboutOurPod, changed)));
  }

  @Override
  public Observation observe(Instant now) {
    watches.check();
    GenericKubernetesResource isvc = kserveServed
        ? inferenceServices.getStore().getByKey(request.target()) : null;
    TargetState state = !kserveServed ? TargetState.KSERVE_NOT_INSTALLED
        : isvc == null ? TargetState.NOT_FOUND : TargetState.PRESENT;
    PodEvidence observed = PodEvidence.of(pods.getStore().list(),
        pod -> events.getIndexer().byIndex(BY_POD, pod.getMetadata().getName()));
    Evidence evidence = new Evidence(request.namespace(), request.inferenceService(), state,
        isvc == null ? null : EvidenceMapper.inferenceService(isvc), spec, observed.pods(), observed.events(),
        registry == null ? List.of() : registry.facts(observed.pods(), registrySpec), previous, startedAt, now);
    Diagnosis diagnosis = engine.diagnose(evidence);
    previous = new PreviousStatus(diagnosis.reason(), diagnosis.since(), diagnosis.pods());
    return Observation.of(Verdict.of(diagnosis), diagnosis.nextCheck());
  }

  private boolean isAboutOurPod(Event event) {
    return isAboutPod(event)
        && pods.getStore().getByKey(request.namespace() + "/" + event.getInvolvedObject().getName()) != null;
  }

  private static boolean isAboutPod(Event event) {
    return event.getInvolvedObject() != null && "Pod".equals(event.getInvolvedObject().getKind());
  }

  @Override
  public void close() {
    if (watches != null) {
      watches.close();
    }
  }
}
