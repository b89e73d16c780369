package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.registry.EcrMock;
import io.deploycheck.registry.EcrMock.Image;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploycheck diagnose --verify-registry} with the standard AWS configuration pointed at a local ECR endpoint:
 * the SDK's own {@code aws.endpointUrlEcr} setting (the system-property twin of {@code AWS_ENDPOINT_URL_ECR}) and
 * system-property credentials, so nothing in the command is special-cased for the test.
 */
class DiagnoseVerifyRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DUMP = "examples/dumps/image-not-found.yaml";
  private static final Map<String, String> AWS = Map.of("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE",
      "aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

  private final EcrMock ecr = new EcrMock();

  @BeforeEach
  void pointTheSdkAtTheMock() {
    AWS.forEach(System::setProperty);
    System.setProperty("aws.endpointUrlEcr", ecr.endpoint().toString());
  }

  @AfterEach
  void restore() {
    AWS.keySet().forEach(System::clearProperty);
    System.clearProperty("aws.endpointUrlEcr");
    ecr.close();
  }

  private static JsonNode top(CliRun run) throws IOException {
    return JSON.readTree(run.out()).path("diagnoses").path(0);
  }

  @Test
  void ecrConfirmsTheMissingTagAndNamesTheRecentOnes() throws IOException {
    ecr.repository("ml-model-california-housing",
        new Image("sha256:" + "a".repeat(64), List.of("9a8b7c6"), Instant.parse("2026-11-27T09:30:00Z")));
    CliRun run = CliRun.run("", "diagnose", DUMP, "--verify-registry", "-o", "json");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode top = top(run);
    assertThat(top.path("reason").asText()).isEqualTo("ImageNotFound");
    assertThat(top.path("message").asText()).contains("confirmed by ECR: ImageNotFoundException");
    assertThat(top.path("hint").asText()).contains("ECR confirms it").contains("Recently pushed tags: 9a8b7c6.");
    assertThat(ecr.calls().get(0).region()).isEqualTo("ap-northeast-2");
  }

  @Test
  void ecrTurnsNotFoundIntoAMissingRepositoryWithASuggestion() throws IOException {
    ecr.repository("ml-model-california-housng");
    JsonNode top = top(CliRun.run("", "diagnose", DUMP, "--verify-registry", "-o", "json"));
    assertThat(top.path("reason").asText()).isEqualTo("RegistryRepositoryMissing");
    assertThat(top.path("hint").asText()).contains("Did you mean ml-model-california-housng?");
  }

  @Test
  void aDeniedLookupIsSaidAndTheKubeletCauseStands() throws IOException {
    // https://github.com/ministryofjustice/modernisation-platform-environments/pull/10067
    ecr.failNext("DescribeImages", "AccessDeniedException", "User:"
        + " arn:aws:sts::509399598587:assumed-role/ecr-access/GitHubActions is not authorized to perform:"
        + " ecr:DescribeImages on resource: arn:aws:ecr:eu-west-2:509399598587:repository/moj-analytical-services/"
        + "analytical-platform-airflow-python-example because no identity-based policy allows the ecr:DescribeImages"
        + " action");
    CliRun run = CliRun.run("", "diagnose", DUMP, "--verify-registry");
    assertThat(run.out()).contains("Reason:   ImageNotFound")
        .contains("ECR was not consulted (AccessDeniedException: User:");
  }

  @Test
  void withoutTheFlagEcrIsNotAsked() throws IOException {
    ecr.repository("ml-model-california-housing");
    JsonNode top = top(CliRun.run("", "diagnose", DUMP, "-o", "json"));
    assertThat(top.path("reason").asText()).isEqualTo("ImageNotFound");
    assertThat(top.path("hint").asText()).doesNotContain("confirms it").doesNotContain("not consulted");
    assertThat(ecr.calls()).isEmpty();
  }
}
