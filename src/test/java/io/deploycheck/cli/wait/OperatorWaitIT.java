package io.deploycheck.cli.wait;

import static io.deploycheck.cli.wait.LocalWaitIT.FIXTURES;
import static io.deploycheck.cli.wait.LocalWaitIT.HEALTH;
import static io.deploycheck.cli.wait.LocalWaitIT.HEALTHY;
import static io.deploycheck.cli.wait.LocalWaitIT.ISVC;
import static io.deploycheck.cli.wait.LocalWaitIT.NS;
import static io.deploycheck.cli.wait.LocalWaitIT.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.Component;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.CliRun;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.operator.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
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
  void aDeployCheckWaitCreatedIsUpdatedByTheNextWait() {
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);
    WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--expected-image", IMAGE);
    DeployCheck first = cluster.get(NS, ISVC);

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--stuck-after", "1m");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Reason:   ImageNotFound").doesNotContain("read, not changed");
    DeployCheck second = cluster.get(NS, ISVC);
    assertThat(second.getMetadata().getLabels()).containsEntry(OperatorRollout.MANAGED_BY, "deploycheck-wait");
    assertThat(second.getMetadata().getGeneration()).isGreaterThan(first.getMetadata().getGeneration());
    assertThat(second.getSpec().getExpectedImage()).as("wait's flags say which image; none given").isNull();
    assertThat(second.getSpec().getStuckAfter()).isEqualTo("1m");
  }

  @Test
  void aDeployCheckSomeoneElseManagesIsReadAndNeverWritten() {
    Dump dump = cluster.load(FIXTURES + "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml");
    DeployCheck gitops = new DeployCheck();
    gitops.getMetadata().setName(ISVC);
    gitops.getMetadata().setNamespace(NS);
    gitops.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("argocd-controller")
        .withOperation("Apply").withApiVersion("deploycheck.io/v1alpha1").build()));
    DeployCheckSpec spec = new DeployCheckSpec();
    spec.setInferenceService(ISVC);
    spec.setExpectedImage(IMAGE);
    spec.setStuckAfter("5m");
    spec.setComponents(List.of(Component.PREDICTOR));
    gitops.setSpec(spec);
    DeployCheck before = client.resource(gitops).create();
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);

    CliRun run = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--stuck-after", "1m",
        "--timeout", "20m");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("through DeployCheck " + NS + "/" + ISVC + " (managed by argocd-controller: read,"
        + " not changed; its stuckAfter 5m and progressDeadline 10m apply)", "Reason:   ImageNotFound");
    DeployCheck after = cluster.get(NS, ISVC);
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(after.getSpec()).usingRecursiveComparison().isEqualTo(before.getSpec());
    assertThat(after.getMetadata().getLabels()).isNullOrEmpty();
  }

  @Test
  void withoutARunningOperatorWaitDiagnosesInProcessAfterTheGracePeriod() {
    // The CRD stays installed (helm uninstall keeps it) but no operator runs.
    Dump dump = cluster.load(FIXTURES + "OOMKilled/terminated-oomkilled-first-kill-rawdeployment.yaml");

    CliRun run = WaitRun.against(client, OfflineDiagnosis.newestTimestamp(dump), "-n", NS, "--inference-service",
        ISVC);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("in-process if it has not followed the rollout for 10s")
        .contains("waiting for the deploycheck operator to diagnose generation 1")
        .contains("the deploycheck operator wrote no status for this rollout within 10s (it is not running, or not"
            + " watching this namespace): diagnosing in-process from now on")
        .containsPattern("1[0-9]s +Stuck +OOMKilled")
        .endsWith("Result:   Stuck (OOMKilled)" + System.lineSeparator());
  }

  @Test
  void anOperatorThatGoesSilentMidWaitIsNoticedWhenTheRolloutChangesWithoutIt() throws Exception {
    Dump dump = cluster.load(FIXTURES + "Progressing/storage-initializer-downloading-rawdeployment.yaml");
    Instant now = OfflineDiagnosis.newestTimestamp(dump);
    cluster.start(now);
    WaitRun.Running running = WaitRun.started(client, now, "-n", NS, "--inference-service", ISVC);
    await().atMost(Duration.ofSeconds(30)).until(() -> running.outSoFar().contains("Progressing"));

    cluster.stop();
    // The next attempt of the rollout, which the stopped operator never sees: its pods replace the earlier ones.
    client.pods().inNamespace(NS).delete();
    cluster.load(FIXTURES + "OOMKilled/terminated-oomkilled-first-kill-rawdeployment.yaml");

    CliRun run = running.finish();
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("the deploycheck operator's status (Progressing, Progressing) has not followed the"
        + " rollout for 10s (in-process: Stuck, OOMKilled): diagnosing in-process from now on")
        .endsWith("Result:   Stuck (OOMKilled)" + System.lineSeparator());
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
