package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.Condition;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.PodSummary;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.diagnosis.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusMapperTest {
  static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant FIRST = Instant.parse("2026-11-27T10:01:00.250Z");
  static final Instant LATER = Instant.parse("2026-11-27T10:05:00Z");

  @Test
  void mapsTheDiagnosisAndGenerations() {
    DeployCheckStatus status = StatusMapper.toStatus(3, 7L, stuck(Reason.ImageNotFound, List.of()), null, FIRST);

    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getInferenceServiceGeneration()).isEqualTo(7);
    assertThat(status.getPhase()).isEqualTo("Stuck");
    assertThat(status.getReason()).isEqualTo("ImageNotFound");
    assertThat(status.getCategory()).isEqualTo("ImagePull");
    assertThat(status.getGuideProblem()).isEqualTo(4);
    assertThat(status.getSince()).isEqualTo("2026-11-27T10:01:00Z");
    assertThat(status.getRolloutStartedAt()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(status.getReady()).isEqualTo("0/1");
    assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Ready", "False"), org.assertj.core.groups.Tuple.tuple("Stalled", "True"),
        org.assertj.core.groups.Tuple.tuple("Reconciling", "False"));
    assertThat(status.getConditions()).allSatisfy(c -> {
      assertThat(c.getReason()).isEqualTo("ImageNotFound");
      assertThat(c.getObservedGeneration()).isEqualTo(3);
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-27T10:01:00Z");
    });
  }

  @Test
  void keepsLastTransitionTimeWhileAConditionKeepsItsStatus() {
    DeployCheckStatus first = StatusMapper.toStatus(1, 1L, stuck(Reason.ImagePullBackOff, List.of()), null, FIRST);

    DeployCheckStatus sameStatusOtherReason =
        StatusMapper.toStatus(1, 1L, stuck(Reason.ImageNotFound, List.of()), first, LATER);

    assertThat(sameStatusOtherReason.getConditions()).allSatisfy(
        c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-27T10:01:00Z"));
  }

  @Test
  void movesLastTransitionTimeOnlyForConditionsThatFlip() {
    DeployCheckStatus stuck = StatusMapper.toStatus(1, 1L, stuck(Reason.ImageNotFound, List.of()), null, FIRST);
    Diagnosis progressing = new Diagnosis(Phase.Progressing, Reason.Progressing, "0/1 pods ready", "wait", LATER,
        STARTED, 0, 1, List.of(), List.of(), List.of(), null);

    DeployCheckStatus next = StatusMapper.toStatus(1, 1L, progressing, stuck, LATER);

    assertThat(StatusMapper.find(next, "Ready").getLastTransitionTime()).as("False -> False")
        .isEqualTo("2026-11-27T10:01:00Z");
    assertThat(StatusMapper.find(next, "Stalled").getLastTransitionTime()).isEqualTo("2026-11-27T10:05:00Z");
    assertThat(StatusMapper.find(next, "Reconciling").getLastTransitionTime()).isEqualTo("2026-11-27T10:05:00Z");
  }

  @Test
  void capsPodsAtTenMostSevereFirstThenByName() {
    List<PodVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      verdicts.add(new PodVerdict("pod-" + (char) ('l' - i), "Running", true, Reason.Ready, 0, "img"));
    }
    verdicts.add(new PodVerdict("pod-z", "Pending", false, Reason.ImageNotFound, 0, "img"));

    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, stuck(Reason.ImageNotFound, verdicts), null, FIRST);

    assertThat(status.getPods()).hasSize(StatusMapper.MAX_PODS);
    assertThat(status.getPods()).extracting(PodSummary::getName)
        .containsExactly("pod-z", "pod-a", "pod-b", "pod-c", "pod-d", "pod-e", "pod-f", "pod-g", "pod-h", "pod-i");
    assertThat(status.getTotalPods()).isEqualTo(13);
  }

  @Test
  void boundsTextAndNeutralisesControlCharacters() {
    Diagnosis d = new Diagnosis(Phase.Stuck, Reason.CrashLoopBackOff, "boom\u001b[31m" + "x".repeat(5000),
        "h".repeat(3000), FIRST, STARTED, 0, 1, List.of(), List.of(), List.of(), null);

    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, d, null, FIRST);

    assertThat(status.getMessage()).hasSize(Text.STATUS_TEXT).startsWith("boom\\x1b[31m").endsWith("...");
    assertThat(status.getHint()).hasSize(Text.STATUS_TEXT);
    assertThat(StatusMapper.find(status, "Stalled").getMessage()).as("conditions carry the one-line summary")
        .isEqualTo("Stuck: CrashLoopBackOff, 0/1 pods ready");
  }

  @Test
  void equalInputsGiveEqualStatus() {
    Diagnosis d = stuck(Reason.ImageNotFound, List.of());
    DeployCheckStatus first = StatusMapper.toStatus(1, 1L, d, null, FIRST);

    DeployCheckStatus again = StatusMapper.toStatus(1, 1L, d, first, LATER.plus(Duration.ofHours(1)));

    assertThat(again).usingRecursiveComparison().isEqualTo(first);
  }

  @Test
  void aReconcileErrorGoesOnTopOfTheLastVerdictAndCountsAttemptsInARow() {
    DeployCheckStatus good = StatusMapper.toStatus(1, 1L, stuck(Reason.ImageNotFound, List.of()), null, FIRST);

    DeployCheckStatus once = StatusMapper.withError(good, "HTTP 500: etcdserver: request timed out", FIRST);
    DeployCheckStatus twice = StatusMapper.withError(once, "x".repeat(5000), LATER);

    assertThat(good.getReconcileError()).as("the written status is not modified").isNull();
    assertThat(once.getReason()).isEqualTo("ImageNotFound");
    assertThat(once.getConditions()).usingRecursiveFieldByFieldElementComparator().isEqualTo(good.getConditions());
    assertThat(once.getReconcileError().getMessage()).isEqualTo("HTTP 500: etcdserver: request timed out");
    assertThat(once.getReconcileError().getAttempts()).isEqualTo(1);
    assertThat(twice.getReconcileError().getAttempts()).isEqualTo(2);
    assertThat(twice.getReconcileError().getSince()).isEqualTo("2026-11-27T10:01:00Z");
    assertThat(twice.getReconcileError().getMessage()).hasSize(Text.STATUS_TEXT);
    assertThat(StatusMapper.withError(null, "refused", LATER).getReconcileError().getSince())
        .isEqualTo("2026-11-27T10:05:00Z");
  }

  @Test
  void aSuccessfulReconcileWritesNoReconcileError() {
    DeployCheckStatus failing = StatusMapper.withError(null, "refused", FIRST);

    assertThat(StatusMapper.toStatus(1, 1L, stuck(Reason.ImageNotFound, List.of()), failing, LATER)
        .getReconcileError()).isNull();
  }

  static Diagnosis stuck(Reason reason, List<PodVerdict> pods) {
    return new Diagnosis(Phase.Stuck, reason, "pod p: not found", "push it", FIRST, STARTED, 0,
        pods.isEmpty() ? 1 : pods.size(), pods, List.of(), List.of(), null);
  }

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final String MESSAGE = "pod california-housing-predictor-7d9f-x2: Failed to pull image"
      + " \"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1\": not found";
  private static final String HINT = "Tag 3f9c2e1 is not in repository ml-model-california-housing (registry"
      + " 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com): it was never pushed under that name or the"
      + " InferenceService points at the wrong one. Push the image, or deploy one that exists.";

  @Test
  void theMessageIsSaidOnceAndConditionsCarryAOneLineSummary() {
    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, imageNotFound(), null, NOW);

    assertThat(status.getMessage()).isEqualTo(MESSAGE);
    assertThat(status.getConditions()).extracting(Condition::getMessage)
        .containsOnly("Stuck: ImageNotFound, 0/1 pods ready");
  }

  @Test
  void theShortHintIsTheHintsFirstSentenceOrItsFirstClauseWhenThatIsLong() {
    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, imageNotFound(), null, NOW);

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

  private static Diagnosis imageNotFound() {
    return new Diagnosis(Phase.Stuck, Reason.ImageNotFound, MESSAGE, HINT, NOW, NOW, 0, 1, List.of(), List.of(),
        List.of(), null);
  }

  private static final Instant FAULT_PASS_NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlc2ln";

  @Test
  void everyTextFieldIsMaskedEscapedAndBounded() {
    // the fault pass's case: an image of 5,046 characters with raw control characters, secrets in kubelet's message
    String image = "registry.example.com/app:\u001b]52;c;cHduZWQ=\u0007" + "a".repeat(5_000) + "\u009b2J";
    String message = "Failed to pull image: Get \"https://ci:hunter22@registry.example.com/v2/\": 401 Unauthorized,"
        + " Authorization: Bearer " + JWT + " password=hunter22 ghp_" + "x1".repeat(18) + "\u001b[2J";
    Diagnosis d = new Diagnosis(Phase.Stuck, Reason.RegistryAuthFailed, message, "hint with AKIAIOSFODNN7EXAMPLE",
        FAULT_PASS_NOW, FAULT_PASS_NOW, 0, 1, List.of(new PodVerdict("pod-\u001b[31m", "Pending\n", false, Reason.RegistryAuthFailed, 0,
            image)), List.of(), List.of(), null);

    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, d, null, FAULT_PASS_NOW);

    PodSummary pod = status.getPods().get(0);
    assertThat(pod.getImage()).hasSizeLessThanOrEqualTo(Text.STATUS_NAME).startsWith(
        "registry.example.com/app:\\x1b]52;c;cHduZWQ=\\x07aaa").endsWith("...");
    assertThat(pod.getName()).isEqualTo("pod-\\x1b[31m");
    assertThat(pod.getPhase()).isEqualTo("Pending\\n");
    List<String> texts = List.of(status.getMessage(), status.getHint(), status.getConditions().get(0).getMessage(),
        pod.getImage(), pod.getName(), pod.getPhase());
    for (String text : texts) {
      assertThat(text).doesNotContain("hunter22", JWT, "ghp_x1", "AKIAIOSFODNN7EXAMPLE")
          .doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]");
    }
    assertThat(status.getMessage()).contains("https://ci:***@registry.example.com", "password=***", "Bearer ***");
  }
}
