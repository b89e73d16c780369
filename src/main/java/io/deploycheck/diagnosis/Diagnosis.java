package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * The engine's verdict on one rollout at one moment.
 *
 * @param since when the current reason was first seen
 * @param pods each selected pod's own reason
 * @param warnings problems that do not block the rollout
 * @param evidence one line per piece of evidence behind the reason, most telling first
 * @param nextCheck when the verdict changes by itself if nothing else happens (null: never)
 * @param guideProblem the guide's problem this case is (a login failure is problem 1 in a pipeline, 4 on a node)
 */
public record Diagnosis(
    Phase phase,
    Reason reason,
    String message,
    String hint,
    Instant since,
    Instant rolloutStartedAt,
    int readyPods,
    int totalPods,
    List<PodVerdict> pods,
    List<Finding> warnings,
    List<String> evidence,
    Instant nextCheck,
    Integer guideProblem) {

  public Diagnosis {
    pods = List.copyOf(pods);
    warnings = List.copyOf(warnings);
    evidence = List.copyOf(evidence);
  }

  /** A diagnosis whose guide problem is its reason's (everything but a pipeline's login failure). */
  public Diagnosis(Phase phase, Reason reason, String message, String hint, Instant since, Instant rolloutStartedAt,
      int readyPods, int totalPods, List<PodVerdict> pods, List<Finding> warnings, List<String> evidence,
      Instant nextCheck) {
    this(phase, reason, message, hint, since, rolloutStartedAt, readyPods, totalPods, pods, warnings, evidence,
        nextCheck, reason.guideProblem());
  }

  public Category category() {
    return reason.category();
  }
}
