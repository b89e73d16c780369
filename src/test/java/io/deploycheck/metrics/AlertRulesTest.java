package io.deploycheck.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The rules' shape; their behaviour is tested by promtool (tests/alerts/run.sh). */
class AlertRulesTest {
  private static final String RUNBOOK = "https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md#";
  private static final String REASON_ANCHOR = "{{ $labels.reason | toLower }}";

  private static List<JsonNode> rules() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    MonitoringArtifacts.rules().path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  private static JsonNode rule(String alert) throws IOException {
    return rules().stream().filter(rule -> alert.equals(rule.path("alert").asText())).findFirst().orElseThrow();
  }

  @Test
  void prometheusRuleHoldsExactlyThePlainRulesFileGroups() throws IOException {
    JsonNode prometheusRule = MonitoringArtifacts.prometheusRule();

    assertThat(prometheusRule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(prometheusRule.path("spec").path("groups")).isEqualTo(MonitoringArtifacts.rules().path("groups"));
  }

  @Test
  void theAlertsAreTheIssueOnes() throws IOException {
    assertThat(rules()).extracting(rule -> rule.path("alert").asText()).containsExactly(
        "InferenceServiceRolloutStuck", "InferenceServiceRolloutFailed", "DeployCheckOperatorDown",
        "DeployCheckReconcileErrors");
    assertThat(rule("InferenceServiceRolloutStuck").path("labels").path("severity").asText()).isEqualTo("warning");
    assertThat(rule("InferenceServiceRolloutFailed").path("labels").path("severity").asText()).isEqualTo("critical");
  }

  @Test
  void everyAlertHasSeverityForSummaryDescriptionAndRunbook() throws IOException {
    assertThat(rules()).allSatisfy(rule -> {
      assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
      assertThat(rule.path("for").asText()).matches("\\d+m");
      assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
      assertThat(rule.path("annotations").path("runbook_url").asText()).startsWith(RUNBOOK);
    });
  }

  @Test
  void rolloutAlertsNameTheReasonAndLinkItsRunbookSection() throws IOException {
    for (String alert : List.of("InferenceServiceRolloutStuck", "InferenceServiceRolloutFailed")) {
      JsonNode annotations = rule(alert).path("annotations");
      assertThat(annotations.path("description").asText()).contains("{{ $labels.reason }}",
          "{{ $labels.namespace }}", "{{ $labels.inferenceservice }}", "kubectl describe deploycheck");
      assertThat(annotations.path("runbook_url").asText()).isEqualTo(RUNBOOK + REASON_ANCHOR);
    }
  }

  @Test
  void operatorAlertsLinkRunbookSectionsThatExist() throws IOException {
    String runbook = Files.readString(Path.of("docs/runbook.md"));
    for (String alert : List.of("DeployCheckOperatorDown", "DeployCheckReconcileErrors")) {
      assertThat(rule(alert).path("annotations").path("runbook_url").asText())
          .isEqualTo(RUNBOOK + alert.toLowerCase(Locale.ROOT));
      assertThat(runbook).contains("\n## " + alert + "\n");
    }
  }
}
