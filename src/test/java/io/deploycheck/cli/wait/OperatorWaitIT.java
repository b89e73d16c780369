package io.deploycheck.cli.wait;

import static io.deploycheck.cli.wait.LocalWaitIT.FIXTURES;
import static io.deploycheck.cli.wait.LocalWaitIT.HEALTH;
import static io.deploycheck.cli.wait.LocalWaitIT.HEALTHY;
import static io.deploycheck.cli.wait.LocalWaitIT.ISVC;
import static io.deploycheck.cli.wait.LocalWaitIT.NS;
import static io.deploycheck.cli.wait.LocalWaitIT.READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.Component;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.CliRun;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.operator.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wait with the operator installed: the real operator runs in-process against the same mock API server. */
@EnableKubernetesMockClient(crud = true)
class OperatorWaitIT {
  private static final String IMAGE =
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1";

  KubernetesClient client;
  KubernetesMockServer server;
  private MockCluster cluster;

  @BeforeEach
  void cluster() throws Exception {
    cluster = new MockCluster(client).withDeployCheckCrd().withKServe();
  }

  @AfterEach
  void stop() {
    cluster.stop();
  }

  @Test
  void theOperatorsDiagnosisEndsTheWaitAndTheDeployCheckStays() {
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--expected-image", IMAGE,
        "--stuck-after", "90s", "--timeout", "15m");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("through DeployCheck " + NS + "/" + ISVC, "diagnosed by the deploycheck operator")
        .containsPattern("Stuck +ImageNotFound +0/1 pods ready")
        .contains("Reason:   ImageNotFound (ImagePull, guide problem 4)", "Hint:")
        .endsWith("Result:   Stuck (ImageNotFound)" + System.lineSeparator());
    DeployCheckSpec spec = cluster.get(NS, ISVC).getSpec();
    assertThat(spec.getInferenceService()).isEqualTo(ISVC);
    assertThat(spec.getExpectedImage()).isEqualTo(IMAGE);
    assertThat(spec.getStuckAfter()).isEqualTo("1m30s");
    assertThat(spec.getProgressDeadline()).isEqualTo("15m");
  }

  @Test
  void aReadyCheckIsFollowedByTheHealthCheck() {
    Dump dump = cluster.load(READY);
    GenericKubernetesResource isvc = client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService")
        .inNamespace(NS).withName(ISVC).get();
    isvc.setAdditionalProperty("status", dump.inferenceServices().get(0).getAdditionalProperties().get("status"));
    client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").resource(isvc).updateStatus();
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);
    server.expect().get().withPath(HEALTH).andReturn(200, HEALTHY).once();

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--health-path", "/health");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("Ready +Ready +2/2 pods ready").contains("HTTP 200", "model_loaded: true")
        .endsWith("Result:   Ready, health check passed" + System.lineSeparator());
  }

  @Test
  void anExistingDeployCheckIsUpdatedAndItsOtherSettingsKept() {
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    DeployCheck existing = client.resource(cluster.apply(NS, ISVC, ISVC, "5m", "10m")).edit(check -> {
      check.getSpec().setExpectedImage(IMAGE);
      check.getSpec().setComponents(List.of(Component.PREDICTOR));
      return check;
    });
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Reason:   ImageNotFound");
    assertThat(cluster.get(NS, ISVC).getMetadata().getGeneration()).isGreaterThan(
        existing.getMetadata().getGeneration());
    DeployCheckSpec spec = cluster.get(NS, ISVC).getSpec();
    assertThat(spec.getExpectedImage()).as("wait's flags say which image; none given").isNull();
    assertThat(spec.getStuckAfter()).isEqualTo("3m");
    assertThat(spec.getComponents()).containsExactly(Component.PREDICTOR);
  }

  @Test
  void aStatusOfAnEarlierRolloutIsNotTakenForThisOne() {
    // The last deploy went Ready at InferenceService generation 1; the deploy step has just made generation 2, and no
    // operator runs to judge it.
    cluster.inferenceService(NS, ISVC, 1);
    long generation = cluster.inferenceService(NS, ISVC, 2).getMetadata().getGeneration();
    assertThat(generation).isEqualTo(2);
    DeployCheck check = cluster.apply(NS, ISVC, ISVC, "1s", "2s");
    DeployCheckStatus status = new DeployCheckStatus();
    status.setObservedGeneration(check.getMetadata().getGeneration());
    status.setInferenceServiceGeneration(1L);
    status.setPhase("Ready");
    status.setReason("Ready");
    status.setMessage("1/1 pods ready, InferenceService Ready");
    check.setStatus(status);
    client.resource(check).updateStatus();

    CliRun run = WaitRun.against(client, Instant.now(), "-n", NS, "--inference-service", ISVC, "--stuck-after", "1s",
        "--timeout", "2s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Message:  waiting for the deploycheck operator to diagnose generation 1 of DeployCheck",
            "Hint:     Is the operator running, and watching namespace " + NS)
        .doesNotContain("Phase:    Ready")
        .endsWith("Result:   timed out after 2s" + System.lineSeparator());
  }

  @Test
  void aJobThatMayNotWriteDeployChecksWaitsInProcess() {
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    // A real RBAC denial, verbatim from https://github.com/nais/naiserator/issues/172 (for another resource: the
    // wording is the API server's).
    String forbidden = "services is forbidden: User \\\"system:serviceaccount:default:serviceuser-teamdagpenger\\\""
        + " cannot create resource \\\"services\\\" in API group \\\"\\\" in the namespace \\\"default\\\"";
    server.expect().post().withPath("/apis/deploycheck.io/v1alpha1/namespaces/" + NS + "/deploychecks")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"" + forbidden + "\",\"reason\":\"Forbidden\",\"code\":403}")
        .once();

    CliRun run = WaitRun.against(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS, "--inference-service",
        ISVC);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("in-process (the DeployCheck API refused this job: HTTP 403:",
        "cannot create resource").contains("Reason:   ImageNotFound");
    assertThat(cluster.get(NS, ISVC)).isNull();
  }
}
