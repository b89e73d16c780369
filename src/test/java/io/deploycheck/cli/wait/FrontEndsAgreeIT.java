package io.deploycheck.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.CliRun;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.DumpFacts;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.cli.Target;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.operator.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One cluster state, three front ends: {@code wait} without the operator (its own informers), {@code diagnose} on a
 * dump of exactly the cluster's objects, and the operator (informer caches) all go through the one gatherer and
 * engine, so they must say the same thing: phase, reason, message and hint.
 */
@EnableKubernetesMockClient(crud = true)
class FrontEndsAgreeIT {
  static final String NS = "kubeflow-user01";
  static final String ISVC = "california-housing";

  KubernetesClient client;
  private MockCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml",
      "OOMKilled/guide-256mi-crashloop-rawdeployment.yaml",
      "ContainerConfigError/secret-not-found-env-raw-k8s-1.31.yaml",
      "ProbeCommandNotFound/containerd-exec-curl-readiness-k8s129.yaml"})
  void operatorWaitAndDiagnoseGiveTheSameDiagnosis(String fixture) throws Exception {
    cluster = new MockCluster(client).withKServe();
    Instant now = OfflineDiagnosis.newestTimestamp(cluster.load("src/test/resources/fixtures/" + fixture));

    // wait first: without the DeployCheck API it follows the rollout in-process. ECR is left out of all three (wait
    // asks it by default, diagnose only when told, the mock cluster's operator not at all): same evidence, same say.
    CliRun waited = WaitRun.against(client, now, "-n", NS, "--inference-service", ISVC, "--verify-registry", "false",
        "-o", "json");
    JsonNode json = new ObjectMapper().readTree(waited.out());
    Said byWait = new Said(json.path("phase").asText(), json.path("reason").asText(), json.path("message").asText(),
        json.path("hint").asText());

    Dump dump = new Dump(client.pods().inNamespace(NS).list().getItems(),
        client.v1().events().inNamespace(NS).list().getItems(),
        client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").inNamespace(NS).list()
            .getItems(), List.of(), client.nodes().list().getItems());
    List<Target> offline = new OfflineDiagnosis(new DiagnosisEngine(), null).diagnose(DumpFacts.of(dump), now,
        null);
    assertThat(offline).hasSize(1);
    Said byDiagnose = Said.of(Verdict.of(offline.get(0).diagnosis()));

    cluster.withDeployCheckCrd().start(now);
    cluster.apply(NS, ISVC, ISVC, "3m", null);
    DeployCheckStatus status = await().atMost(Duration.ofSeconds(30)).until(
        () -> {
          DeployCheck check = cluster.get(NS, ISVC);
          return check == null ? null : check.getStatus();
        },
        s -> s != null && s.getReason() != null);
    Said byOperator = Said.of(Verdict.of(status));

    assertThat(byDiagnose.phase()).isEqualTo("Stuck");
    assertThat(byWait).as("wait vs diagnose").isEqualTo(byDiagnose);
    assertThat(byOperator).as("operator vs diagnose").isEqualTo(byDiagnose);
  }

  /** What a front end tells its user. */
  record Said(String phase, String reason, String message, String hint) {
    static Said of(Verdict verdict) {
      return new Said(verdict.phase().name(), verdict.reason().name(), verdict.message(), verdict.hint());
    }
  }
}
