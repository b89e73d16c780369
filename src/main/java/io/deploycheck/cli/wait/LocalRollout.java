package io.deploycheck.cli.wait;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.Timestamps;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Follows the rollout without the operator: informers on the InferenceService, its pods (by KServe's label) and the
 * namespace's pod Events are the lookups of the same gatherer and engine the operator uses. Like the operator, it
 * remembers: the rollout started when wait did, and the last diagnosis is the previous status (until a new
 * InferenceService generation starts a new rollout), so {@code since} stays put and a specific image-pull cause
 * survives kubelet's generic back-off. Like the operator, it asks the registry (ECR) about images that fail to pull,
 * so both give the same answer.
 */
final class LocalRollout implements RolloutSource {
  private static final String BY_POD = "by-pod";
  /** How long a node list is reused: nodes change in minutes, and observe runs on every watch event. */
  private static final Duration NODES_FRESH = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final boolean eventFieldSelectors;
  private final WaitRequest request;
  private final CheckSpec spec;
  /** Asked about images that fail to pull; null when the registry is not verified. */
  private final RegistryVerification registry;
  private final RegistrySpec registrySpec;
  private final DiagnosisEngine engine;
  private final Instant startedAt;
  private final String why;
  private Watches watches;
  private boolean kserveServed;
  private SharedIndexInformer<GenericKubernetesResource> inferenceServices;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Event> events;
  private final Gatherer.Lookups lookups = new InformerLookups();
  private Gatherer.Memory memory;
  private Instant observing;
  private List<Node> nodes = List.of();
  private Instant nodesRead;
  /** A pipeline's credentials often may not list nodes (a namespaced role); then they are not asked again. */
  private boolean nodesForbidden;

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
  void follow(DeployCheckStatus operatorStatus) {
    memory = new Gatherer.Memory(EvidenceMapper.previous(operatorStatus),
        Timestamps.parse(operatorStatus.getRolloutStartedAt()), null, operatorStatus.getInferenceServiceGeneration());
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
    FilterWatchListDeletable<Event, EventList, Resource<Event>> namespaceEvents =
        client.v1().events().inNamespace(namespace);
    var podEvents = eventFieldSelectors ? Gatherer.podEvidenceOnly(namespaceEvents) : namespaceEvents;
    events = watches.add(podEvents
        .withIndexers(Map.of(BY_POD, e -> Gatherer.isPodEvidence(e) ? List.of(e.getInvolvedObject().getName())
            : List.of()))
        .inform(Changes.matching(this::isAboutOurPod, changed)));
  }

  @Override
  public Observation observe(Instant now) {
    watches.check();
    observing = now;
    Gatherer.Gathered gathered = Gatherer.gather(lookups, now);
    Diagnosis diagnosis = engine.diagnose(gathered.evidence());
    memory = new Gatherer.Memory(new PreviousStatus(diagnosis.reason(), diagnosis.since(), diagnosis.pods()),
        diagnosis.rolloutStartedAt(), null, gathered.isvcGeneration());
    return Observation.of(Verdict.of(diagnosis), diagnosis.nextCheck());
  }

  /**
   * The cluster's nodes, read by one LIST (reused for {@link #NODES_FRESH}) when the gatherer asks, which is only
   * while a pod is unscheduled; empty when they may not be read, and the hint then keeps to the scheduler's words.
   */
  private List<Node> nodes() {
    if (nodesForbidden || nodesRead != null && nodesRead.plus(NODES_FRESH).isAfter(observing)) {
      return nodes;
    }
    try {
      nodes = client.nodes().list().getItems();
    } catch (KubernetesClientException e) {
      nodesForbidden = e.getCode() == 401 || e.getCode() == 403;
      nodes = List.of();
    }
    nodesRead = observing;
    return nodes;
  }

  private boolean isAboutOurPod(Event event) {
    return Gatherer.isPodEvidence(event)
        && pods.getStore().getByKey(request.namespace() + "/" + event.getInvolvedObject().getName()) != null;
  }

  /** wait's own informers as the gatherer's lookups; its memory is its last diagnosis. */
  private final class InformerLookups implements Gatherer.Lookups {
    @Override
    public String namespace() {
      return request.namespace();
    }

    @Override
    public String inferenceServiceName() {
      return request.inferenceService();
    }

    @Override
    public boolean complete() {
      return true;
    }

    @Override
    public boolean kserveServed() {
      return kserveServed;
    }

    @Override
    public GenericKubernetesResource inferenceService() {
      return kserveServed ? inferenceServices.getStore().getByKey(request.target()) : null;
    }

    @Override
    public Collection<Pod> pods() {
      return pods.getStore().list();
    }

    @Override
    public Collection<Event> eventsAbout(Pod pod) {
      return events.getIndexer().byIndex(BY_POD, pod.getMetadata().getName());
    }

    @Override
    public Collection<Node> nodes() {
      return LocalRollout.this.nodes();
    }

    @Override
    public List<RegistryFact> registryFacts(List<PodFacts> failing) {
      return registry == null ? List.of() : registry.facts(failing, registrySpec);
    }

    @Override
    public CheckSpec spec() {
      return spec;
    }

    @Override
    public Long checkGeneration() {
      return null;
    }

    @Override
    public Gatherer.Memory memory() {
      return memory;
    }

    @Override
    public Instant freshStart() {
      return startedAt;
    }
  }

  @Override
  public void close() {
    if (watches != null) {
      watches.close();
    }
  }
}
