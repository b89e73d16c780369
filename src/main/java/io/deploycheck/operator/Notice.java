package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
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
  static Optional<Notice> of(DeployCheckStatus previous, Diagnosis now, String runbook) {
    String previousPhase = previous == null ? null : previous.getPhase();
    boolean changed = previous == null || !now.phase().name().equals(previousPhase)
        || !now.reason().name().equals(previous.getReason());
    if (!changed) {
      return Optional.empty();
    }
    if (now.phase().isProblem()) {
      String link = " Runbook: " + now.reason().runbookUrl(runbook);
      return Optional.of(new Notice("Warning", now.reason().name(),
          Text.bounded(now.message() + " Hint: " + now.hint(), Text.EVENT_MESSAGE - link.length()) + link));
    }
    if (now.phase() == Phase.Ready && !Phase.Ready.name().equals(previousPhase)) {
      boolean wasBroken = Phase.Stuck.name().equals(previousPhase) || Phase.Failed.name().equals(previousPhase);
      return Optional.of(new Notice("Normal", wasBroken ? RECOVERED : ROLLOUT_READY,
          Text.bounded(now.message(), Text.EVENT_MESSAGE)));
    }
    return Optional.empty();
  }
}
