package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.metrics.Monitoring;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Refused and failing writes on the mock API server: the status write of a DeployCheck answers 401, 403, 429 or
 * 503 more often than JOSDK's default retry would try (5), then recovers. The operator must keep retrying, say so
 * in its readiness while it lasts, and write the status once the API server accepts it again.
 */
@EnableKubernetesMockClient(crud = true)
class ApiOutageIT {
  private static final String NS = "kubeflow-user01";
  private static final String NAME = "california-housing";
  private static final int FAILURES = 8;

  KubernetesClient client;
  KubernetesMockServer server;
  private DeployCheckOperator operator;
  private Monitoring monitoring;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
      monitoring.close();
    }
  }

  @ParameterizedTest(name = "HTTP {0} on the status write")
  @CsvSource({"403, writes refused: HTTP 403 on PATCH", "401, writes refused: HTTP 401 on PATCH",
      "503, API server answers HTTP 503 to PATCH", "429, API server answers HTTP 429 to PATCH"})
  void retriesBeyondJosdksLimitReportsItInReadinessAndRecovers(int code, String reason) throws Exception {
    new MockCluster(client).withDeployCheckCrd().withKServe();
    AtomicInteger refusals = refuseStatusWrites(code);
    startOperator();

    new MockCluster(client).apply(NS, NAME, NAME, "3m");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(operator.notReady()).startsWith(reason)
        .contains("/deploychecks/" + NAME + "/status"));
    DeployCheck written = await().atMost(Duration.ofSeconds(60)).until(
        () -> client.resources(DeployCheck.class).inNamespace(NS).withName(NAME).get(),
        check -> check != null && check.getStatus() != null && check.getStatus().getPhase() != null);
    assertThat(refusals.get()).as("every refusal was retried").isEqualTo(FAILURES);
    assertThat(written.getStatus().getReason()).isEqualTo("InferenceServiceNotFound");
    await().atMost(Duration.ofSeconds(10)).until(operator::isReady);
  }

  @ParameterizedTest(name = "HTTP {0} on the status write")
  @CsvSource({"403", "503"})
  void aRetriedStatusWriteAnnouncesTheTransitionOnce(int code) throws Exception {
    // No KServe: KServeNotInstalled is Stuck at once, a transition worth a Warning Event.
    new MockCluster(client).withDeployCheckCrd();
    refuseStatusWrites(code);
    startOperator();

    new MockCluster(client).apply(NS, NAME, NAME, "3m");

    await().atMost(Duration.ofSeconds(60)).until(
        () -> client.resources(DeployCheck.class).inNamespace(NS).withName(NAME).get(),
        check -> check != null && check.getStatus() != null && "KServeNotInstalled".equals(
            check.getStatus().getReason()));
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<Event> warnings = client.v1().events().inNamespace(NS).list().getItems().stream()
          .filter(e -> NAME.equals(e.getInvolvedObject().getName()) && "KServeNotInstalled".equals(e.getReason()))
          .toList();
      assertThat(warnings).as("one Event object").hasSize(1);
      assertThat(warnings.get(0).getCount()).as("announced once, not once per retried write").isEqualTo(1);
    });
  }

  /** The next {@value #FAILURES} status writes of the DeployCheck answer {@code code}; counts them. */
  private AtomicInteger refuseStatusWrites(int code) {
    AtomicInteger refusals = new AtomicInteger();
    server.expect().patch().withPath("/apis/deploycheck.io/v1alpha1/namespaces/" + NS + "/deploychecks/" + NAME
            + "/status")
        .andReply(code, request -> {
          refusals.incrementAndGet();
          return new StatusBuilder().withCode(code).withMessage("refused by the test").withStatus("Failure").build();
        })
        .times(FAILURES);
    return refusals;
  }

  /** The operator with a short retry backoff, started and ready. */
  private void startOperator() {
    Clock clock = Clock.systemUTC();
    monitoring = Monitoring.create(clock);
    operator = new DeployCheckOperator(client, new OperatorSettings(Set.of(), 0, null, false, false, true), clock,
        monitoring.operator(), monitoring.josdk(), null, false,
        new CappedBackoff(Duration.ofMillis(100), Duration.ofMillis(500)), WritePacer.WINDOW);
    operator.start();
    await().atMost(Duration.ofSeconds(30)).until(operator::isReady);
  }
}
