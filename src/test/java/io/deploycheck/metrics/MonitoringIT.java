package io.deploycheck.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole registry as Prometheus would scrape it from a running operator: java-operator-sdk reconciling
 * DeployChecks on a mock API server with {@link Monitoring#josdk()}, JVM/process meters, and every
 * {@link OperatorMetrics} meter. The dashboard and the alert rules may use only what this scrape holds.
 */
@EnableKubernetesMockClient(crud = true)
class MonitoringIT {
  private static final String NAMESPACE = "kubeflow-user01";
  private static final String FAILING = "broken-check";

  static KubernetesClient client;
  private static Monitoring monitoring;
  private static Operator operator;
  private static ScrapeText scrape;

  /** Fails every reconciliation of one DeployCheck, so the failure counter exists. */
  @ControllerConfiguration(name = "deploycheck")
  static class ScriptedReconciler implements Reconciler<DeployCheck> {
    @Override
    public UpdateControl<DeployCheck> reconcile(DeployCheck resource, Context<DeployCheck> context) {
      if (FAILING.equals(resource.getMetadata().getName())) {
        throw new IllegalStateException("scripted failure");
      }
      return UpdateControl.noUpdate();
    }
  }

  @BeforeAll
  static void runOperatorAndScrape() {
    monitoring = Monitoring.create(Clock.systemUTC());
    exercise(monitoring.operator());
    operator = new Operator(o -> o.withKubernetesClient(client)
        .withMetrics(monitoring.josdk())
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false));
    operator.register(new ScriptedReconciler());
    operator.start();
    client.resource(deployCheck("california-housing")).create();
    client.resource(deployCheck(FAILING)).create();

    await().atMost(Duration.ofSeconds(30)).until(() -> {
      scrape = ScrapeText.parse(monitoring.registry().scrape());
      return !scrape.series("operator_sdk_reconciliations_success_total").isEmpty()
          && !scrape.series("operator_sdk_reconciliations_failed_total").isEmpty();
    });
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    monitoring.close();
  }

  private static DeployCheck deployCheck(String name) {
    DeployCheck check = new DeployCheck();
    check.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    DeployCheckSpec spec = new DeployCheckSpec();
    spec.setInferenceService(name);
    check.setSpec(spec);
    return check;
  }

  /** Makes every OperatorMetrics series exist, as a running operator eventually would. */
  private static void exercise(OperatorMetrics metrics) {
    Instant now = Instant.now();
    metrics.observe(NAMESPACE, "california-housing", "california-housing", Phase.Stuck, Reason.ImageNotFound, now);
    metrics.observe(NAMESPACE, "fraud", "fraud", Phase.Failed, Reason.ProgressDeadlineExceeded, now);
    metrics.transition(Reason.ImageNotFound);
    metrics.rolloutReady(Duration.ofMinutes(4));
    metrics.detectionLatency(Duration.ofMillis(80));
    metrics.registryRequest("DescribeImages", "ok");
  }

  @Test
  void josdkReconciliationMetersAreExported() {
    assertThat(scrape.names()).contains(
        "operator_sdk_reconciliations_started_total",
        "operator_sdk_reconciliations_success_total",
        "operator_sdk_reconciliations_failed_total",
        "operator_sdk_events_received_total",
        "operator_sdk_controllers_execution_reconcile_seconds_count",
        "operator_sdk_controllers_execution_reconcile_seconds_bucket",
        "operator_sdk_controllers_execution_reconcile_success_total",
        "operator_sdk_controllers_execution_reconcile_failure_total");
  }

  @Test
  void josdkMetersCarryNoPerResourceLabels() {
    assertThat(scrape.samples()).filteredOn(sample -> sample.name().startsWith("operator_sdk_"))
        .isNotEmpty()
        .allSatisfy(sample -> {
          assertThat(sample.labels()).doesNotContainKeys("name", "namespace", "resource_name", "resource_namespace");
          assertThat(sample.labels().values()).doesNotContain("california-housing", FAILING, NAMESPACE);
        });
  }

  @Test
  void failureCounterCarriesWhatTheReconcileAlertSelectsAndGroupsBy() {
    assertThat(scrape.series("operator_sdk_reconciliations_failed_total")).singleElement().satisfies(sample ->
        assertThat(sample.labels()).containsEntry("group", DeployCheck.GROUP)
            .containsEntry("kind", "DeployCheck")
            .containsKey("exception"));
  }

  @Test
  void jvmAndProcessMetersAreExported() {
    assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_info",
        "process_cpu_usage", "process_uptime_seconds", "process_files_open_files", "system_cpu_count");
  }

  @Test
  void dashboardUsesOnlyExportedMetricsAndCoversTheIssue() throws IOException {
    Set<String> used = MonitoringArtifacts.dashboardMetrics();

    assertThat(scrape.names()).containsAll(used);
    assertThat(used).contains("deploycheck_rollout_stuck", "deploycheck_rollout_phase",
        "deploycheck_rollout_duration_seconds_bucket", "deploycheck_detection_latency_seconds_bucket",
        "deploycheck_registry_requests_total", "deploycheck_diagnoses_total",
        "operator_sdk_reconciliations_started_total", "operator_sdk_reconciliations_failed_total");
  }

  @Test
  void alertRulesUseOnlyExportedMetrics() throws IOException {
    Set<String> used = MonitoringArtifacts.alertMetrics();

    assertThat(scrape.names()).containsAll(used);
    assertThat(used).contains("deploycheck_rollout_stuck", "deploycheck_rollout_phase",
        "deploycheck_rollout_stuck_seconds", "operator_sdk_reconciliations_failed_total");
  }
}
