package io.deploycheck.cli.wait;

import io.deploycheck.diagnosis.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The wait itself: look at the rollout whenever a watch saw a change or a time-based transition falls due (the
 * diagnosis' nextCheck), never on a fixed interval; stop on Ready, Stuck, Failed or the timeout.
 */
final class Waiter {
  /** Wake just after a transition's moment, so the engine sees it as passed (as the reconciler does). */
  private static final Duration PAST_DUE = Duration.ofMillis(1);

  private final Clock clock;

  Waiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param start when the wait began: the in-process rollout's start too, so its deadline is the timeout exactly
   * @param progress called with each observation that differs from the one before, and the time waited so far
   * @return the last observation and whether the timeout ended the wait
   */
  Outcome await(RolloutSource source, Instant start, Duration timeout, BiConsumer<Observation, Duration> progress)
      throws InterruptedException {
    Instant giveUp = start.plus(timeout);
    Wakeup wakeup = new Wakeup();
    source.start(wakeup::signal);
    Observation last = null;
    while (true) {
      Instant now = clock.instant();
      Observation current = source.observe(now);
      if (current.differsFrom(last)) {
        progress.accept(current, Duration.between(start, now));
      }
      last = current;
      boolean timedOut = !now.isBefore(giveUp);
      Phase phase = last.verdict() == null ? null : last.verdict().phase();
      if (phase == Phase.Ready) {
        return new Outcome(last, false);
      }
      if (timedOut || phase == Phase.Stuck || phase == Phase.Failed) {
        return new Outcome(last, timedOut);
      }
      Instant wakeAt = last.nextCheck() != null && last.nextCheck().isBefore(giveUp)
          ? last.nextCheck() : giveUp;
      wakeup.await(Duration.between(now, wakeAt).plus(PAST_DUE));
    }
  }

  /** How the wait ended. */
  record Outcome(Observation last, boolean timedOut) {}
}
