package io.deploycheck.cli.wait;

import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.Phase;
import java.time.Duration;

/**
 * How a wait ended: its last observation, whether the timeout ended it, and the health check's answer (null when
 * none was asked for or the rollout never became Ready).
 */
record WaitResult(String target, Waiter.Outcome outcome, Duration timeout, HealthResult health) {
  WaitResult withHealth(HealthResult answer) {
    return new WaitResult(target, outcome, timeout, answer);
  }

  Verdict verdict() {
    return outcome.last().verdict();
  }

  boolean ready() {
    return verdict() != null && verdict().phase() == Phase.Ready && !outcome.timedOut();
  }

  /** Exit code 0: Ready, and healthy when asked. */
  boolean succeeded() {
    return ready() && (health == null || health.ok());
  }
}
