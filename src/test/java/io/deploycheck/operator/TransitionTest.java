package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionTest {
  private static final String RUNBOOK = "https://runbooks.example.org/deploycheck.md";
  static final Instant NOW = Instant.parse("2026-11-27T10:10:00Z");
  static final Instant SINCE = Instant.parse("2026-11-27T10:00:00Z");

  /** previous phase/reason (empty: a new check), new phase/reason, what the transition is, the Event it is worth. */
  @ParameterizedTest(name = "{0}/{1} -> {2}/{3}")
  @CsvSource(nullValues = "-", value = {
      // previous,    ,  now         ,                   changed, newReason, ready, stuck, recovered, event
      "-          , -                , Progressing, Progressing     , true , true , false, false, false, -",
      "-          , -                , Stuck      , ImageNotFound   , true , true , false, true , false, Warning ImageNotFound",
      "-          , -                , Ready      , Ready           , true , true , true , false, false, Normal RolloutReady",
      "Progressing, Progressing      , Progressing, Progressing     , false, false, false, false, false, -",
      "Progressing, InsufficientResources, Stuck  , InsufficientResources, true, false, false, true, false, Warning InsufficientResources",
      "Stuck      , ImageNotFound    , Stuck      , ImageNotFound   , false, false, false, false, false, -",
      "Stuck      , ImagePullBackOff , Stuck      , ImageNotFound   , true , true , false, false, false, Warning ImageNotFound",
      "Stuck      , ImageNotFound    , Failed     , ImageNotFound   , true , false, false, false, false, Warning ImageNotFound",
      "Stuck      , OOMKilled        , Ready      , Ready           , true , true , true , false, true , Normal Recovered",
      "Failed     , ProgressDeadlineExceeded, Ready, Ready          , true , true , true , false, true , Normal Recovered",
      "Stuck      , OOMKilled        , Progressing, Progressing     , true , true , false, false, false, -",
      "Progressing, Progressing      , Ready      , Ready           , true , true , true , false, false, Normal RolloutReady",
      "Ready      , Ready            , Ready      , Ready           , false, false, false, false, false, -",
      "Bogus      , Ready            , Ready      , Ready           , true , false, true , false, false, Normal RolloutReady",
  })
  void classifiesTheStepFromTheWrittenStatus(String previousPhase, String previousReason, Phase phase, Reason reason,
      boolean changed, boolean newReason, boolean becameReady, boolean becameStuck, boolean recovered, String event) {
    Transition transition = new Transition(status(previousPhase, previousReason), diagnosis(phase, reason, SINCE));

    assertThat(transition.changed()).as("changed").isEqualTo(changed);
    assertThat(transition.newReason()).as("newReason").isEqualTo(newReason);
    assertThat(transition.becameReady()).as("becameReady").isEqualTo(becameReady);
    assertThat(transition.becameStuck()).as("becameStuck").isEqualTo(becameStuck);
    assertThat(transition.recovered()).as("recovered").isEqualTo(recovered);
    assertThat(transition.notice(RUNBOOK).map(n -> n.type() + " " + n.reason()).orElse(null)).isEqualTo(event);
  }

  @Test
  void evidenceAgeCountsFromWhenTheVerdictFellDue() {
    Duration stuckAfter = Duration.ofMinutes(3);
    Transition definitive = new Transition(null, diagnosis(Phase.Stuck, Reason.ImageNotFound, SINCE));
    Transition waitable = new Transition(null, diagnosis(Phase.Stuck, Reason.InsufficientResources, SINCE));
    Transition early = new Transition(null, diagnosis(Phase.Stuck, Reason.InsufficientResources, NOW));

    assertThat(definitive.evidenceAge(stuckAfter, NOW)).contains(Duration.ofMinutes(10));
    assertThat(waitable.evidenceAge(stuckAfter, NOW)).contains(Duration.ofMinutes(7));
    assertThat(early.evidenceAge(stuckAfter, NOW)).as("never negative").contains(Duration.ZERO);
    assertThat(new Transition(status("Stuck", "ImageNotFound"), diagnosis(Phase.Stuck, Reason.ImageNotFound, SINCE))
        .evidenceAge(stuckAfter, NOW)).as("only on the way into Stuck").isEmpty();
  }

  @Test
  void rolloutDurationIsMeasuredOnlyOnTheWayIntoReady() {
    Transition ready = new Transition(status("Progressing", "Progressing"), diagnosis(Phase.Ready, Reason.Ready, NOW));
    Transition still = new Transition(status("Ready", "Ready"), diagnosis(Phase.Ready, Reason.Ready, NOW));

    assertThat(ready.rolloutDuration(NOW)).contains(Duration.ofMinutes(12));
    assertThat(still.rolloutDuration(NOW)).isEmpty();
  }

  @Test
  void aWarningEventCarriesTheHintAndIsBounded() {
    Diagnosis d = new Diagnosis(Phase.Stuck, Reason.ImageNotFound, "x".repeat(5000), "push the tag", SINCE,
        SINCE.minus(Duration.ofMinutes(2)), 0, 1, List.of(), List.of(), List.of(), null);

    Notice notice = new Transition(null, d).notice(RUNBOOK).orElseThrow();

    assertThat(notice.message()).hasSize(Text.EVENT_MESSAGE)
        .endsWith("... Runbook: https://runbooks.example.org/deploycheck.md#imagenotfound");
    Diagnosis shorter = new Diagnosis(Phase.Stuck, Reason.ImageNotFound, "tag missing", "push the tag", SINCE,
        SINCE, 0, 1, List.of(), List.of(), List.of(), null);
    assertThat(new Transition(null, shorter).notice(RUNBOOK).orElseThrow().message())
        .isEqualTo("tag missing Hint: push the tag Runbook: https://runbooks.example.org/deploycheck.md#imagenotfound");
  }

  static DeployCheckStatus status(String phase, String reason) {
    if (phase == null) {
      return null;
    }
    DeployCheckStatus status = new DeployCheckStatus();
    status.setPhase(phase);
    status.setReason(reason);
    return status;
  }

  static Diagnosis diagnosis(Phase phase, Reason reason, Instant since) {
    return new Diagnosis(phase, reason, "message", "hint", since, SINCE.minus(Duration.ofMinutes(2)), 0, 1,
        List.of(), List.of(), List.of(), null);
  }
}
