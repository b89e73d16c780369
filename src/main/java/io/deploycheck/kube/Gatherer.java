package io.deploycheck.kube;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.NodeFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.diagnosis.TargetState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The one place evidence is assembled (cert-manager's gatherer is the model). The operator (informer caches),
 * {@code wait} (its own informers) and {@code diagnose} (a dump) each provide {@link Lookups}; the target state,
 * the Events per current pod, the registry's facts and the same-rollout rule are applied here, once, so the three
 * front ends judge the same cluster state the same way.
 */
public final class Gatherer {
  private Gatherer() {}

  /** What a front end knows about one check, besides its pods and Events. */
  public interface Check {
    String namespace();

    /** The InferenceService judged, or null when pods are judged on their own (an unlabelled pod in a dump). */
    String inferenceServiceName();

    /**
     * True when absence is known: a live cluster, where an InferenceService not found does not exist. False for a
     * dump, which is partial evidence: what it does not hold is unknown.
     */
    boolean complete();

    /** Whether the cluster serves the InferenceService kind; asked only when {@link #complete()}. */
    boolean kserveServed();

    /** The InferenceService object, or null when absent (or unknown). */
    GenericKubernetesResource inferenceService();

    /** The registry's word on the images these pods fail to pull; empty when the registry is not asked. */
    default List<RegistryFact> registryFacts(List<PodFacts> pods) {
      return List.of();
    }

    /**
     * The cluster's nodes, asked for only while a pod is unscheduled; empty when they are not known (a namespaced
     * operator may not read them, a dump may not hold them, wait's credentials may not list them): the scheduling
     * hint then keeps to what the scheduler's message says.
     */
    default Collection<Node> nodes() {
      return List.of();
    }

    CheckSpec spec();

    /** The DeployCheck's generation, or null when there is no DeployCheck ({@code wait} without the operator). */
    Long checkGeneration();

    /** What was said last time about this check, or null. */
    Memory memory();

    /**
     * When a rollout with no memory of its own started: the operator's first sight, {@code wait}'s start; null
     * for a dump, whose start the engine derives from the evidence (the newest revision's first pod).
     */
    Instant freshStart();
  }

  /** A front end that looks pods and Events up as Kubernetes objects (informer caches); they are mapped here. */
  public interface Lookups extends Check {
    /** The pods of the InferenceService (by KServe's label). */
    Collection<Pod> pods();

    /** The Events whose involvedObject is {@code pod}: Events of deleted pods are history and never asked for. */
    Collection<Event> eventsAbout(Pod pod);
  }

  /**
   * The last diagnosis of a check and which rollout it was about: its status, when that rollout started, and the
   * DeployCheck and InferenceService generations it was judged at.
   */
  public record Memory(PreviousStatus status, Instant rolloutStartedAt, Long checkGeneration, Long isvcGeneration) {
    /** A DeployCheck's persisted status as memory; null when there is none. */
    public static Memory of(DeployCheckStatus status) {
      return status == null ? null : new Memory(EvidenceMapper.previous(status),
          Timestamps.parse(status.getRolloutStartedAt()), status.getObservedGeneration(),
          status.getInferenceServiceGeneration());
    }
  }

  /** What was gathered, with the InferenceService object itself (Events go on it too) and its generation. */
  public record Gathered(Evidence evidence, GenericKubernetesResource isvc, Long isvcGeneration) {}

  public static Gathered gather(Lookups lookups, Instant now) {
    List<PodFacts> pods = new ArrayList<>();
    List<EventFacts> events = new ArrayList<>();
    for (Pod pod : lookups.pods()) {
      pods.add(EvidenceMapper.pod(pod));
      for (Event event : lookups.eventsAbout(pod)) {
        events.add(EvidenceMapper.event(event));
      }
    }
    return gather(lookups, pods, events, now);
  }

  /**
   * The same from evidence already mapped: a dump is read as a stream and keeps only these. {@code events} are
   * those about {@code pods}, then those about the rollout's other objects (a ReplicaSet's FailedCreate).
   */
  public static Gathered gather(Check check, List<PodFacts> pods, List<EventFacts> events, Instant now) {
    GenericKubernetesResource isvc = check.inferenceService();
    TargetState target = targetState(check, isvc != null);
    Long isvcGeneration = isvc == null ? null : isvc.getMetadata().getGeneration();
    Memory memory = check.memory();
    boolean sameRollout = sameRollout(memory, check.checkGeneration(), isvcGeneration, target);
    List<NodeFacts> nodes = pods.stream().anyMatch(pod -> pod.nodeName() == null && !pod.isFinished())
        ? check.nodes().stream().map(EvidenceMapper::node).toList() : List.of();
    Evidence evidence = new Evidence(check.namespace(), check.inferenceServiceName(), target,
        isvc == null ? null : EvidenceMapper.inferenceService(isvc), check.spec(), pods, events,
        check.registryFacts(pods), nodes, sameRollout ? memory.status() : null,
        sameRollout ? memory.rolloutStartedAt() : check.freshStart(), now);
    return new Gathered(evidence, isvc, isvcGeneration);
  }

  static TargetState targetState(Check lookups, boolean present) {
    if (present) {
      return TargetState.PRESENT;
    }
    if (!lookups.complete()) {
      return TargetState.UNKNOWN;
    }
    return lookups.kserveServed() ? TargetState.NOT_FOUND : TargetState.KSERVE_NOT_INSTALLED;
  }

  /**
   * The memory is about the current rollout when it was judged at the current DeployCheck generation and the
   * current InferenceService generation: a new generation of either starts a new rollout. An InferenceService a
   * dump does not hold has no generation to compare, so it does not end the rollout.
   */
  static boolean sameRollout(Memory memory, Long checkGeneration, Long isvcGeneration, TargetState target) {
    return memory != null && memory.rolloutStartedAt() != null
        && Objects.equals(memory.checkGeneration(), checkGeneration)
        && (target == TargetState.UNKNOWN || Objects.equals(memory.isvcGeneration(), isvcGeneration));
  }

  /** Whether an Event is about a Pod: the only Events the rules read per pod. */
  public static boolean isAboutPod(Event event) {
    return event.getInvolvedObject() != null && "Pod".equals(event.getInvolvedObject().getKind());
  }

  /** Whether an Event is pod evidence: about a Pod, and not one of the routine Events no rule reads. */
  public static boolean isPodEvidence(Event event) {
    return isAboutPod(event) && !EventFacts.ROUTINE_REASONS.contains(event.getReason());
  }

  /**
   * The field selector that asks the API server for pod evidence only ({@link #isPodEvidence}): field, value and
   * whether the value is excluded, in a stable order. The API server selects Events by {@code reason} (its
   * {@code pkg/registry/core/event/strategy.go}), so the routine Events are never sent, listed or cached.
   */
  public static List<FieldTerm> podEvidenceSelector() {
    List<FieldTerm> terms = new ArrayList<>();
    terms.add(new FieldTerm("involvedObject.kind", "Pod", false));
    EventFacts.ROUTINE_REASONS.stream().sorted().forEach(reason -> terms.add(new FieldTerm("reason", reason, true)));
    return List.copyOf(terms);
  }

  /** {@code events} narrowed by {@link #podEvidenceSelector} (a client's own request; informers take the terms). */
  public static FilterWatchListDeletable<Event, EventList, Resource<Event>> podEvidenceOnly(
      FilterWatchListDeletable<Event, EventList, Resource<Event>> events) {
    for (FieldTerm term : podEvidenceSelector()) {
      events = term.excluded() ? events.withoutField(term.field(), term.value())
          : events.withField(term.field(), term.value());
    }
    return events;
  }

  /** One term of a field selector: {@code field=value}, or {@code field!=value} when excluded. */
  public record FieldTerm(String field, String value, boolean excluded) {}
}
