package io.deploycheck.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.cli.CliRun;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.operator.MockCluster;
import io.deploycheck.registry.EcrMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wait without the operator (no DeployCheck CRD): informers on the InferenceService, its pods and their Events feed
 * the engine in-process. The mock server is in CRUD mode; expectations (the pod proxy) take precedence over it.
 */
@EnableKubernetesMockClient(crud = true)
class LocalWaitIT {
  static final String NS = "kubeflow-user01";
  static final String ISVC = "california-housing";
  static final String FIXTURES = "src/test/resources/fixtures/";
  static final String READY = FIXTURES + "Ready/rawdeployment-two-replicas-ready.yaml";
  /** The first ready predictor pod of {@link #READY} by name: the one wait asks. */
  static final String READY_POD = "california-housing-predictor-7d9f6c8b54-c8wmf";
  static final String HEALTH = "/api/v1/namespaces/" + NS + "/pods/" + READY_POD + ":8080/proxy/health";
  /** The model server's own answer (the guide's FastAPI app reports whether its model is loaded). */
  static final String HEALTHY = "{\"status\":\"healthy\",\"model_loaded\":true}";

  KubernetesClient client;
  KubernetesMockServer server;
  private MockCluster cluster;

  @BeforeEach
  void cluster() {
    cluster = new MockCluster(client);
  }

