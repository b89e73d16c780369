package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The step from the status last written to a new diagnosis, computed once: the Events, the metrics and the log line
 * all read it. Because {@code previous} is the persisted status, a restarted operator sees no transition that was
 * already announced.
 *
 * @param previous the DeployCheck's status before this reconcile, null for a new check
 */
record Transition(DeployCheckStatus previous, Diagnosis diagnosis) {

  /** Phase or reason differ from the status last written. */
  boolean changed() {
    return previous == null || diagnosis.phase() != previousPhase() || newReason();
  }

  boolean newReason() {
    return previous == null || !diagnosis.reason().name().equals(previous.getReason());
  }

  boolean becameReady() {
    return diagnosis.phase() == Phase.Ready && previousPhase() != Phase.Ready;
  }

  boolean becameStuck() {
    return diagnosis.phase() == Phase.Stuck && previousPhase() != Phase.Stuck;
  }

  /** Ready straight from Stuck or Failed (through Progressing it is a new rollout). */
  boolean recovered() {
    Phase before = previousPhase();
    return becameReady() && before != null && before.isProblem();
  }

  /**
   * The age of the evidence when the Stuck verdict was written: from the moment its own timestamps made the verdict
   * due ({@code since} for a definitive reason, {@code since + stuckAfter} otherwise) to {@code now}. Evidence
   * timestamps come from node clocks, often in whole seconds. Empty unless this transition is into Stuck.
   */
  Optional<Duration> evidenceAge(Duration stuckAfter, Instant now) {
    if (!becameStuck() || diagnosis.since() == null) {
      return Optional.empty();
    }
    Instant due = diagnosis.reason().definitive() ? diagnosis.since() : diagnosis.since().plus(stuckAfter);
    Duration age = Duration.between(due, now);
    return Optional.of(age.isNegative() ? Duration.ZERO : age);
  }

  /** Start to Ready, when this transition is into Ready. */
  Optional<Duration> rolloutDuration(Instant now) {
    return becameReady() && diagnosis.rolloutStartedAt() != null
        ? Optional.of(Duration.between(diagnosis.rolloutStartedAt(), now)) : Optional.empty();
  }

  /** The Event this transition is worth, if any; a Warning links to the runbook at {@code runbook}. */
  Optional<Notice> notice(String runbook) {
    return Notice.of(this, runbook);
  }

  /** The phase of the status last written; null when there was none or it is not a phase we know. */
  Phase previousPhase() {
    if (previous == null || previous.getPhase() == null) {
      return null;
    }
    try {
      return Phase.valueOf(previous.getPhase());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
