package io.deploycheck.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one status write per DeployCheck per window ({@link #WINDOW} unless a test sets it) while the verdict stays the same (pods coming up
 * change the ready count and the pod list several times a second); a change of phase or reason (into Stuck, Ready,
 * Failed, or a new cause) is written at once, never held. A held write comes back when the window ends, with the
 * evidence then current.
 */
final class WritePacer {
  static final Duration WINDOW = Duration.ofSeconds(1);

  private final Duration window;
  private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

  WritePacer(Duration window) {
    this.window = window;
  }

  /** Null: write now. Otherwise the moment the write may go out. */
  Instant holdUntil(ResourceID check, Transition transition, Instant now) {
    if (transition.changed()) {
      return null;
    }
    Instant last = lastWrite.get(check);
    Instant open = last == null ? null : last.plus(window);
    return open != null && now.isBefore(open) ? open : null;
  }

  void wrote(ResourceID check, Instant at) {
    lastWrite.put(check, at);
  }

  void forget(ResourceID check) {
    lastWrite.remove(check);
  }
}
