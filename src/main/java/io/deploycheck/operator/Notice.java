package io.deploycheck.operator;

import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import java.util.Optional;

/**
 * A Kubernetes Event worth emitting: only on a transition (phase or reason changed since the status last written),
 * Warning into Stuck or Failed with the diagnosis reason, Normal into Ready: Recovered straight from Stuck or
 * Failed, RolloutReady otherwise (a rollout replaced through Progressing is a new rollout). Because the
 * comparison is with the persisted status, a restarted operator repeats nothing.
 */
record Notice(String type, String reason, String message) {
  static final String ROLLOUT_READY = "RolloutReady";
  static final String RECOVERED = "Recovered";

  /** @param runbook the runbook's address: a Warning ends with its section's absolute URL */
  static Optional<Notice> of(Transition transition, String runbook) {
    if (!transition.changed()) {
      return Optional.empty();
    }
    Diagnosis now = transition.diagnosis();
    if (now.phase().isProblem()) {
      String link = " Runbook: " + now.reason().runbookUrl(runbook);
      return Optional.of(new Notice("Warning", now.reason().name(),
          Text.bounded(now.message() + " Hint: " + now.hint(), Text.EVENT_MESSAGE - link.length()) + link));
    }
    if (transition.becameReady()) {
      return Optional.of(new Notice("Normal", transition.recovered() ? RECOVERED : ROLLOUT_READY,
          Text.bounded(now.message(), Text.EVENT_MESSAGE)));
    }
    return Optional.empty();
  }
}
