package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.Condition;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator against a fabric8 mock API server (CRUD mode; no server-side apply, no Event field selectors). */
@EnableKubernetesMockClient(crud = true)
class DeployCheckReconcilerIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  KubernetesClient client;
  KubernetesMockServer server;
  private MockCluster cluster;

  @BeforeEach
  void cluster() throws Exception {
    cluster = new MockCluster(client).withDeployCheckCrd();
  }

  @AfterEach
  void stop() {
    cluster.stop();
  }

  @ParameterizedTest(name = "{1} from {0}")
  @CsvSource({
      "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml, ImageNotFound, ImagePull",
      "OOMKilled/guide-256mi-crashloop-rawdeployment.yaml, OOMKilled, Crash",
      "ProbeCommandNotFound/sh-c-curl-not-found-serverless.yaml, ProbeCommandNotFound, Probe",
      "InsufficientResources/memory-serverless-k8s-1.31.yaml, InsufficientResources, Scheduling",
      "ContainerConfigError/secret-not-found-env-raw-k8s-1.31.yaml, ContainerConfigError, Startup",
      "ModelLoadFailed/storage-initializer-s3-no-model-rawdeployment-isvc.yaml, ModelLoadFailed, Model"})
  void eachCategoryEndsInStatusConditionsAndEvents(String fixture, String reason, String category) throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load("src/test/resources/fixtures/" + fixture);
    cluster.start(OfflineDiagnosis.newestTimestamp(dump));
    cluster.apply(NS, ISVC, ISVC, "3m");

    DeployCheckStatus status = awaitStatus(s -> reason.equals(s.getReason()) && "Stuck".equals(s.getPhase()));
    assertThat(status.getCategory()).isEqualTo(category);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getHint()).isNotBlank();
    assertThat(status.getReady()).isEqualTo(status.getReadyPods() + "/" + status.getTotalPods());
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Stalled").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Stalled").getReason()).isEqualTo(reason);
    assertThat(condition(status, "Reconciling").getStatus()).isEqualTo("False");

    await().atMost(PATIENCE).until(() -> !cluster.eventsAbout(NS, "DeployCheck", ISVC).isEmpty());
    Event event = cluster.eventsAbout(NS, "DeployCheck", ISVC).get(0);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo(reason);
    assertThat(event.getMessage()).hasSizeLessThanOrEqualTo(Text.EVENT_MESSAGE).contains("Hint:")
        .endsWith(" Runbook: https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md#"
            + reason.toLowerCase(java.util.Locale.ROOT));
    await().atMost(PATIENCE).until(() -> !cluster.eventsAbout(NS, "InferenceService", ISVC).isEmpty());
  }

  @Test
  void kserveMissingIsReportedAtOnceAndTheInformerComesWhenTheCrdDoes() throws Exception {
    cluster.start(Instant.now());
    cluster.apply(NS, ISVC, ISVC, "3m");
    awaitStatus(s -> "KServeNotInstalled".equals(s.getReason()) && "Stuck".equals(s.getPhase()));

    cluster.withKServe();
    awaitStatus(s -> "InferenceServiceNotFound".equals(s.getReason()));
    cluster.inferenceService(NS, ISVC, 1);
    awaitStatus(s -> "Progressing".equals(s.getReason()) && "Progressing".equals(s.getPhase()));
  }

  @Test
  void missingInferenceServiceBecomesStuckAfterStuckAfter() throws Exception {
    cluster.withKServe();
    cluster.start(Instant.now());
    cluster.apply(NS, ISVC, ISVC, "2s");
    DeployCheckStatus progressing = awaitStatus(s -> "InferenceServiceNotFound".equals(s.getReason()));
    assertThat(progressing.getPhase()).isEqualTo("Progressing");
    DeployCheckStatus stuck = awaitStatus(s -> "Stuck".equals(s.getPhase()));
    assertThat(stuck.getReason()).isEqualTo("InferenceServiceNotFound");
    assertThat(condition(stuck, "Stalled").getStatus()).isEqualTo("True");
  }

  @Test
  void progressDeadlineFailsARolloutWithNoCause() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load("src/test/resources/fixtures/Progressing/storage-initializer-downloading-rawdeployment.yaml");
    cluster.start(OfflineDiagnosis.newestTimestamp(dump));
    cluster.apply(NS, ISVC, ISVC, "1s", "3s");
    awaitStatus(s -> "Progressing".equals(s.getPhase()));
    DeployCheckStatus failed = awaitStatus(s -> "Failed".equals(s.getPhase()));
    assertThat(failed.getReason()).isEqualTo("ProgressDeadlineExceeded");
  }

  @Test
  void aPodThatRecoversMovesTheCheckToReadyWithARecoveredEvent() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load("src/test/resources/fixtures/OOMKilled/guide-256mi-crashloop-rawdeployment.yaml");
    cluster.start(OfflineDiagnosis.newestTimestamp(dump));
    cluster.apply(NS, ISVC, ISVC, "3m");
    awaitStatus(s -> "OOMKilled".equals(s.getReason()));

    // The fix: KServe reports Ready, a ready pod replaces the OOM-killed one; until it is gone the check stays Stuck.
    var isvc = cluster.inferenceService(NS, ISVC, 1);
    isvc.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
    client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").resource(isvc).updateStatus();
    client.pods().resource(readyCopy(dump.pods().get(0))).create();
    await().pollDelay(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> true);
    assertThat(cluster.get(NS, ISVC).getStatus().getPhase()).isEqualTo("Stuck");
    client.pods().inNamespace(NS).withName(dump.pods().get(0).getMetadata().getName()).delete();

    DeployCheckStatus ready = awaitStatus(s -> "Ready".equals(s.getPhase()));
    assertThat(condition(ready, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(ready, "Stalled").getStatus()).isEqualTo("False");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.eventsAbout(NS, "DeployCheck", ISVC))
        .extracting(Event::getType, Event::getReason)
        .contains(org.assertj.core.groups.Tuple.tuple("Normal", Notice.RECOVERED)));
  }

  @Test
  void aNewInferenceServiceGenerationRestartsTheRolloutClock() throws Exception {
    cluster.withKServe();
    cluster.inferenceService(NS, ISVC, 1);
    cluster.start(Instant.now());
    cluster.apply(NS, ISVC, ISVC, "3m");
    String first = awaitStatus(s -> s.getRolloutStartedAt() != null).getRolloutStartedAt();

    await().pollDelay(Duration.ofMillis(1100)).atMost(PATIENCE).until(() -> true);
    cluster.inferenceService(NS, ISVC, 2);
    DeployCheckStatus restarted = awaitStatus(s -> Long.valueOf(2).equals(s.getInferenceServiceGeneration()));
    assertThat(Instant.parse(restarted.getRolloutStartedAt())).isAfter(Instant.parse(first));
  }

  @Test
  void aRestartedOperatorRebuildsStatusWithoutRepeatingEvents() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load("src/test/resources/fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);
    cluster.apply(NS, ISVC, ISVC, "3m");
    DeployCheckStatus before = awaitStatus(s -> "ImageNotFound".equals(s.getReason()));
    await().atMost(PATIENCE).until(() -> cluster.eventsAbout(NS, "DeployCheck", ISVC).size() == 1);

    cluster.stop();
    cluster.start(now);
    // Reconciled again (the restart re-lists everything) yet nothing new is written.
    await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> true);
    DeployCheckStatus after = cluster.get(NS, ISVC).getStatus();
    assertThat(after.getSince()).isEqualTo(before.getSince());
    assertThat(after.getRolloutStartedAt()).isEqualTo(before.getRolloutStartedAt());
    assertThat(condition(after, "Stalled").getLastTransitionTime())
        .isEqualTo(condition(before, "Stalled").getLastTransitionTime());
    List<Event> events = cluster.eventsAbout(NS, "DeployCheck", ISVC);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getCount()).isEqualTo(1);
  }

  @Test
  void leaderElectedOperatorTakesTheLeaseStopsWithinTheGracePeriodAndHandsTheLeaseBack() throws Exception {
    cluster.withKServe();
    // JOSDK first checks its Lease permissions; the CRUD mock cannot answer a SelfSubjectRulesReview by itself.
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
            .withNewStatus().addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "create", "update").endResourceRule().withIncomplete(false).endStatus().build())
        .always();
    cluster.start(Instant.now(), new OperatorSettings(java.util.Set.of(), 0, "deploycheck-system", false, false, true),
        null);
    cluster.apply(NS, ISVC, ISVC, "3m");
    awaitStatus(s -> "InferenceServiceNotFound".equals(s.getReason()));
    var lease = client.leases().inNamespace("deploycheck-system").withName(OperatorSettings.LEASE_NAME).get();
    assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(45);

    long started = System.nanoTime();
    cluster.stop(); // JOSDK's own exit-on-stop-leading would System.exit this test JVM here
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    // released: a successor may take it one second after the stop, not 45 s
    var released = client.leases().inNamespace("deploycheck-system").withName(OperatorSettings.LEASE_NAME).get();
    assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    assertThat(Duration.between(released.getSpec().getRenewTime().toInstant(), Instant.now()).abs())
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aFailedReconcileShowsItsErrorInTheStatusAndAMetricUntilOneSucceeds() throws Exception {
    // The client retries a 5xx by itself; a failure that outlasts those retries is what reaches the reconciler, so
    // this operator's client does not retry.
    cluster = new MockCluster(new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0).build()).build());
    cluster.withKServe();
    cluster.inferenceService(NS, ISVC, 1);
    cluster.start(Instant.now());
    cluster.apply(NS, ISVC, ISVC, "3m");
    awaitStatus(s -> Long.valueOf(1).equals(s.getInferenceServiceGeneration()));

    // etcd times out under the API server as the new rollout's status is written: etcd's own error (ErrTimeout in
    // go.etcd.io/etcd server/etcdserver/errors.go) as a 500 Status. JOSDK retries the reconcile after a backoff.
    String timedOut = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"etcdserver: request timed out\",\"code\":500}";
    server.expect().patch().withPath("/apis/deploycheck.io/v1alpha1/namespaces/" + NS + "/deploychecks/" + ISVC
        + "/status").andReturn(500, timedOut).once();
    cluster.inferenceService(NS, ISVC, 2);

    // The retry clears it soon: keep the status that showed it.
    DeployCheckStatus failing = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
        .until(() -> cluster.get(NS, ISVC).getStatus(), s -> s != null && s.getReconcileError() != null);
    assertThat(failing.getReconcileError().getMessage()).isEqualTo("HTTP 500: etcdserver: request timed out");
    assertThat(failing.getReconcileError().getAttempts()).isEqualTo(1);
    assertThat(failing.getReconcileError().getSince()).isNotNull();
    assertThat(failing.getInferenceServiceGeneration()).as("the last good verdict stays").isEqualTo(1);

    DeployCheckStatus recovered = awaitStatus(s -> Long.valueOf(2).equals(s.getInferenceServiceGeneration()));
    assertThat(recovered.getReconcileError()).isNull();
    var scrape = io.deploycheck.metrics.ScrapeText.parse(cluster.monitoring().registry().scrape());
    assertThat(scrape.series("operator_sdk_reconciliations_failed_total")).as("%s", scrape.names())
        .singleElement().satisfies(sample -> assertThat(sample.value()).isEqualTo(1.0));
  }

  private DeployCheckStatus awaitStatus(java.util.function.Predicate<DeployCheckStatus> condition) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      DeployCheck check = cluster.get(NS, ISVC);
      assertThat(check).isNotNull();
      assertThat(check.getStatus()).as("status").isNotNull();
      assertThat(condition.test(check.getStatus()))
          .as("status %s", client.getKubernetesSerialization().asJson(check.getStatus())).isTrue();
    });
    return cluster.get(NS, ISVC).getStatus();
  }

  static Condition condition(DeployCheckStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private static Pod readyCopy(Pod pod) {
    Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(pod).editMetadata()
        .withName(pod.getMetadata().getName() + "-fixed").withResourceVersion(null).withUid(null).endMetadata()
        .build();
    String now = Instant.now().toString();
    copy.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
        .withType("Ready").withStatus("True").withLastTransitionTime(now).build()));
    copy.getStatus().getContainerStatuses().forEach(c -> {
      c.setReady(true);
      c.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewRunning().withStartedAt(now)
          .endRunning().build());
      c.setLastState(null);
      c.setRestartCount(0);
    });
    return copy;
  }
}
