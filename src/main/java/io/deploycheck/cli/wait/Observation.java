package io.deploycheck.cli.wait;

import io.deploycheck.cli.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * The rollout as seen at one moment: a verdict, or, while there is none yet, what wait is waiting for.
 *
 * @param awaiting what is missing (and what to check should it never come), when there is no verdict
 * @param nextCheck when the verdict changes by itself if nothing else happens (in-process only: the operator
 *     schedules its own); null for never
 */
record Observation(Verdict verdict, Awaiting awaiting, Instant nextCheck) {
  record Awaiting(String message, String hint) {}

  static Observation of(Verdict verdict, Instant nextCheck) {
    return new Observation(verdict, null, nextCheck);
  }

  static Observation awaiting(String message, String hint) {
    return new Observation(null, new Awaiting(message, hint), null);
  }

  /** This observation, due for another look at {@code at} at the latest. */
  Observation lookAgainBy(Instant at) {
    return nextCheck != null && nextCheck.isBefore(at) ? this : new Observation(verdict, awaiting, at);
  }

  /** Worth a progress line: phase, reason or pod counts differ, or what is awaited. */
  boolean differsFrom(Observation other) {
    if (other == null || (verdict == null) != (other.verdict == null)) {
      return true;
    }
    if (verdict == null) {
      return !Objects.equals(awaiting, other.awaiting);
    }
    return verdict.phase() != other.verdict.phase() || verdict.reason() != other.verdict.reason()
        || verdict.readyPods() != other.verdict.readyPods() || verdict.totalPods() != other.verdict.totalPods();
  }
}
