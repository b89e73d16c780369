package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.diagnosis.TargetState;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.PodEvidence;
import io.deploycheck.kube.Timestamps;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caches a DeployCheck is judged from, and the gathering of evidence out of them. Only KServe pods are cached
 * (label selector); their Events are indexed by pod; the InferenceService informer is registered once the
 * InferenceService CRD exists, so the operator also starts, and reports KServeNotInstalled, on a cluster without
 * KServe.
 */
final class EvidenceSources {
  static final String PODS = "pods";
  static final String EVENTS = "events";
  static final String CRD = "kserve-crd";
  static final String INFERENCE_SERVICES = "inferenceservices";
  private static final String BY_TARGET = "by-target";
  private static final String BY_POD = "by-pod";
  private static final GroupVersionKind ISVC_GVK =
      new GroupVersionKind(KServe.GROUP, KServe.VERSION, KServe.KIND);

  /** The registry's word on images that fail to pull; null when verification is off. */
  private final RegistryVerification registry;
  private final boolean serverSideEventFilter;
  private EventSourceContext<DeployCheck> sourceContext;
  private InformerEventSource<Pod, DeployCheck> pods;
  private InformerEventSource<Event, DeployCheck> events;
  private InformerEventSource<CustomResourceDefinition, DeployCheck> crd;
  private volatile InformerEventSource<GenericKubernetesResource, DeployCheck> inferenceServices;

  /**
   * @param serverSideEventFilter ask the API server for Pod events only (a field selector); off where the API
   *     server cannot (the fabric8 mock server), the same filter then runs in memory
   */
  EvidenceSources(RegistryVerification registry, boolean serverSideEventFilter) {
    this.registry = registry;
    this.serverSideEventFilter = serverSideEventFilter;
  }

  List<EventSource<?, DeployCheck>> prepare(EventSourceContext<DeployCheck> context) {
    this.sourceContext = context;
    context.getPrimaryCache().addIndexer(BY_TARGET, check -> check.getSpec() == null ? List.of()
        : List.of(key(check.getMetadata().getNamespace(), check.getSpec().getInferenceService())));

    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, DeployCheck.class)
        .withName(PODS)
        .withLabelSelector(KServe.LABEL_INFERENCE_SERVICE)
        .withSecondaryToPrimaryMapper(pod -> checksFor(pod.getMetadata().getNamespace(), isvcOf(pod)))
        .build(), context);
    pods.addIndexers(Map.of(BY_TARGET, pod -> List.of(key(pod.getMetadata().getNamespace(), isvcOf(pod)))));

    var eventConfig = InformerEventSourceConfiguration.from(Event.class, DeployCheck.class)
        .withName(EVENTS)
        .withOnAddFilter(EvidenceSources::isAboutPod)
        .withOnUpdateFilter((before, after) -> isAboutPod(after))
        .withSecondaryToPrimaryMapper(this::checksForEvent);
    if (serverSideEventFilter) {
      eventConfig.withFieldSelector(new FieldSelector(new FieldSelector.Field("involvedObject.kind", "Pod")));
    }
    events = new InformerEventSource<>(eventConfig.build(), context);
    events.addIndexers(Map.of(BY_POD, e -> isAboutPod(e)
        ? List.of(key(e.getInvolvedObject().getNamespace(), e.getInvolvedObject().getName())) : List.of()));

    crd = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(CustomResourceDefinition.class, DeployCheck.class)
        .withName(CRD)
        .withWatchAllNamespaces()
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", KServe.CRD_NAME)))
        .withSecondaryToPrimaryMapper(ignored -> allChecks())
        .build(), context);
    return List.of(pods, events, crd);
  }

  /** Everything the engine needs about {@code check}, now. */
  Gathered gather(DeployCheck check, Context<DeployCheck> context, Instant now) {
    String namespace = check.getMetadata().getNamespace();
    String target = check.getSpec() == null ? null : check.getSpec().getInferenceService();
    GenericKubernetesResource isvc = null;
    TargetState state;
    if (crd.get(new ResourceID(KServe.CRD_NAME)).isEmpty()) {
      state = TargetState.KSERVE_NOT_INSTALLED;
    } else {
      isvc = target == null ? null : inferenceServices(context).get(new ResourceID(target, namespace)).orElse(null);
      state = isvc == null ? TargetState.NOT_FOUND : TargetState.PRESENT;
    }
    PodEvidence observed = PodEvidence.of(
        target == null ? List.<Pod>of() : pods.byIndex(BY_TARGET, key(namespace, target)),
        pod -> events.byIndex(BY_POD, key(namespace, pod.getMetadata().getName())));
    List<RegistryFact> facts = registry == null || check.getSpec() == null ? List.of()
        : registry.facts(observed.pods(), check.getSpec().getRegistry());

    Long isvcGeneration = isvc == null ? null : isvc.getMetadata().getGeneration();
    DeployCheckStatus status = check.getStatus();
    boolean sameRollout = status != null && status.getRolloutStartedAt() != null
        && Objects.equals(status.getObservedGeneration(), check.getMetadata().getGeneration())
        && Objects.equals(status.getInferenceServiceGeneration(), isvcGeneration);
    PreviousStatus previous = sameRollout ? EvidenceMapper.previous(status) : null;
    Instant started = sameRollout ? Timestamps.parse(status.getRolloutStartedAt()) : now;
    CheckSpec spec = EvidenceMapper.spec(check);
    Evidence evidence = new Evidence(namespace, target, state,
        isvc == null ? null : EvidenceMapper.inferenceService(isvc), spec, observed.pods(), observed.events(), facts,
        previous, started, now);
    return new Gathered(evidence, isvc, isvcGeneration);
  }

  /** What was gathered, with the InferenceService object itself (Events go on it too). */
  record Gathered(Evidence evidence, GenericKubernetesResource isvc, Long isvcGeneration) {}

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
        .withSecondaryToPrimaryMapper(isvc -> checksFor(isvc.getMetadata().getNamespace(),
            isvc.getMetadata().getName()))
        .build(), sourceContext);
    inferenceServices = (InformerEventSource<GenericKubernetesResource, DeployCheck>)
        context.eventSourceRetriever().dynamicallyRegisterEventSource(source);
    return inferenceServices;
  }

  private Set<ResourceID> checksForEvent(Event event) {
    String namespace = event.getInvolvedObject().getNamespace();
    return pods.get(new ResourceID(event.getInvolvedObject().getName(), namespace))
        .map(pod -> checksFor(namespace, isvcOf(pod)))
        .orElse(Set.of());
  }

  private Set<ResourceID> checksFor(String namespace, String isvc) {
    return sourceContext.getPrimaryCache().byIndex(BY_TARGET, key(namespace, isvc)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private Set<ResourceID> allChecks() {
    return sourceContext.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static boolean isAboutPod(Event event) {
    return event.getInvolvedObject() != null && "Pod".equals(event.getInvolvedObject().getKind());
  }

  private static String isvcOf(HasMetadata pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(KServe.LABEL_INFERENCE_SERVICE, "");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
