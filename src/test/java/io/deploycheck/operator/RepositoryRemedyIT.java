package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.registry.EcrClientFactory;
import io.deploycheck.registry.EcrInspector;
import io.deploycheck.registry.EcrMock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECR verification and the opt-in repository creation, through the operator, against local ECR and API mocks. */
@EnableKubernetesMockClient(crud = true)
class RepositoryRemedyIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final String FIXTURE = "src/test/resources/fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml";

  KubernetesClient client;
  private MockCluster cluster;
  private final EcrMock ecr = new EcrMock();
  private EcrClientFactory clients;

  @BeforeEach
  void clients() {
    clients = ecr.clients();
  }

  @AfterEach
  void stop() {
    cluster.stop();
    clients.close();
    ecr.close();
  }

  @ParameterizedTest(name = "spec asks {0}, operator allows {1}: created {2}")
  @CsvSource({"true, true, true", "true, false, false", "false, true, false"})
  void missingRepositoryIsConfirmedByEcrAndCreatedOnlyWithBothSwitches(boolean asks, boolean allows,
      boolean created) throws Exception {
    cluster = new MockCluster(client).withDeployCheckCrd().withKServe();
    Dump dump = cluster.load(FIXTURE);
    OperatorSettings settings = new OperatorSettings(Set.of(), 0, null, true, allows, false);
    cluster.start(OfflineDiagnosis.newestTimestamp(dump), settings,
        new EcrInspector(clients, Clock.systemUTC(), (operation, outcome) -> { }));
    client.resource(check(asks)).create();

    if (created) {
      await().atMost(Duration.ofSeconds(30)).until(() -> cluster.eventsAbout(NS, "DeployCheck", ISVC).stream()
          .anyMatch(e -> RepositoryRemedy.REPOSITORY_CREATED.equals(e.getReason())));
      Event event = cluster.eventsAbout(NS, "DeployCheck", ISVC).stream()
          .filter(e -> RepositoryRemedy.REPOSITORY_CREATED.equals(e.getReason())).findFirst().orElseThrow();
      assertThat(event.getType()).isEqualTo("Normal");
      assertThat(event.getMessage()).contains("ml-model-california-housing");
      assertThat(ecr.calls("CreateRepository")).hasSize(1);
      assertThat(ecr.calls("CreateRepository").get(0).body().path("imageScanningConfiguration")
          .path("scanOnPush").asBoolean()).isTrue();
      // Now the repository exists and the tag does not: the diagnosis follows ECR's new answer.
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(cluster.get(NS, ISVC).getStatus().getReason()).isEqualTo("ImageNotFound"));
    } else {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        var status = cluster.get(NS, ISVC).getStatus();
        assertThat(status).isNotNull();
        assertThat(status.getReason()).isEqualTo("RegistryRepositoryMissing");
        assertThat(status.getMessage()).contains("confirmed by ECR");
      });
      assertThat(ecr.calls("CreateRepository")).isEmpty();
    }
  }

  private static DeployCheck check(boolean createMissingRepository) {
    DeployCheck check = new DeployCheck();
    check.getMetadata().setName(ISVC);
    check.getMetadata().setNamespace(NS);
    DeployCheckSpec spec = new DeployCheckSpec();
    spec.setInferenceService(ISVC);
    RegistrySpec registry = new RegistrySpec();
    registry.setCreateMissingRepository(createMissingRepository);
    spec.setRegistry(registry);
    check.setSpec(spec);
    return check;
  }
}
