package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's own latency figure against one taken outside it: the test stamps the moment it sends the change
 * that completes the evidence and the moment its own watch brings back the Stuck DeployCheck. The operator's
 * {@code deploycheck_detection_latency_seconds} (watch delivery to status write acknowledged) must lie inside that
 * interval, short of it by no more than the two API round trips it does not see. The age of the evidence by its own
 * timestamps is {@code deploycheck_evidence_age_seconds}, recorded separately.
 */
@EnableKubernetesMockClient(crud = true)
class SelfReportedLatencyIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  /** What the external interval holds besides the operator's own delay: the test's create and its watch. */
  private static final Duration ROUND_TRIPS = Duration.ofSeconds(1);

  KubernetesClient client;
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void detectionLatencyAgreesWithTheExternalMeasurement() throws Exception {
    cluster = new MockCluster(client).withDeployCheckCrd().withKServe();
    // The fixture's failing pod and its kubelet Events, without the InferenceService: a check waits for it.
    Dump dump = cluster.load("src/test/resources/fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").inNamespace(NS).withName(ISVC)
        .delete();
    cluster.start(OfflineDiagnosis.newestTimestamp(dump));
    cluster.apply(NS, ISVC, ISVC, "10m");
    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.get(NS, ISVC),
        c -> c.getStatus() != null && "InferenceServiceNotFound".equals(c.getStatus().getReason()));

    AtomicLong stuckSeen = new AtomicLong();
    try (Watch watch = client.resources(DeployCheck.class).inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, DeployCheck check) {
        if (check.getStatus() != null && "Stuck".equals(check.getStatus().getPhase())) {
          stuckSeen.compareAndSet(0, System.nanoTime());
        }
      }

      @Override
      public void onClose(WatcherException cause) { }
    })) {
      long sent = System.nanoTime();
      cluster.inferenceService(NS, ISVC, 1);
      await().atMost(Duration.ofSeconds(60)).until(() -> stuckSeen.get() != 0);
      Duration external = Duration.ofNanos(stuckSeen.get() - sent);

      Timer latency = cluster.monitoring().registry().get("deploycheck.detection.latency").timer();
      assertThat(latency.count()).isEqualTo(1);
      Duration reported = Duration.ofNanos((long) latency.totalTime(TimeUnit.NANOSECONDS));
      System.out.printf("detection latency: external %d ms, self-reported %d ms%n", external.toMillis(),
          reported.toMillis());
      assertThat(reported).as("inside the external interval %s", external).isLessThanOrEqualTo(external)
          .isGreaterThanOrEqualTo(external.minus(ROUND_TRIPS));

      // the rollout starts when the InferenceService appears, so the verdict fell due then: its age counts from the
      // whole second of that start, by the operator's clock
      Timer age = cluster.monitoring().registry().get("deploycheck.evidence.age").timer();
      assertThat(age.count()).isEqualTo(1);
      assertThat(Duration.ofNanos((long) age.totalTime(TimeUnit.NANOSECONDS)))
          .isLessThanOrEqualTo(external.plusSeconds(1));
    }
  }
}
