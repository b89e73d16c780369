package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.PodSummary;
import io.deploycheck.api.v1alpha1.Warning;
import io.deploycheck.diagnosis.Category;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A status the operator wrote reads back as the verdict the engine would have given. */
class VerdictTest {
  @Test
  void aStatusReadsBackWithItsPodsAndWarnings() {
    DeployCheckStatus status = status("Stuck", "OOMKilled");
    status.setSince("2026-11-27T10:00:00Z");
    status.setReadyPods(0);
    status.setTotalPods(1);
    PodSummary pod = new PodSummary();
    pod.setName("california-housing-predictor-7d9f6c8b54-x2k9p");
    pod.setReady(false);
    pod.setReason("OOMKilled");
    status.setPods(List.of(pod));
    Warning warning = new Warning();
    warning.setReason("ProbeCommandNotFound");
    warning.setMessage("probe message");
    warning.setHint("probe hint");
    status.setWarnings(List.of(warning));

    Verdict verdict = Verdict.of(status);

    assertThat(verdict.phase()).isEqualTo(Phase.Stuck);
    assertThat(verdict.reason()).isEqualTo(Reason.OOMKilled);
    assertThat(verdict.category()).isEqualTo(Category.Crash);
    assertThat(verdict.since()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(verdict.totalPods()).isEqualTo(1);
    assertThat(verdict.pods()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("california-housing-predictor-7d9f6c8b54-x2k9p");
      assertThat(p.reason()).isEqualTo(Reason.OOMKilled);
    });
    assertThat(verdict.warnings()).containsExactly(new Verdict.Note("ProbeCommandNotFound", "probe message",
        "probe hint"));
    assertThat(verdict.evidence()).isEmpty();
  }

  @Test
  void aStatusWithoutAPhaseOrWithNamesThisVersionDoesNotKnowIsNoVerdict() {
    assertThat(Verdict.of(new DeployCheckStatus())).isNull();
    assertThat(Verdict.of(status("Stuck", "SomeFutureReason"))).isNull();
    assertThat(Verdict.of(status("Paused", "Progressing"))).isNull();
  }

  private static DeployCheckStatus status(String phase, String reason) {
    DeployCheckStatus status = new DeployCheckStatus();
    status.setPhase(phase);
    status.setReason(reason);
    status.setMessage("message");
    status.setHint("hint");
    return status;
  }
}
