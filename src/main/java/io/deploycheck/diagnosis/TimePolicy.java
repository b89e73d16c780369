package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;

/**
 * Phase and next check from time alone (DESIGN "Phases and time"): a definitive problem is Stuck at once, another
 * after it has lasted {@code stuckAfter}; anything not Ready at the progress deadline is Failed; the next check is
 * the earliest moment the verdict would change by itself, never in the past, and none once Ready or Failed.
 */
record TimePolicy(Duration stuckAfter, Instant deadline, Instant now) {

  /** @param problem the top blocking reason, or null when none is known */
  Phase phase(boolean ready, Reason problem, Instant since) {
    if (ready) {
      return Phase.Ready;
    }
    if (!deadline.isAfter(now)) {
      return Phase.Failed;
    }
    return problem != null && isStuck(problem, since) ? Phase.Stuck : Phase.Progressing;
  }

  /** @param wakeAt when a rule's own budget or wait runs out, or null */
  Instant nextCheck(Phase phase, Reason problem, Instant since, Instant wakeAt) {
    if (phase == Phase.Ready || phase == Phase.Failed) {
      return null;
    }
    Instant next = wakeAt;
    if (problem != null && !isStuck(problem, since)) {
      next = earliest(next, since.plus(stuckAfter));
    }
    return earliest(next, deadline);
  }

  private boolean isStuck(Reason problem, Instant since) {
    return problem.definitive() || !since.plus(stuckAfter).isAfter(now);
  }

  private Instant earliest(Instant current, Instant candidate) {
    if (candidate == null || !candidate.isAfter(now)) {
      return current;
    }
    return current == null || candidate.isBefore(current) ? candidate : current;
  }
}
