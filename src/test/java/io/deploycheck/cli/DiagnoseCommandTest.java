package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnoseCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
      "examples/dumps/image-not-found.yaml,ImageNotFound,Stuck,1",
      "examples/dumps/insufficient-memory.yaml,InsufficientResources,Stuck,1",
      "examples/dumps/probe-curl-missing.yaml,ProbeCommandNotFound,Stuck,1",
      "examples/dumps/ready.yaml,Ready,Ready,0",
      "examples/logs/ecr-push-repository-missing.log,RegistryRepositoryMissing,Failed,1",
      "examples/logs/health-check-curl-missing.log,HealthCheckToolMissing,Failed,1"})
  void everyBundledExampleGivesItsReasonInTextAndJson(String file, String reason, String phase, int exit)
      throws IOException {
    CliRun json = CliRun.run("", "diagnose", file, "-o", "json");
    assertThat(json.exitCode()).isEqualTo(exit);
    JsonNode top = JSON.readTree(json.out()).path("diagnoses").path(0);
    assertThat(top.path("reason").asText()).isEqualTo(reason);
    assertThat(top.path("phase").asText()).isEqualTo(phase);
    assertThat(top.fieldNames()).toIterable().containsSubsequence("target", "phase", "reason");
    assertThat(top.has("hint")).isTrue();
    assertThat(top.path("evidence").isArray()).isTrue();
    assertThat(top.path("warnings").isArray()).isTrue();

    CliRun text = CliRun.run("", "diagnose", file);
    assertThat(text.exitCode()).isEqualTo(exit);
    assertThat(text.out()).contains("Reason:   " + reason).contains("Phase:    " + phase).contains("Hint:");
  }

  @Test
  void aDumpWithoutItsDeployCheckSaysTheDefaultsWereUsed() {
    CliRun without = CliRun.run("", "diagnose", "examples/dumps/image-not-found.yaml", "-o", "json");
    assertThat(without.err()).isEqualTo("no DeployCheck in the input for kubeflow-user01/california-housing: judged"
        + " with the defaults (stuckAfter 3m, progressDeadline 10m, the rollout taken to start with the newest"
        + " revision's first pod); a dump with deploychecks carries them: kubectl get"
        + " pods,events,inferenceservices,deploychecks -n NS -o yaml" + System.lineSeparator());

    CliRun with = CliRun.run("", "diagnose", "examples/dumps/image-not-found.yaml", "examples/deploycheck.yaml");
    assertThat(with.err()).isEmpty();
    assertThat(with.out()).contains("Reason:   ImageNotFound");
  }

  @Test
  void jsonCarriesCategoryAndGuideProblem() throws IOException {
    JsonNode top = JSON.readTree(CliRun.run("", "diagnose", "examples/dumps/image-not-found.yaml", "-o", "json")
        .out()).path("diagnoses").path(0);
    assertThat(top.path("target").asText()).isEqualTo("kubeflow-user01/california-housing");
    assertThat(top.path("category").asText()).isEqualTo("ImagePull");
    assertThat(top.path("guideProblem").asInt()).isEqualTo(4);
    assertThat(top.path("message").asText()).contains("not found");
  }

  @Test
  void nodesInTheDumpTellWhetherAnyNodeCouldHoldTheRequest() throws IOException {
    String fixtures = "src/test/resources/fixtures/";
    String withNodes = JSON.readTree(CliRun.run("", "diagnose", "--now", "2026-12-05T16:59:10Z", fixtures
        + "InsufficientResources/e2e-32gi-larger-than-every-kwok-node.yaml", "-o", "json").out())
        .path("diagnoses").path(0).path("hint").asText();
    String without = JSON.readTree(CliRun.run("", "diagnose", "--now", "2026-12-05T16:59:10Z", fixtures
        + "real/InsufficientResources/insufficient-resources.yaml", "-o", "json").out())
        .path("diagnoses").path(0).path("hint").asText();

    assertThat(withNodes).contains("The request is larger than any node can hold: the largest, kwok-node-0, has"
        + " allocatable cpu=4, memory=16Gi. More nodes of the current types will not help").doesNotContain("add nodes");
    assertThat(without).contains("That says too little is free now, not whether any node could hold the request")
        .doesNotContain("add nodes");
  }

  @Test
  void mostSevereDiagnosisComesFirstAcrossFiles() throws IOException {
    CliRun run = CliRun.run("", "diagnose", "examples/dumps/ready.yaml", "examples/logs/health-check-curl-missing.log",
        "-o", "json");
    JsonNode diagnoses = JSON.readTree(run.out()).path("diagnoses");
    assertThat(diagnoses.path(0).path("phase").asText()).isEqualTo("Failed");
    assertThat(diagnoses.path(diagnoses.size() - 1).path("phase").asText()).isEqualTo("Ready");
  }

  @Test
  void readsStandardInputAndHonoursNowAndStuckAfter() throws IOException {
    String dump = Files.readString(Path.of("src/test/resources/fixtures/InsufficientResources/not-yet-memory-1m.yaml"));
    CliRun early = CliRun.run(dump, "diagnose", "-o", "json", "--now", "2026-03-09T10:12:00Z");
    assertThat(JSON.readTree(early.out()).path("diagnoses").path(0).path("phase").asText()).isEqualTo("Progressing");
    assertThat(early.exitCode()).isZero();
    CliRun shorter =
        CliRun.run(dump, "diagnose", "-", "-o", "json", "--stuck-after", "30s", "--now", "2026-03-09T10:12:00Z");
    assertThat(JSON.readTree(shorter.out()).path("diagnoses").path(0).path("phase").asText()).isEqualTo("Stuck");
    assertThat(shorter.exitCode()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apiVersion: v1\\nkind: List\\nitems:\\n- kind: Pod\\n  metadata: [oops|not valid YAML or JSON",
      "{\"kind\": \"List\", \"items\": [|not valid YAML or JSON",
      "apiVersion: v1\\nfoo: bar\\n|is not a Kubernetes object",
      "apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: x}\\n|holds no Pods, Events, InferenceServices",
      "apiVersion: v1\\nkind: Pod\\nmetadata: {name: x}\\nspec: {containers: 7}\\n"
          + "|has an unexpected shape: spec.containers should be a list",
      "apiVersion: v1\\nkind: Pod\\nmetadata: null\\n|document 1 (Pod) has no metadata object (metadata: null)",
      "{\"kind\": \"List\", \"items\": [{\"kind\": \"Event\", \"apiVersion\": \"v1\"}]}|item (Event) has no metadata",
      "   \\n\\n|is empty"})
  void badInputExitsTwoWithOneClearLine(String input, String expected) {
    CliRun run = CliRun.run(input.replace("\\n", "\n"), "diagnose", "-");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("deploycheck: standard input").contains(expected).doesNotContain("\tat ");
  }

  @Test
  void binaryMissingFilesAndBadFlagsExitTwo(@TempDir Path dir) throws IOException {
    Path binary = dir.resolve("dump.bin");
    Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    assertOneLine(CliRun.run("", "diagnose", binary.toString()), "is binary data");
    assertOneLine(CliRun.run("", "diagnose", dir.resolve("missing.yaml").toString()), "no such file");
    assertOneLine(CliRun.run("", "diagnose", dir.toString()), "is a directory");
    assertOneLine(CliRun.run("", "diagnose", "examples/dumps/ready.yaml", "--now", "yesterday"), "--now");
    assertOneLine(CliRun.run("", "diagnose", "examples/dumps/ready.yaml", "--stuck-after", "5x"), "--stuck-after");
    assertOneLine(CliRun.run("", "diagnose", "examples/dumps/ready.yaml", "--stuck-after", "5124095h"),
        "--stuck-after: \"5124095h\" is longer than the longest duration, 2562047h47m16s");
    assertOneLine(CliRun.run("", "diagnose", "examples/dumps/ready.yaml", "-o", "xml"), "Invalid value");
  }

  @Test
  void aThousandCommentLinesBeforeADumpAreRead() throws IOException {
    String dump = "# captured by the CD job\n".repeat(1_000) + Files.readString(Path.of("examples/dumps/ready.yaml"));
    CliRun run = CliRun.run(dump, "diagnose", "-");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Phase:    Ready");
  }

  @Test
  void deployCheckInTheDumpSuppliesSpecAndPreviousStatus() throws IOException {
    String dump = Files.readString(Path.of("examples/dumps/image-not-found.yaml")) + "\n---\n"
        + "apiVersion: deploycheck.io/v1alpha1\nkind: DeployCheck\n"
        + "metadata: {name: california-housing, namespace: kubeflow-user01}\n"
        + "spec: {inferenceService: california-housing, stuckAfter: 20m, progressDeadline: 10m}\n";
    JsonNode top = JSON.readTree(CliRun.run(dump, "diagnose", "-", "-o", "json").out()).path("diagnoses").path(0);
    assertThat(top.path("reason").asText()).isEqualTo("InvalidSpec");
    assertThat(top.path("hint").asText()).contains("stuckAfter (20m) must be shorter than progressDeadline (10m)");
  }

  @Test
  void logWithoutKnownLinesSaysSoAndExitsZero() {
    CliRun run = CliRun.run("Run actions/checkout@v4\nAll good\n", "diagnose", "-");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("no known failure found");
  }

  private static void assertOneLine(CliRun run, String expected) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains(expected).doesNotContain("Exception");
  }

  @Test
  void aLogsTimeIsItsOwnSoTwoRunsPrintTheSame() throws IOException {
    String log = "2026-11-27T10:20:12.4540001Z An error occurred (ExpiredTokenException) when calling the"
        + " GetAuthorizationToken operation: The security token included in the request is expired\n"
        + "2026-11-27T10:20:13.2073009Z denied: Your authorization token has expired. Reauthenticate and try again.\n";
    CliRun first = CliRun.run(log, "diagnose", "-", "-o", "json");
    CliRun second = CliRun.run(log, "diagnose", "-", "-o", "json");
    assertThat(second.out()).isEqualTo(first.out());
    JsonNode top = JSON.readTree(first.out()).path("diagnoses").path(0);
    assertThat(top.path("since").asText()).isEqualTo("2026-11-27T10:20:12.454000100Z");
    assertThat(top.path("guideProblem").asInt()).as("a pipeline login is guide problem 1").isEqualTo(1);
    assertThat(top.path("hint").asText()).contains("aws-actions/amazon-ecr-login").doesNotContain("node role");

    String untimed = log.replaceAll("(?m)^\\S+Z ", "");
    JsonNode bare = JSON.readTree(CliRun.run(untimed, "diagnose", "-", "-o", "json").out()).path("diagnoses").path(0);
    assertThat(bare.has("since")).as("a log without timestamps has no time").isFalse();
  }

  @Test
  void jsonAndYamlCarryWhatTheTextShows() throws IOException {
    String file = "examples/dumps/image-not-found.yaml";
    JsonNode json = JSON.readTree(CliRun.run("", "diagnose", file, "-o", "json").out()).path("diagnoses").path(0);
    assertThat(json.path("runbook").asText()).isEqualTo("https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md#imagenotfound");
    assertThat(json.path("since").asText()).isNotBlank();
    assertThat(json.path("totalPods").asInt()).isPositive();
    assertThat(json.path("pods").path(0).path("reason").asText()).isEqualTo("ImageNotFound");

    CliRun yaml = CliRun.run("", "diagnose", file, "-o", "yaml");
    JsonNode fromYaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml.out())
        .path("diagnoses").path(0);
    assertThat(fromYaml).isEqualTo(json);

    String text = CliRun.run("", "diagnose", file).out();
    assertThat(text).contains("Since:").contains("Runbook:");
  }

  @Test
  void theTextDoesNotPrintTheMessageAgainAsEvidence() {
    assertThat(Renderer.repeats("line 3: error: You must be logged in to the server (Unauthorized)",
        "line 3: error: You must be logged in to the server (Unauthorized)")).isTrue();
    assertThat(Renderer.repeats("pod p container c: secret \"s\" not found",
        "container c waiting CreateContainerConfigError: secret \"s\" not found")).isTrue();
    assertThat(Renderer.repeats("pod p container c: secret \"s\" not found",
        "Event Warning Failed on Pod/p at 2026-11-27T10:00:05Z: Error: CreateContainerConfigError")).isFalse();
  }

  @Test
  void aPastedDescribeNamesPodAndNamespaceInTheHint() throws IOException {
    // kubectl describe pod text as a job prints it; the pull error is containerd 1.7's (fixtures/ImageNotFound)
    String image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1";
    String log = "Name:             california-housing-predictor-7c5d9b8f6-p4xq2\n"
        + "Namespace:        kubeflow-user01\n"
        + "  Warning  Failed     2m (x4 over 3m)  kubelet  Failed to pull image \"" + image + "\": rpc error: code ="
        + " NotFound desc = failed to pull and unpack image \"" + image + "\": failed to resolve reference \"" + image
        + "\": " + image + ": not found\n";
    JsonNode top = JSON.readTree(CliRun.run(log, "diagnose", "-", "-o", "json").out()).path("diagnoses").path(0);
    assertThat(top.path("reason").asText()).isEqualTo("ImageNotFound");
    assertThat(top.path("hint").asText()).doesNotContain("the pod").doesNotContainPattern("<[a-z]+>");
  }

  @Test
  void noHttpAnswerAfterAFailedPortForwardBlamesNoMissingTool() throws IOException {
    String log = "error: unable to forward port because pod is not running. Current status=Pending\n"
        + "Health endpoint returned: 000\n";
    JsonNode top = JSON.readTree(CliRun.run(log, "diagnose", "-", "-o", "json").out()).path("diagnoses").path(0);
    assertThat(top.path("reason").asText()).isEqualTo("PodNotRunning");
    assertThat(top.path("warnings").toString()).doesNotContain("HealthCheckToolMissing");
  }
}
