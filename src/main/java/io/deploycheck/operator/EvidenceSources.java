package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.kube.KServe;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caches a DeployCheck is judged from, and the gathering of evidence out of them. Only KServe pods are cached
 * (label selector); their Events are indexed by pod; the InferenceService informer is registered once the
 * InferenceService CRD exists, so the operator also starts, and reports KServeNotInstalled, on a cluster without
 * KServe. The caches hold what the operator's client parsed lean (kube/LeanSerialization), listed in pages.
 * Watching all namespaces, it also caches Nodes (slim: {@link NodeStore}), which say whether any node could hold an
 * unschedulable pod; a namespaced operator may not read them, and its scheduling hints keep to the scheduler's words.
 */
final class EvidenceSources {
  static final String PODS = "pods";
  static final String EVENTS = "events";
  static final String CRD = "kserve-crd";
  static final String INFERENCE_SERVICES = "inferenceservices";
  static final String NODES = "nodes";
  /**
   * Objects per page of an informer's initial LIST (client-go's pager uses 500 too): a start-up then holds one page
   * of responses at a time instead of every pod of the cluster at once, so it fits the steady heap.
   */
  static final long LIST_PAGE = 500;
  private static final String BY_TARGET = "by-target";
  private static final String BY_POD = "by-pod";
  private static final GroupVersionKind ISVC_GVK =
      new GroupVersionKind(KServe.GROUP, KServe.VERSION, KServe.KIND);

  /** The registry's word on images that fail to pull; null when verification is off. */
  private final RegistryVerification registry;
  private final boolean serverSideEventFilter;
  private final boolean readNodes;
  private final Arrivals arrivals;
  private EventSourceContext<DeployCheck> sourceContext;
  private InformerEventSource<Pod, DeployCheck> pods;
  private InformerEventSource<Event, DeployCheck> events;
  private InformerEventSource<CustomResourceDefinition, DeployCheck> crd;
  private InformerEventSource<Node, DeployCheck> nodes;
  private volatile InformerEventSource<GenericKubernetesResource, DeployCheck> inferenceServices;

  /**
   * @param serverSideEventFilter ask the API server for Pod events only (a field selector); off where the API
   *     server cannot (the fabric8 mock server), the same filter then runs in memory
   * @param readNodes cache Nodes: only when all namespaces are watched, which is when the chart grants it
   * @param arrivals stamped when a watch delivery concerns a check (the detection latency starts there)
   */
  EvidenceSources(RegistryVerification registry, boolean serverSideEventFilter, boolean readNodes,
      Arrivals arrivals) {
    this.registry = registry;
    this.serverSideEventFilter = serverSideEventFilter;
    this.readNodes = readNodes;
    this.arrivals = arrivals;
  }

  /**
   * The informers, each saying which of its objects a DeployCheck has from the caches' own indexes
   * (primary-to-secondary mappers): without one, JOSDK keeps an index of its own, an id and a set entry for every pod
   * and Event.
   */
  List<EventSource<?, DeployCheck>> prepare(EventSourceContext<DeployCheck> context) {
    this.sourceContext = context;
    context.getPrimaryCache().addIndexer(BY_TARGET, check -> check.getSpec() == null ? List.of()
        : List.of(key(check.getMetadata().getNamespace(), check.getSpec().getInferenceService())));
    pods = podSource(context);
    events = eventSource(context);
    crd = crdSource(context);
    if (!readNodes) {
      return List.of(pods, events, crd);
    }
    nodes = nodeSource(context);
    return List.of(pods, events, crd, nodes);
  }

