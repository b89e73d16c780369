package io.deploycheck.cli;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.Warning;
import io.deploycheck.diagnosis.Category;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Finding;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.Reason;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnosis as it is shown: made in-process by the engine ({@link #of(Diagnosis)}), or read back from a
 * DeployCheck's status where the operator wrote it ({@link #of(DeployCheckStatus)}). One shape, so {@link Renderer}
 * prints both alike.
 *
 * @param pods each pod's own verdict (a status holds at most ten)
 * @param evidence the lines behind the reason; a status does not keep them, so it gives none
 */
public record Verdict(Phase phase, Reason reason, String message, String hint, Instant since, int readyPods,
    int totalPods, List<PodVerdict> pods, List<String> evidence, List<Note> warnings, Integer guideProblem) {

  /** A warning: a problem that does not block the rollout. */
  public record Note(String reason, String message, String hint) {}

  public Verdict {
    pods = List.copyOf(pods);
    evidence = List.copyOf(evidence);
    warnings = List.copyOf(warnings);
  }

  public Category category() {
    return reason.category();
  }

  public static Verdict of(Diagnosis d) {
    List<Note> warnings = new ArrayList<>();
    for (Finding w : d.warnings()) {
      warnings.add(new Note(w.reason().name(), w.message(), w.hint()));
    }
    return new Verdict(d.phase(), d.reason(), d.message(), d.hint(), d.since(), d.readyPods(), d.totalPods(),
        d.pods(), d.evidence(), warnings, d.guideProblem());
  }

  /** The verdict a status holds; null while it holds none this version can read (no phase or reason yet). */
  public static Verdict of(DeployCheckStatus status) {
    PreviousStatus written = EvidenceMapper.previous(status);
    Phase phase = phase(status.getPhase());
    if (written == null || phase == null) {
      return null;
    }
    List<Note> warnings = new ArrayList<>();
    if (status.getWarnings() != null) {
      for (Warning w : status.getWarnings()) {
        warnings.add(new Note(w.getReason(), w.getMessage(), w.getHint()));
      }
    }
    return new Verdict(phase, written.reason(), status.getMessage(), status.getHint(),
        Timestamps.parse(status.getSince()), count(status.getReadyPods()), count(status.getTotalPods()),
        written.pods(), List.of(), warnings, status.getGuideProblem());
  }

  private static Phase phase(String name) {
    for (Phase phase : Phase.values()) {
      if (phase.name().equals(name)) {
        return phase;
      }
    }
    return null;
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
