package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * At most one pending wake-up per DeployCheck, for the moment its next time-based transition falls due.
 *
 * <p>Why not JOSDK's {@code rescheduleAfter}: it goes through {@code TimerEventSource}, a {@code java.util.Timer}.
 * Every reconcile cancels the check's task and schedules a new one, and a cancelled {@code TimerTask} stays in the
 * Timer's queue until its time comes (minutes for a stuckAfter, hours for the max-reconciliation interval); at 1,000
 * checks 24,630 such tasks were live. Here an executor that removes a task from its queue when it is cancelled holds
 * one task per check: the same deadline keeps the task, a new one replaces it, and a deleted check's is removed.
 */
final class WakeUps extends AbstractEventSource<Void, DeployCheck> {
  static final String NAME = "wake-ups";

  private final Clock clock;
  private final Arrivals arrivals;
  private final ScheduledThreadPoolExecutor timer;
  private final Map<ResourceID, Scheduled> pending = new ConcurrentHashMap<>();

  WakeUps(Clock clock, Arrivals arrivals) {
    super(Void.class, NAME);
    this.clock = clock;
    this.arrivals = arrivals;
    this.timer = Timers.daemon("deploycheck-wake-ups");
  }

  /** Wake {@code check} at {@code when}, instead of any earlier plan; null: no wake-up needed. */
  void at(ResourceID check, Instant when) {
    if (when == null) {
      cancel(check);
      return;
    }
    pending.compute(check, (id, current) -> {
      if (current != null && current.when().equals(when)) {
        return current;
      }
      if (current != null) {
        current.task().cancel(false);
      }
      long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis()) + 1;
      return new Scheduled(when, timer.schedule(() -> fire(id, when), delay, TimeUnit.MILLISECONDS));
    });
  }

  void cancel(ResourceID check) {
    Scheduled current = pending.remove(check);
    if (current != null) {
      current.task().cancel(false);
    }
  }

  /** Tasks in the executor's queue: what {@link #at} promises to keep at one per check. */
  int queued() {
    return timer.getQueue().size();
  }

  private void fire(ResourceID check, Instant when) {
    pending.computeIfPresent(check, (id, current) -> current.when().equals(when) ? null : current);
    if (isRunning()) {
      arrivals.arrived(Set.of(check));
      getEventHandler().handleEvent(new Event(check));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(DeployCheck primary) {
    return Set.of();
  }

  @Override
  public void stop() {
    super.stop();
    timer.shutdownNow();
  }

  private record Scheduled(Instant when, ScheduledFuture<?> task) {}
}