  private InformerEventSource<Pod, DeployCheck> podSource(EventSourceContext<DeployCheck> context) {
    var source = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, DeployCheck.class)
        .withName(PODS)
        .withLabelSelector(KServe.LABEL_INFERENCE_SERVICE)
        .withInformerListLimit(LIST_PAGE)
        .withSecondaryToPrimaryMapper(pod -> checksFor(pod.getMetadata().getNamespace(), isvcOf(pod)))
        .withPrimaryToSecondaryMapper((DeployCheck check) -> ids(podsOf(check)))
        .build(), context);
    source.addIndexers(Map.of(BY_TARGET, pod -> List.of(key(pod.getMetadata().getNamespace(), isvcOf(pod)))));
    return source;
  }

  private InformerEventSource<Event, DeployCheck> eventSource(EventSourceContext<DeployCheck> context) {
    var config = InformerEventSourceConfiguration.from(Event.class, DeployCheck.class)
        .withName(EVENTS)
        .withInformerListLimit(LIST_PAGE)
        .withOnAddFilter(Gatherer::isPodEvidence)
        .withOnUpdateFilter((before, after) -> Gatherer.isPodEvidence(after))
        .withSecondaryToPrimaryMapper(this::checksForEvent)
        .withPrimaryToSecondaryMapper((DeployCheck check) -> ids(podsOf(check).stream()
            .flatMap(pod -> eventsAbout(check.getMetadata().getNamespace(), pod).stream()).toList()));
    if (serverSideEventFilter) {
      config.withFieldSelector(new FieldSelector(Gatherer.podEvidenceSelector().stream()
          .map(term -> new FieldSelector.Field(term.field(), term.value(), term.excluded())).toList()));
    }
    var source = new InformerEventSource<>(config.build(), context);
    source.addIndexers(Map.of(BY_POD, e -> Gatherer.isPodEvidence(e)
        ? List.of(key(e.getInvolvedObject().getNamespace(), e.getInvolvedObject().getName())) : List.of()));
    return source;
  }

  private InformerEventSource<CustomResourceDefinition, DeployCheck> crdSource(
      EventSourceContext<DeployCheck> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration
        .from(CustomResourceDefinition.class, DeployCheck.class)
        .withName(CRD)
        .withWatchAllNamespaces()
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", KServe.CRD_NAME)))
        .withSecondaryToPrimaryMapper(ignored -> allChecks())
        .withPrimaryToSecondaryMapper(check -> Set.of(new ResourceID(KServe.CRD_NAME)))
        .build(), context);
  }

  /**
   * A lookup only: when a node joins or frees room the scheduler retries the pending pod, and the pod's change or its
   * new FailedScheduling Event triggers the reconcile.
   */
  private InformerEventSource<Node, DeployCheck> nodeSource(EventSourceContext<DeployCheck> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, DeployCheck.class)
        .withName(NODES)
        .withWatchAllNamespaces()
        .withItemStore(new NodeStore())
        .withInformerListLimit(LIST_PAGE)
        .withSecondaryToPrimaryMapper(node -> Set.of())
        .build(), context);
  }

  /** Everything the engine needs about {@code check}, now. */
  Gatherer.Gathered gather(DeployCheck check, Context<DeployCheck> context, Instant now) {
    return Gatherer.gather(new CacheLookups(check, context, now), now);
  }

  /** The informer caches as the gatherer's lookups, for one check at one moment. */
  private final class CacheLookups implements Gatherer.Lookups {
    private final DeployCheck check;
    private final Context<DeployCheck> context;
    private final Instant now;
    private final String target;

    CacheLookups(DeployCheck check, Context<DeployCheck> context, Instant now) {
      this.check = check;
      this.context = context;
      this.now = now;
      this.target = check.getSpec() == null ? null : check.getSpec().getInferenceService();
    }

    @Override
    public String namespace() {
      return check.getMetadata().getNamespace();
    }

    @Override
    public String inferenceServiceName() {
      return target;
    }

    @Override
    public boolean complete() {
      return true;
    }

    @Override
    public boolean kserveServed() {
      return crd.get(new ResourceID(KServe.CRD_NAME)).isPresent();
    }

    @Override
    public GenericKubernetesResource inferenceService() {
      return target == null || !kserveServed() ? null
          : inferenceServices(context).get(new ResourceID(target, namespace())).orElse(null);
    }

    @Override
    public Collection<Pod> pods() {
      return podsOf(check);
    }

    @Override
    public Collection<Event> eventsAbout(Pod pod) {
      return EvidenceSources.this.eventsAbout(namespace(), pod);
    }

    @Override
    public Collection<Node> nodes() {
      return nodes == null ? List.of() : nodes.list(node -> true).toList();
    }

    @Override
    public List<RegistryFact> registryFacts(List<PodFacts> pods) {
      return registry == null || check.getSpec() == null ? List.of()
          : registry.facts(pods, check.getSpec().getRegistry());
    }

    @Override
    public CheckSpec spec() {
      return EvidenceMapper.spec(check);
    }

    @Override
    public Long checkGeneration() {
      return check.getMetadata().getGeneration();
    }

    @Override
    public Gatherer.Memory memory() {
      return Gatherer.Memory.of(check.getStatus());
    }

    @Override
    public Instant freshStart() {
      return now;
    }
  }

  /** The InferenceService informer, registered on first need once the CRD exists (blocks until synced). */
  @SuppressWarnings("unchecked")
  private InformerEventSource<GenericKubernetesResource, DeployCheck> inferenceServices(
      Context<DeployCheck> context) {
    if (inferenceServices != null) {
      return inferenceServices;
    }
    var source = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(ISVC_GVK, DeployCheck.class)
        .withName(INFERENCE_SERVICES)
        .withInformerListLimit(LIST_PAGE)
        .withSecondaryToPrimaryMapper(isvc -> checksFor(isvc.getMetadata().getNamespace(),
            isvc.getMetadata().getName()))
        .withPrimaryToSecondaryMapper((DeployCheck check) -> check.getSpec() == null ? Set.of()
            : Set.of(new ResourceID(check.getSpec().getInferenceService(), check.getMetadata().getNamespace())))
        .build(), sourceContext);
    inferenceServices = (InformerEventSource<GenericKubernetesResource, DeployCheck>)
        context.eventSourceRetriever().dynamicallyRegisterEventSource(source);
    return inferenceServices;
  }

  private List<Pod> podsOf(DeployCheck check) {
    return check.getSpec() == null ? List.of()
        : pods.byIndex(BY_TARGET, key(check.getMetadata().getNamespace(), check.getSpec().getInferenceService()));
  }

  private List<Event> eventsAbout(String namespace, Pod pod) {
    return events.byIndex(BY_POD, key(namespace, pod.getMetadata().getName()));
  }

  private static Set<ResourceID> ids(List<? extends HasMetadata> resources) {
    return resources.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private Set<ResourceID> checksForEvent(Event event) {
    String namespace = event.getInvolvedObject().getNamespace();
    return pods.get(new ResourceID(event.getInvolvedObject().getName(), namespace))
        .map(pod -> checksFor(namespace, isvcOf(pod)))
        .orElse(Set.of());
  }

  /** The checks a watch delivery concerns; called by the informers as they deliver it, so it stamps the arrival. */
  private Set<ResourceID> checksFor(String namespace, String isvc) {
    Set<ResourceID> checks = sourceContext.getPrimaryCache().byIndex(BY_TARGET, key(namespace, isvc)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
    arrivals.arrived(checks);
    return checks;
  }

  private Set<ResourceID> allChecks() {
    return sourceContext.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static String isvcOf(HasMetadata pod) {
    return Objects.requireNonNullElse(KServe.inferenceServiceOf(pod), "");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
