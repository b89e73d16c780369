package io.deploycheck.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When new evidence about a DeployCheck reached the operator: the first watch delivery (a pod, an Event, the
 * InferenceService) or wake-up since the check was last reconciled, stamped as the informer hands it over. The
 * detection latency runs from here to the status write the API server acknowledged; a change of the DeployCheck
 * itself is not stamped, and counts from the start of its reconcile.
 */
final class Arrivals {
  private final Clock clock;
  private final Map<ResourceID, Instant> first = new ConcurrentHashMap<>();

  Arrivals(Clock clock) {
    this.clock = clock;
  }

  void arrived(Collection<ResourceID> checks) {
    Instant now = clock.instant();
    for (ResourceID check : checks) {
      first.putIfAbsent(check, now);
    }
  }

  /** The arrival a reconcile is about to judge, removed; null when nothing was stamped. */
  Instant take(ResourceID check) {
    return first.remove(check);
  }

  /** A reconcile that wrote nothing hands its arrival back: the write that follows is still answering it. */
  void keep(ResourceID check, Instant arrival) {
    if (arrival != null) {
      first.merge(check, arrival, (a, b) -> a.isBefore(b) ? a : b);
    }
  }

  void forget(ResourceID check) {
    first.remove(check);
  }
}
