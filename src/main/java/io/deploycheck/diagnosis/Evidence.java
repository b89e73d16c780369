package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * Everything the engine knows about one check at one moment: built from informer caches by the operator, from a
 * dump by {@code diagnose}. Time is part of the evidence ({@code now}), so a diagnosis is a pure function of it.
 *
 * @param rolloutStartedAt when the current rollout began, deadlines count from here; null to derive it from the
 *     evidence (the newest revision's first pod, else the InferenceService's creation), as offline diagnosis does
 * @param nodes the cluster's nodes, empty when not known (a namespaced operator, a dump without Nodes); asked for
 *     only while a pod is unscheduled
 * @param previous the last status written, or null
 */
public record Evidence(
    String namespace,
    String inferenceService,
    TargetState target,
    InferenceServiceFacts isvc,
    CheckSpec spec,
    List<PodFacts> pods,
    List<EventFacts> events,
    List<RegistryFact> registry,
    List<NodeFacts> nodes,
    PreviousStatus previous,
    Instant rolloutStartedAt,
    Instant now) {

  public Evidence {
    pods = pods == null ? List.of() : List.copyOf(pods);
    events = events == null ? List.of() : List.copyOf(events);
    registry = registry == null ? List.of() : List.copyOf(registry);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    spec = spec == null ? CheckSpec.defaults() : spec;
  }

  public Evidence withRolloutStartedAt(Instant start) {
    return new Evidence(namespace, inferenceService, target, isvc, spec, pods, events, registry, nodes, previous, start,
        now);
  }

  /** The registry's own word on an image, or null when it was not asked. */
  public RegistryFact registryFact(String image) {
    for (RegistryFact fact : registry) {
      if (ImageRef.sameImage(fact.image(), image)) {
        return fact;
      }
    }
    return null;
  }
}
