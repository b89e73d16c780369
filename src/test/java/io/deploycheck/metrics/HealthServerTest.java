package io.deploycheck.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP on a free port; one server for the class because JDK 17's HttpServer.stop always waits its grace. */
class HealthServerTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final AtomicBoolean READY = new AtomicBoolean();
  private static final AtomicReference<String> NOT_READY = new AtomicReference<>();
  private static final HealthServer SERVER = new HealthServer(REGISTRY, READY::get, NOT_READY::get);
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    port = SERVER.start(0);
    new OperatorMetrics(REGISTRY, Clock.systemUTC())
        .observe("kubeflow-user01", "california-housing", "california-housing", Phase.Stuck, Reason.OOMKilled,
            Instant.now());
  }

  @AfterAll
  static void stop() {
    SERVER.stop();
  }

  @BeforeEach
  void reset() {
    READY.set(true);
    NOT_READY.set(null);
  }

  private static HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return request("GET", path);
  }

  @Test
  void boundAnEphemeralPort() {
    assertThat(port).isPositive();
    assertThat(SERVER.port()).isEqualTo(port);
  }

  @Test
  void metricsServesThePrometheusTextFormat() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ScrapeText.parse(response.body()).value("deploycheck_rollout_stuck",
        Map.of("deploycheck", "california-housing", "reason", "OOMKilled"))).isEqualTo(1);
  }

  @Test
  void healthzIsOkEvenWhenNotReady() throws Exception {
    READY.set(false);

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzFollowsTheReadinessSupplier() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    READY.set(false);
    NOT_READY.set("informers not synced: deploychecks.deploycheck.io");

    HttpResponse<String> response = get("/readyz");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("informers not synced: deploychecks.deploycheck.io\n");
  }

  @Test
  void notReadyWithoutAReasonSaysSo() throws Exception {
    READY.set(false);

    assertThat(get("/readyz").body()).isEqualTo("not ready\n");
  }

  @Test
  void readinessIsAlsoASeries() throws Exception {
    READY.set(false);
    NOT_READY.set("writes refused: HTTP 403 on PATCH /apis/deploycheck.io/v1alpha1/namespaces/a/deploychecks/b/status");
    assertThat(get("/readyz").body()).startsWith("writes refused: HTTP 403");
    assertThat(ScrapeText.parse(get("/metrics").body()).value(HealthServer.READY_METRIC, Map.of())).isEqualTo(0.0);

    READY.set(true);
    assertThat(ScrapeText.parse(get("/metrics").body()).value(HealthServer.READY_METRIC, Map.of())).isEqualTo(1.0);
  }

  @Test
  void notReadyReasonIsOneBoundedLine() {
    String reason = HealthServer.shortLine("watch dropped:\n" + "x".repeat(500));

    assertThat(reason).doesNotContain("\n").hasSize(200).startsWith("watch dropped:\\nxxx").endsWith("...");
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metricsx").statusCode()).isEqualTo(404);
    assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyGetIsAllowed() throws Exception {
    HttpResponse<String> response = request("POST", "/metrics");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void failingReadinessCheckAnswers500WithoutDetails() throws Exception {
    HealthServer broken = new HealthServer(REGISTRY, () -> {
      throw new IllegalStateException("leader election state unknown");
    }, () -> "unused");
    int brokenPort = broken.start(0);
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + brokenPort + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("internal error\n");
    } finally {
      broken.stop();
    }
  }

  @Test
  void stoppedServerRefusesConnectionsAndCannotBeAskedForItsPort() throws Exception {
    HealthServer other = new HealthServer(REGISTRY, () -> true, () -> "");
    int otherPort = other.start(0);
    other.stop();

    assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otherPort + "/healthz"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    assertThatThrownBy(other::port).isInstanceOf(IllegalStateException.class);
    other.stop();
  }

  @Test
  void startingTwiceIsRefused() {
    assertThatThrownBy(() -> SERVER.start(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }
}
