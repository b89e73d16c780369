package io.deploycheck.metrics;

import io.deploycheck.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  private static final String NS = "kubeflow-user01";
  private static final String DC = "california-housing";
  private static final Instant NOW = Instant.parse("2026-11-27T10:05:00Z");
  private static final Map<String, String> ROLLOUT =
      Map.of("namespace", NS, "deploycheck", DC, "inferenceservice", DC);

  private final MutableClock clock = new MutableClock(NOW);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OperatorMetrics metrics = new OperatorMetrics(registry, clock);

  private ScrapeText scrape() {
    return ScrapeText.parse(registry.scrape());
  }

  private static Map<String, String> rollout(String key, String value) {
    Map<String, String> labels = new HashMap<>(ROLLOUT);
    labels.put(key, value);
    return labels;
  }

  @Test
  void stuckRolloutIsOneWithReasonAndCategory() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW.minusSeconds(90));

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_stuck")).singleElement().satisfies(sample -> {
      assertThat(sample.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("namespace", NS, "deploycheck", DC,
          "inferenceservice", DC, "reason", "ImageNotFound", "category", "ImagePull"));
      assertThat(sample.value()).isEqualTo(1);
    });
    assertThat(scrape.value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isEqualTo(90);
  }

  @Test
  void phaseIsOneForTheCurrentPhaseAndZeroForTheOthers() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.OOMKilled, NOW);

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_phase")).hasSize(Phase.values().length);
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Stuck"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Progressing"))).isZero();
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Ready"))).isZero();
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Failed"))).isZero();
  }

  @Test
  void stuckSecondsAreComputedAtScrapeTime() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.InsufficientResources, NOW.minusSeconds(180));
    clock.advance(Duration.ofSeconds(45));

    assertThat(scrape().value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isEqualTo(225);
  }

  @Test
  void reasonChangeReplacesTheStuckSeries() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImagePullBackOff, NOW);
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.RegistryAuthFailed, NOW);

    assertThat(scrape().series("deploycheck_rollout_stuck")).singleElement()
        .satisfies(sample -> assertThat(sample.labels()).containsEntry("reason", "RegistryAuthFailed"));
  }

  @Test
  void recoveryRemovesTheStuckSeriesAndZeroesStuckSeconds() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ReadinessProbeFailing, NOW.minusSeconds(300));
    metrics.observe(NS, DC, DC, Phase.Ready, Reason.Ready, null);

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_stuck")).isEmpty();
    assertThat(scrape.value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isZero();
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Ready"))).isEqualTo(1);
  }

  @Test
  void stuckAgainAfterRecoveryBringsTheSeriesBack() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW.minusSeconds(60));
    metrics.observe(NS, DC, DC, Phase.Ready, Reason.Ready, null);
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW.minusSeconds(10));

    ScrapeText scrape = scrape();
    assertThat(scrape.value("deploycheck_rollout_stuck", rollout("reason", "ImageNotFound"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isEqualTo(10);
  }

  @Test
  void progressingWithAYoungProblemIsNotStuck() {
    metrics.observe(NS, DC, DC, Phase.Progressing, Reason.InsufficientResources, NOW.minusSeconds(60));

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_stuck")).isEmpty();
    assertThat(scrape.value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isZero();
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Progressing"))).isEqualTo(1);
  }

  @Test
  void failedCountsAsStuckAndKeepsItsReason() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ProgressDeadlineExceeded, NOW);
    metrics.observe(NS, DC, DC, Phase.Failed, Reason.ProgressDeadlineExceeded, NOW.minusSeconds(600));

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_stuck")).singleElement().satisfies(sample ->
        assertThat(sample.labels()).containsEntry("reason", "ProgressDeadlineExceeded")
            .containsEntry("category", "Timeout"));
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Failed"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_rollout_stuck_seconds", ROLLOUT)).isEqualTo(600);
  }

  @Test
  void forgetRemovesEverySeriesOfThatDeployCheckOnly() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW);
    metrics.observe(NS, "other", "other-isvc", Phase.Failed, Reason.OOMKilled, NOW);

    metrics.forget(NS, DC);

    ScrapeText scrape = scrape();
    assertThat(scrape.samples()).noneMatch(sample -> DC.equals(sample.labels().get("deploycheck")));
    assertThat(scrape.series("deploycheck_rollout_stuck", Map.of("deploycheck", "other"))).hasSize(1);
    assertThat(scrape.series("deploycheck_rollout_phase", Map.of("deploycheck", "other"))).hasSize(4);
    assertThat(scrape.series("deploycheck_rollout_stuck_seconds", Map.of("deploycheck", "other"))).hasSize(1);
  }

  @Test
  void observingAgainAfterForgetStartsFresh() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW);
    metrics.forget(NS, DC);
    metrics.observe(NS, DC, DC, Phase.Progressing, Reason.Progressing, null);

    ScrapeText scrape = scrape();
    assertThat(scrape.series("deploycheck_rollout_stuck")).isEmpty();
    assertThat(scrape.value("deploycheck_rollout_phase", rollout("phase", "Progressing"))).isEqualTo(1);
  }

  @Test
  void pointingAtAnotherInferenceServiceReplacesItsSeries() {
    metrics.observe(NS, DC, "old-isvc", Phase.Stuck, Reason.ImageNotFound, NOW);
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW);

    assertThat(scrape().samples()).noneMatch(sample -> "old-isvc".equals(sample.labels().get("inferenceservice")));
    assertThat(scrape().series("deploycheck_rollout_stuck", ROLLOUT)).hasSize(1);
  }

  @Test
  void diagnosesCountTransitionsPerReasonFromZero() {
    metrics.transition(Reason.ImageNotFound);
    metrics.transition(Reason.ImageNotFound);
    metrics.transition(Reason.Ready);

    ScrapeText scrape = scrape();
    // One series per problem the operator can report, plus Ready, counted once something moved into it.
    long operatorProblems = Arrays.stream(Reason.values())
        .filter(r -> r.isProblem() && r.category().inCluster()).count();
    assertThat(scrape.series("deploycheck_diagnoses_total")).hasSize((int) operatorProblems + 1);
    assertThat(scrape.series("deploycheck_diagnoses_total")).noneMatch(s -> "KubeconfigUnauthorized".equals(
        s.labels().get("reason")) || "Progressing".equals(s.labels().get("reason")));
    assertThat(scrape.value("deploycheck_diagnoses_total", Map.of("reason", "ImageNotFound", "category", "ImagePull")))
        .isEqualTo(2);
    assertThat(scrape.value("deploycheck_diagnoses_total", Map.of("reason", "Ready", "category", "None")))
        .isEqualTo(1);
    assertThat(scrape.value("deploycheck_diagnoses_total", Map.of("reason", "OOMKilled"))).isZero();
  }

  @Test
  void rolloutDurationIsAHistogramInSeconds() {
    metrics.rolloutReady(Duration.ofMinutes(4));

    ScrapeText scrape = scrape();
    assertThat(registry.scrape()).contains("# TYPE deploycheck_rollout_duration_seconds histogram");
    assertThat(scrape.value("deploycheck_rollout_duration_seconds_bucket", Map.of("le", "180.0"))).isZero();
    assertThat(scrape.value("deploycheck_rollout_duration_seconds_bucket", Map.of("le", "300.0"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_rollout_duration_seconds_count", Map.of())).isEqualTo(1);
    assertThat(scrape.value("deploycheck_rollout_duration_seconds_sum", Map.of())).isEqualTo(240);
  }

  @Test
  void detectionLatencyHasBucketsAroundTheQualityBar() {
    metrics.detectionLatency(Duration.ofMillis(120));
    metrics.detectionLatency(Duration.ofMillis(-300));

    ScrapeText scrape = scrape();
    assertThat(registry.scrape()).contains("# TYPE deploycheck_detection_latency_seconds histogram");
    assertThat(scrape.value("deploycheck_detection_latency_seconds_bucket", Map.of("le", "0.01"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_detection_latency_seconds_bucket", Map.of("le", "0.1"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_detection_latency_seconds_bucket", Map.of("le", "0.25"))).isEqualTo(2);
    assertThat(scrape.value("deploycheck_detection_latency_seconds_sum", Map.of())).isEqualTo(0.12);
  }

  @Test
  void evidenceAgeIsItsOwnHistogram() {
    metrics.evidenceAge(Duration.ofSeconds(30));
    metrics.evidenceAge(Duration.ofMillis(-300));

    ScrapeText scrape = scrape();
    assertThat(scrape.value("deploycheck_evidence_age_seconds_bucket", Map.of("le", "0.01"))).isEqualTo(1);
    assertThat(scrape.value("deploycheck_evidence_age_seconds_bucket", Map.of("le", "30.0"))).isEqualTo(2);
    assertThat(scrape.value("deploycheck_evidence_age_seconds_sum", Map.of())).isEqualTo(30);
    assertThat(scrape.value("deploycheck_detection_latency_seconds_count", Map.of())).isZero();
  }

  @Test
  void registryRequestsCountPerOperationAndOutcome() {
    metrics.registryRequest("DescribeImages", "ImageNotFound");
    metrics.registryRequest("DescribeImages", "ImageNotFound");
    metrics.registryRequest("DescribeRepositories", "ok");

    ScrapeText scrape = scrape();
    assertThat(scrape.value("deploycheck_registry_requests_total",
        Map.of("operation", "DescribeImages", "outcome", "ImageNotFound"))).isEqualTo(2);
    assertThat(scrape.value("deploycheck_registry_requests_total",
        Map.of("operation", "DescribeRepositories", "outcome", "ok"))).isEqualTo(1);
  }

  @Test
  void namesAndLabelsAreExactlyTheDesignOnes() {
    metrics.observe(NS, DC, DC, Phase.Stuck, Reason.ImageNotFound, NOW);
    metrics.registryRequest("DescribeImages", "ok");

    ScrapeText scrape = scrape();
    assertThat(scrape.names()).filteredOn(name -> name.startsWith("deploycheck_")).containsExactlyInAnyOrder(
        "deploycheck_rollout_stuck", "deploycheck_rollout_phase", "deploycheck_rollout_stuck_seconds",
        "deploycheck_diagnoses_total", "deploycheck_registry_requests_total",
        "deploycheck_rollout_duration_seconds_bucket", "deploycheck_rollout_duration_seconds_count",
        "deploycheck_rollout_duration_seconds_sum", "deploycheck_rollout_duration_seconds_max",
        "deploycheck_detection_latency_seconds_bucket", "deploycheck_detection_latency_seconds_count",
        "deploycheck_detection_latency_seconds_sum", "deploycheck_detection_latency_seconds_max",
        "deploycheck_evidence_age_seconds_bucket", "deploycheck_evidence_age_seconds_count",
        "deploycheck_evidence_age_seconds_sum", "deploycheck_evidence_age_seconds_max",
        "deploycheck_events_dropped_total");
    Set<String> allowed = Set.of("namespace", "deploycheck", "inferenceservice", "reason", "category", "phase",
        "operation", "outcome", "le");
    assertThat(scrape.samples()).allSatisfy(sample -> assertThat(allowed).containsAll(sample.labels().keySet()));
  }
}
