package io.deploycheck.kube;

import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A rollout's pods, as cached by an informer, and the Events about each of them, as evidence. Events are gathered
 * per current pod, so the Events of a deleted pod (the API server keeps them an hour) are history, never judged.
 * Shared by the operator's caches and by {@code deploycheck wait}'s own informers.
 */
public record PodEvidence(List<PodFacts> pods, List<EventFacts> events) {
  public PodEvidence {
    pods = List.copyOf(pods);
    events = List.copyOf(events);
  }

  /** @param eventsAbout the cached Events whose involvedObject is the given pod */
  public static PodEvidence of(Collection<Pod> pods, Function<Pod, ? extends Collection<Event>> eventsAbout) {
    List<PodFacts> podFacts = new ArrayList<>();
    List<EventFacts> eventFacts = new ArrayList<>();
    for (Pod pod : pods) {
      podFacts.add(EvidenceMapper.pod(pod));
      for (Event event : eventsAbout.apply(pod)) {
        eventFacts.add(EvidenceMapper.event(event));
      }
    }
    return new PodEvidence(podFacts, eventFacts);
  }
}
