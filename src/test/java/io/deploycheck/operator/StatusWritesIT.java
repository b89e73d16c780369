package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.cli.Dump;
import io.deploycheck.cli.Input;
import io.deploycheck.metrics.Monitoring;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Status writes of a 10-pod rollout driven through the mock API server: ten pods created, then running, then
 * ready, one change every 100 ms, then the InferenceService Ready (the fixture's real RawDeployment status). With
 * the write window off every visible change is written, as before pacing; with the one-second window at most one
 * write per second goes out while the verdict stays Progressing, and Ready is still written at once. The counts
 * are printed (docs/performance.md quotes them).
 */
@EnableKubernetesMockClient(crud = true)
class StatusWritesIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final String FIXTURE = "src/test/resources/fixtures/Ready/rawdeployment-two-replicas-ready.yaml";
  private static final int PODS = 10;
  private static final Duration STEP = Duration.ofMillis(100);

  KubernetesClient client;
  KubernetesMockServer server;

  @ParameterizedTest(name = "write window {0} ms")
  @ValueSource(longs = {0, 1000})
  void aTenPodRolloutIsWrittenAtMostOncePerWindow(long windowMillis) throws Exception {
    new MockCluster(client).withDeployCheckCrd().withKServe();
    Dump dump = Dump.parse(Input.open(FIXTURE, new ByteArrayInputStream(new byte[0])));
    GenericKubernetesResource ready = dump.inferenceServices().get(0);
    Pod template = dump.pods().get(0);
    GenericKubernetesResource isvc = client.resource(withoutStatus(ready)).create();
    Monitoring monitoring = Monitoring.create(Clock.systemUTC());
    DeployCheckOperator operator = new DeployCheckOperator(client, new OperatorSettings(Set.of(), 0, null, false,
        false, true), Clock.systemUTC(), monitoring.operator(), monitoring.josdk(), null, false,
        CappedBackoff.DEFAULT, Duration.ofMillis(windowMillis));
    try {
      operator.start();
      new MockCluster(client).apply(NS, ISVC, ISVC, "3m");
      await().atMost(Duration.ofSeconds(60)).until(() -> phase() != null);
      drainRequests();

      long started = System.nanoTime();
      for (int i = 0; i < PODS; i++) {
        client.pods().resource(pod(template, i, null)).create();
        pause();
      }
      for (int i = 0; i < PODS; i++) {
        client.pods().resource(pod(template, i, running(template.getStatus(), false))).updateStatus();
        pause();
      }
      for (int i = 0; i < PODS; i++) {
        client.pods().resource(pod(template, i, running(template.getStatus(), true))).updateStatus();
        pause();
      }
      isvc.setAdditionalProperty("status", ready.getAdditionalProperties().get("status"));
      client.resource(isvc).updateStatus();
      Duration rollout = Duration.ofNanos(System.nanoTime() - started);
      await().atMost(Duration.ofSeconds(60)).until(() -> "Ready".equals(phase()));
      await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // a held write would come now

      int writes = drainRequests();
      System.out.printf("status writes for a %d-pod rollout over %d ms, write window %d ms: %d%n", PODS,
          rollout.toMillis(), windowMillis, writes);
      assertThat(writes).as("Progressing and Ready at least").isGreaterThanOrEqualTo(2);
      if (windowMillis > 0) {
        // one per window while Progressing, the held last one, and Ready at once
        assertThat(writes).isLessThanOrEqualTo((int) (rollout.toMillis() / windowMillis) + 3);
      }
    } finally {
      operator.close();
      monitoring.close();
    }
  }

  private String phase() {
    var check = new MockCluster(client).get(NS, ISVC);
    return check == null || check.getStatus() == null ? null : check.getStatus().getPhase();
  }

  /** PATCHes of the DeployCheck's status since the last call. */
  private int drainRequests() throws InterruptedException {
    int writes = 0;
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS); r != null;
        r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if ("PATCH".equals(r.getMethod()) && r.getPath().endsWith("/deploychecks/" + ISVC + "/status")) {
        writes++;
      }
    }
    return writes;
  }

  private static void pause() {
    await().pollDelay(STEP).until(() -> true);
  }

  private static GenericKubernetesResource withoutStatus(GenericKubernetesResource isvc) {
    GenericKubernetesResource copy = new GenericKubernetesResource();
    copy.setApiVersion(isvc.getApiVersion());
    copy.setKind(isvc.getKind());
    copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(isvc.getMetadata())
        .withResourceVersion(null).build());
    copy.setAdditionalProperty("spec", isvc.getAdditionalProperties().get("spec"));
    return copy;
  }

  /** Pod {@code i} of the rollout with {@code status} (none: just created). */
  private static Pod pod(Pod template, int i, PodStatus status) {
    return new PodBuilder(template)
        .editMetadata().withName(template.getMetadata().getName() + "-" + i).withUid(null).withResourceVersion(null)
        .endMetadata()
        .withStatus(status)
        .build();
  }

  /** The fixture's ready pod status, or the same before its readiness probe passed. */
  private static PodStatus running(PodStatus ready, boolean isReady) {
    PodStatus status = new io.fabric8.kubernetes.api.model.PodStatusBuilder(ready).build();
    status.getContainerStatuses().forEach(c -> c.setReady(isReady));
    status.getConditions().stream().filter(c -> Set.of("Ready", "ContainersReady").contains(c.getType()))
        .forEach(c -> c.setStatus(isReady ? "True" : "False"));
    return status;
  }
}
