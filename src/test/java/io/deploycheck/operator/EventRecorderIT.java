package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events go out from a queue, idempotently: refused writes are retried until accepted and still count once, a
 * repeat costs one update and a first Event one create (no GET before either), and a recorder that lost its memory
 * (a restart) still bumps the existing Event instead of failing on it.
 */
@EnableKubernetesMockClient(crud = true)
class EventRecorderIT {
  private static final String NS = "kubeflow-user01";
  private static final String EVENTS = "/api/v1/namespaces/" + NS + "/events";
  private static final Notice NOTICE = new Notice("Warning", "ImageNotFound", "tag missing");

  KubernetesClient client;
  KubernetesMockServer server;
  private static final String AGENT = "deploycheck-event-recorder";
  private final List<EventRecorder> recorders = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private DeployCheck check;

  @BeforeEach
  void check() {
    check = new DeployCheck();
    check.getMetadata().setName("california-housing");
    check.getMetadata().setNamespace(NS);
    check.getMetadata().setUid("0b6a1c7e-2f0a-4b38-9d4e-6f1e2d3c4b5a");
  }

  @AfterEach
  void close() {
    recorders.forEach(EventRecorder::close);
    clients.forEach(KubernetesClient::close);
  }

  @ParameterizedTest(name = "HTTP {0} five times")
  @ValueSource(ints = {401, 403, 429, 500, 503})
  void refusedWritesAreRetriedUntilAcceptedAndCountOnce(int code) throws Exception {
    // The API server's refusal body (a metav1.Status), as apiserver/pkg/endpoints/handlers/responsewriters writes it.
    server.expect().post().withPath(EVENTS).andReturn(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"status\":\"Failure\",\"message\":\"events is forbidden: User"
        + " \\\"system:serviceaccount:deploycheck-system:deploycheck\\\" cannot create resource \\\"events\\\" in"
        + " API group \\\"\\\" in the namespace \\\"kubeflow-user01\\\"\",\"reason\":\"Forbidden\",\"code\":" + code
        + "}").times(5);
    EventRecorder recorder = recorder();

    assertThat(recorder.record(check, check, NOTICE)).isTrue();

    Event event = await().atMost(Duration.ofSeconds(60)).until(this::theEvent, e -> e != null);
    assertThat(event.getCount()).as("announced once, however often the write was refused").isEqualTo(1);
    assertThat(requests("POST")).as("five refused, one accepted").isEqualTo(6);
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.pendingCount() == 0);
  }

  @Test
  void aWriteAppliedThoughItsAnswerWasLostIsNotCountedAgain() throws Exception {
    AtomicReference<String> applied = new AtomicReference<>();
    // the API server stores the Event, then the answer is lost (a 504 from a proxy in front of it)
    server.expect().post().withPath(EVENTS).andReply(504, request -> {
      applied.set(request.getBody().readUtf8());
      return "{}";
    }).once();
    EventRecorder recorder = new EventRecorder(recorderClient(), Clock.systemUTC(),
        new OperatorMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
        new CappedBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    recorders.add(recorder);

    recorder.record(check, check, NOTICE);
    await().atMost(Duration.ofSeconds(10)).until(() -> applied.get() != null);
    client.v1().events().inNamespace(NS)
        .resource(client.getKubernetesSerialization().unmarshal(applied.get(), Event.class)).create();

    await().atMost(Duration.ofSeconds(20)).until(() -> recorder.pendingCount() == 0);
    assertThat(count()).as("the retry found its own write applied").isEqualTo(1);
  }

  @Test
  void aFirstEventIsOneCreateAndARepeatOneUpdateWithoutAGet() throws Exception {
    EventRecorder recorder = recorder();

    recorder.record(check, check, NOTICE);
    await().atMost(Duration.ofSeconds(10)).until(() -> count() == 1);
    recorder.record(check, check, NOTICE);
    await().atMost(Duration.ofSeconds(10)).until(() -> count() == 2);

    List<String> calls = calls();
    assertThat(calls).as("API calls for two transitions of one object").containsExactly("POST", "PUT");
  }

  @Test
  void aRestartedRecorderBumpsTheEventItFindsInsteadOfFailing() throws Exception {
    recorder().record(check, check, NOTICE);
    await().atMost(Duration.ofSeconds(10)).until(() -> count() == 1);

    recorder().record(check, check, new Notice("Warning", "ImageNotFound", "tag missing again"));

    await().atMost(Duration.ofSeconds(10)).until(() -> count() == 2);
    assertThat(theEvent().getMessage()).isEqualTo("tag missing again");
  }

  @Test
  void theQueueIsBoundedAndCountsWhatItDrops() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // a refusing API server and a long backoff keep everything queued
    server.expect().post().withPath(EVENTS).andReturn(503, "{}").always();
    EventRecorder recorder = new EventRecorder(recorderClient(), Clock.systemUTC(), new OperatorMetrics(registry,
        Clock.systemUTC()), new CappedBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)));
    recorders.add(recorder);

    for (int i = 0; i < EventRecorder.QUEUE_LIMIT + 3; i++) {
      recorder.record(check, check, new Notice("Warning", "Reason" + i, "m"));
    }

    assertThat(recorder.pendingCount()).isEqualTo(EventRecorder.QUEUE_LIMIT);
    assertThat(registry.get("deploycheck.events.dropped").counter().count()).isEqualTo(3.0);
    recorder.forget(check);
    assertThat(recorder.pendingCount()).as("a deleted check's Events are dropped").isZero();
  }

  @Test
  void eventNamesAreStablePerObjectTypeAndReason() {
    String warning = EventRecorder.eventName(check, new Notice("Warning", "ImageNotFound", "a"));
    assertThat(EventRecorder.eventName(check, new Notice("Warning", "ImageNotFound", "b"))).isEqualTo(warning);
    assertThat(EventRecorder.eventName(check, new Notice("Warning", "OOMKilled", "a"))).isNotEqualTo(warning);
    assertThat(warning).startsWith("california-housing.").hasSize("california-housing.".length() + 16);
  }

  private EventRecorder recorder() {
    EventRecorder recorder = new EventRecorder(recorderClient(), Clock.systemUTC(),
        new OperatorMetrics(new SimpleMeterRegistry(), Clock.systemUTC()),
        new CappedBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    recorders.add(recorder);
    return recorder;
  }

  /** A client of its own, so the recorder's requests can be told from the test's. */
  private KubernetesClient recorderClient() {
    KubernetesClient own = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT)
        // the recorder's own retries are under test, not the client's
        .withRequestRetryBackoffLimit(0).build()).build();
    clients.add(own);
    return own;
  }

  private Event theEvent() {
    return client.v1().events().inNamespace(NS).withName(EventRecorder.eventName(check, NOTICE)).get();
  }

  private int count() {
    Event event = theEvent();
    return event == null || event.getCount() == null ? 0 : event.getCount();
  }

  /** The recorder's requests, by method. */
  private List<String> calls() throws InterruptedException {
    List<String> calls = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS); r != null;
        r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if (AGENT.equals(r.getHeader("User-Agent"))) {
        calls.add(r.getMethod());
      }
    }
    return calls;
  }

  private long requests(String method) throws InterruptedException {
    return calls().stream().filter(method::equals).count();
  }
}
