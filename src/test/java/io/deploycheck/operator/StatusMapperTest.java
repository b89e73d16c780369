package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.Condition;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final String MESSAGE = "pod california-housing-predictor-7d9f-x2: Failed to pull image"
      + " \"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1\": not found";
  private static final String HINT = "Tag 3f9c2e1 is not in repository ml-model-california-housing (registry"
      + " 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com): it was never pushed under that name or the"
      + " InferenceService points at the wrong one. Push the image, or deploy one that exists.";

  @Test
  void theMessageIsSaidOnceAndConditionsCarryAOneLineSummary() {
    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, stuck(), null, NOW);

    assertThat(status.getMessage()).isEqualTo(MESSAGE);
    assertThat(status.getConditions()).extracting(Condition::getMessage)
        .containsOnly("Stuck: ImageNotFound, 0/1 pods ready");
  }

  @Test
  void theShortHintIsTheHintsFirstSentenceOrItsFirstClauseWhenThatIsLong() {
    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, stuck(), null, NOW);

    assertThat(status.getHint()).isEqualTo(HINT);
    assertThat(status.getShortHint()).isEqualTo("Tag 3f9c2e1 is not in repository ml-model-california-housing"
        + " (registry 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com).");
    assertThat(StatusMapper.shortHint("Raise the limit. Then redeploy.")).isEqualTo("Raise the limit.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Raise the memory limit, e.g. from 256Mi to 512Mi. Then redeploy. | Raise the memory limit, e.g. from 256Mi to"
          + " 512Mi.",
      "Pull from public.ecr.aws instead. | Pull from public.ecr.aws instead.",
      "No sentence end | No sentence end"})
  void aSentenceEndsAtAStopBeforeACapital(String text, String first) {
    assertThat(StatusMapper.firstSentence(text)).isEqualTo(first);
  }

  @Test
  void aReadyRolloutSaysSoWithoutRepeatingItsReason() {
    Diagnosis ready = new Diagnosis(Phase.Ready, Reason.Ready, "1/1 pods ready, InferenceService Ready", "", NOW,
        NOW, 1, 1, List.of(), List.of(), List.of(), null);

    assertThat(StatusMapper.summary(ready)).isEqualTo("Ready, 1/1 pods ready");
  }

  private static Diagnosis stuck() {
    return new Diagnosis(Phase.Stuck, Reason.ImageNotFound, MESSAGE, HINT, NOW, NOW, 0, 1, List.of(), List.of(),
        List.of(), null);
  }
}
