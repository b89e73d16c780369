package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.metrics.HealthServer;
import io.deploycheck.metrics.ScrapeText;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fixtures reconciled through the running operator, judged from what Prometheus would scrape. */
@EnableKubernetesMockClient(crud = true)
class OperatorScrapeIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final Map<String, String> CHECK = Map.of("namespace", NS, "deploycheck", ISVC);

  KubernetesClient client;
  private MockCluster cluster;
  private HealthServer health;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (health != null) {
      health.stop();
    }
    cluster.stop();
  }

  @Test
  void stuckRolloutIsScrapedWithItsReasonAndVanishesWithItsDeployCheck() throws Exception {
    cluster = new MockCluster(client).withDeployCheckCrd().withKServe();
    Dump dump = cluster.load("src/test/resources/fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    DeployCheckOperator operator = cluster.start(OfflineDiagnosis.newestTimestamp(dump));
    health = new HealthServer(cluster.monitoring().registry(), operator::isReady, operator::notReady);
    int port = health.start(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/readyz").statusCode() == 200);
    cluster.apply(NS, ISVC, ISVC, "3m");

    Map<String, String> stuck = Map.of("namespace", NS, "deploycheck", ISVC, "inferenceservice", ISVC,
        "reason", "ImageNotFound", "category", "ImagePull");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(scrape(port).series("deploycheck_rollout_stuck", stuck)).hasSize(1));
    ScrapeText text = scrape(port);
    assertThat(text.value("deploycheck_rollout_stuck", stuck)).isEqualTo(1.0);
    assertThat(text.value("deploycheck_rollout_phase", Map.of("deploycheck", ISVC, "phase", "Stuck"))).isEqualTo(1.0);
    assertThat(text.value("deploycheck_rollout_phase", Map.of("deploycheck", ISVC, "phase", "Ready"))).isZero();
    assertThat(text.value("deploycheck_diagnoses_total", Map.of("reason", "ImageNotFound", "category", "ImagePull")))
        .isEqualTo(1.0);
    assertThat(text.value("deploycheck_detection_latency_seconds_count", Map.of())).isEqualTo(1.0);
    assertThat(text.series("deploycheck_rollout_stuck_seconds", CHECK)).hasSize(1);
    assertThat(text.names()).anyMatch(name -> name.startsWith("operator_sdk_reconciliations"));
    assertThat(text.samples()).noneMatch(s -> s.labels().containsKey("pod"));

    client.resources(DeployCheck.class).inNamespace(NS).withName(ISVC).delete();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ScrapeText after = scrape(port);
      assertThat(after.series("deploycheck_rollout_stuck", CHECK)).isEmpty();
      assertThat(after.series("deploycheck_rollout_phase", CHECK)).isEmpty();
      assertThat(after.series("deploycheck_rollout_stuck_seconds", CHECK)).isEmpty();
    });
  }

  private ScrapeText scrape(int port) throws Exception {
    HttpResponse<String> response = get(port, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return ScrapeText.parse(response.body());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