  @Test
  void readyRolloutPassesAHealthCheckThroughThePodProxy() throws Exception {
    Instant now = loadReady();
    server.expect().get().withPath(HEALTH).andReturn(200, HEALTHY).once();

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--health-path", "/health",
        "--port", "8080");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("in-process (the deploycheck operator is not installed")
        .containsPattern("0s +Ready +Ready +2/2 pods ready")
        .contains("Phase:    Ready", "GET /health on pod " + READY_POD + ":8080 through the API server's pod proxy:"
            + " HTTP 200", HEALTHY, "model_loaded: true")
        .endsWith("Result:   Ready, health check passed" + System.lineSeparator());
  }

  @Test
  void aHealthAnswerThatIsNot2xxFailsWithItsStatusAndBody() throws Exception {
    Instant now = loadReady();
    // The API server's answer when the pod does not listen on the port, verbatim from
    // https://github.com/techiescamp/vagrant-kubeadm-kubernetes/issues/66
    String refused = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"error trying to reach service: dial tcp 10.85.0.2:8443: connect: connection refused\","
        + "\"reason\":\"ServiceUnavailable\",\"code\":503}";
    server.expect().get().withPath(HEALTH).andReturn(503, refused).once();

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--health-path", "/health");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Phase:    Ready", "HTTP 503",
        "error trying to reach service: dial tcp 10.85.0.2:8443: connect: connection refused")
        .contains("Result:   health check failed: HTTP 503");
  }

  @Test
  void aModelThatIsNotLoadedFailsTheHealthCheckInJson() throws Exception {
    Instant now = loadReady();
    server.expect().get().withPath(HEALTH).andReturn(200, "{\"status\":\"healthy\",\"model_loaded\":false}").once();

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--health-path", "/health",
        "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("phase").asText()).isEqualTo("Ready");
    assertThat(json.path("reason").asText()).isEqualTo("Ready");
    assertThat(json.path("timedOut").asBoolean()).isFalse();
    JsonNode health = json.path("health");
    assertThat(health.path("ok").asBoolean()).isFalse();
    assertThat(health.path("status").asInt()).isEqualTo(200);
    assertThat(health.path("modelLoaded").asBoolean(true)).isFalse();
    assertThat(health.path("body").path("status").asText()).isEqualTo("healthy");
    assertThat(health.path("problem").asText()).contains("model_loaded is false");
    assertThat(run.err()).as("progress goes to stderr with json").contains("Ready");
  }

  @Test
  void aDefinitiveProblemEndsTheWaitAtOnceWithItsDiagnosis() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");

    CliRun run = WaitRun.against(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS, "--inference-service",
        ISVC, "--health-path", "/health");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("0s +Stuck +ImageNotFound +0/1 pods ready")
        .contains("Reason:   ImageNotFound (ImagePull, guide problem 4)", "Hint:",
            "Runbook:  https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md#imagenotfound")
        .doesNotContain("Health:")
        .endsWith("Result:   Stuck (ImageNotFound)" + System.lineSeparator());
  }

  @Test
  void inProcessTheMissingRepositoryIsAskedOfEcrAsTheOperatorAsks() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    // The standard AWS configuration, pointed at a local ECR (the system-property twins of AWS_ENDPOINT_URL_ECR and
    // the access keys), as in DiagnoseVerifyRegistryIT: nothing in the command is special-cased for the test.
    Map<String, String> aws = Map.of("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE",
        "aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    try (EcrMock ecr = new EcrMock()) {
      ecr.repository("ml-model-california-housng");
      aws.forEach(System::setProperty);
      System.setProperty("aws.endpointUrlEcr", ecr.endpoint().toString());

      CliRun run = WaitRun.against(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS, "--inference-service",
          ISVC);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out()).contains("Reason:   RegistryRepositoryMissing", "Did you mean ml-model-california-housng?");
      assertThat(ecr.calls()).isNotEmpty();
    } finally {
      aws.keySet().forEach(System::clearProperty);
      System.clearProperty("aws.endpointUrlEcr");
    }
  }

  @Test
  void aProblemWaitingMightFixTurnsStuckWhenStuckAfterRunsOutWithoutPolling() throws Exception {
    cluster.withKServe();

    CliRun run = WaitRun.against(client, Instant.now(), "-n", NS, "--inference-service", ISVC,
        "--stuck-after", "2s", "--timeout", "1m");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("0s +Progressing +InferenceServiceNotFound")
        .containsPattern("\\n +[2-9]s +Stuck +InferenceServiceNotFound")
        .contains("Result:   Stuck (InferenceServiceNotFound)");
  }

  @Test
  void aTimeoutEndsWithTheLastDiagnosis() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load(FIXTURES + "Progressing/storage-initializer-downloading-rawdeployment.yaml");

    CliRun run = WaitRun.against(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS, "--inference-service",
        ISVC, "--stuck-after", "1s", "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("[01]s +Progressing +Progressing +0/1 pods ready")
        .contains("Phase:    Failed", "Reason:   ProgressDeadlineExceeded")
        .endsWith("Result:   timed out after 2s" + System.lineSeparator());
  }

  @Test
  void withoutKServeTheRolloutIsKServeNotInstalled() {
    CliRun run = WaitRun.against(client, Instant.now(), "-n", NS, "--inference-service", ISVC);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Reason:   KServeNotInstalled", "Result:   Stuck (KServeNotInstalled)");
  }

  @Test
  void aWatchTheApiServerRefusesEndsTheWaitWithOneLine() throws Exception {
    cluster.withKServe();
    // A real RBAC denial, verbatim from https://github.com/GluuFederation/cloud-native-edition/issues/543
    String forbidden = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"pods is forbidden: User \\\"system:serviceaccount:gluu:default\\\" cannot list resource"
        + " \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"gluu\\\"\",\"reason\":\"Forbidden\","
        + "\"details\":{\"kind\":\"pods\"},\"code\":403}";
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods?labelSelector=serving.kserve.io%2F"
        + "inferenceservice%3D" + ISVC + "&resourceVersion=0").andReturn(403, forbidden).always();

    CliRun run = WaitRun.against(client, Instant.now(), "-n", NS, "--inference-service", ISVC);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("deploycheck: the cluster at " + client.getMasterUrl() + " refused")
        .contains("HTTP 403: pods is forbidden: User \"system:serviceaccount:gluu:default\" cannot list resource");
  }

  @Test
  void aChangeSeenByTheWatchesEndsTheWait() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load(READY);
    WaitRun.Running running = WaitRun.started(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS,
        "--inference-service", ISVC);
    // KServe has not reported the InferenceService Ready yet (the mock drops status on create).
    await().atMost(Duration.ofSeconds(30)).until(() -> running.outSoFar().contains("Progressing"));

    restoreStatus(dump);

    CliRun run = running.finish();
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).containsPattern("Progressing +Progressing +2/2 pods ready")
        .containsPattern("Ready +Ready +2/2 pods ready").endsWith("Result:   Ready" + System.lineSeparator());
  }

  /** The Ready fixture with KServe's status on the InferenceService, as a cluster would have it. */
  private Instant loadReady() throws Exception {
    cluster.withKServe();
    Dump dump = cluster.load(READY);
    restoreStatus(dump);
    return OfflineDiagnosis.newestTimestamp(dump);
  }

  /** The mock server keeps no status on create (the CRD has a status subresource): write the fixture's. */
  private void restoreStatus(Dump dump) {
    GenericKubernetesResource fixture = dump.inferenceServices().get(0);
    var isvcs = client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").inNamespace(NS);
    GenericKubernetesResource current = isvcs.withName(ISVC).get();
    current.setAdditionalProperty("status", fixture.getAdditionalProperties().get("status"));
    isvcs.resource(current).updateStatus();
  }
}
