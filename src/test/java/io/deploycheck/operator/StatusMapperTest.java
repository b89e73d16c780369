package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.PodSummary;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.diagnosis.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlc2ln";

  @Test
  void everyTextFieldIsMaskedEscapedAndBounded() {
    // the fault pass's case: an image of 5,046 characters with raw control characters, secrets in kubelet's message
    String image = "registry.example.com/app:\u001b]52;c;cHduZWQ=\u0007" + "a".repeat(5_000) + "\u009b2J";
    String message = "Failed to pull image: Get \"https://ci:hunter22@registry.example.com/v2/\": 401 Unauthorized,"
        + " Authorization: Bearer " + JWT + " password=hunter22 ghp_" + "x1".repeat(18) + "\u001b[2J";
    Diagnosis d = new Diagnosis(Phase.Stuck, Reason.RegistryAuthFailed, message, "hint with AKIAIOSFODNN7EXAMPLE",
        NOW, NOW, 0, 1, List.of(new PodVerdict("pod-\u001b[31m", "Pending\n", false, Reason.RegistryAuthFailed, 0,
            image)), List.of(), List.of(), null);

    DeployCheckStatus status = StatusMapper.toStatus(1, 1L, d, null, NOW);

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
