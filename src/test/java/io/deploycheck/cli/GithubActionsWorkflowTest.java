package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The example CD workflow is valid, uses only real actions, and calls deploycheck only the way its CLI allows. */
class GithubActionsWorkflowTest {
  private static final Path WORKFLOW = Path.of("examples/github-actions/cd.yaml");

  /** The actions the workflow may use, at the major versions that exist. */
  private static final Set<String> ACTIONS = Set.of("actions/checkout@v4", "aws-actions/configure-aws-credentials@v4",
      "aws-actions/amazon-ecr-login@v2", "actions/setup-java@v4");

  /** The flags of {@code deploycheck wait} fixed by DESIGN section 5 and issue 7. */
  private static final Set<String> WAIT_FLAGS = Set.of("-n", "--inference-service", "--expected-image", "--timeout",
      "--stuck-after", "--health-path", "--port", "-o");

  private static final Pattern INVOCATION = Pattern.compile("(?:^|[;&|(]\\s*|\\s)deploycheck\\s+([^;&|\\n]*)");

  private static JsonNode workflow;

  @BeforeAll
  static void parse() throws IOException {
    workflow = new YAMLMapper().readTree(WORKFLOW.toFile());
  }

  @Test
  void isAWorkflowWithTriggersJobsAndSteps() {
    assertThat(workflow.path("name").asText()).isNotBlank();
    assertThat(workflow.has("on")).isTrue();
    assertThat(workflow.path("jobs").size()).isPositive();
    workflow.path("jobs").forEach(job -> {
      assertThat(job.path("runs-on").asText()).isNotBlank();
      assertThat(job.path("steps").isArray()).isTrue();
      assertThat(job.path("steps").size()).isPositive();
      job.path("steps").forEach(step -> {
        assertThat(step.path("name").asText()).isNotBlank();
        assertThat(step.has("uses") ^ step.has("run")).as("step %s has exactly one of uses and run", step).isTrue();
      });
    });
  }

  @Test
  void usesOnlyKnownActions() {
    List<String> uses = new ArrayList<>();
    steps().forEach(step -> {
      if (step.has("uses")) {
        uses.add(step.path("uses").asText());
      }
    });

    assertThat(uses).isNotEmpty().allMatch(ACTIONS::contains, "one of " + ACTIONS);
  }

  @Test
  void ensuresTheEcrRepositoryAsTheGuideDoes() {
    String script = String.join("\n", runScripts());

    assertThat(script).containsPattern("aws ecr describe-repositories[^\\n]*\\n?[^\\n]*\\|\\| aws ecr create-repository")
        .contains("--image-scanning-configuration scanOnPush=true", "--image-tag-mutability MUTABLE");
  }

  @Test
  void callsDoctorWithTheSecretAndWaitForTheImage() {
    List<List<String>> calls = invocations();

    assertThat(calls).extracting(GithubActionsWorkflowTest::command).containsExactly("doctor kubeconfig", "wait");
    JsonNode doctor = steps().stream().filter(s -> s.path("run").asText().contains("deploycheck doctor"))
        .findFirst().orElseThrow();
    assertThat(doctor.path("env").path("KUBECONFIG_DATA").asText()).isEqualTo("${{ secrets.KUBECONFIG_DATA }}");
    assertThat(flags(calls.get(1))).contains("-n", "--inference-service", "--expected-image", "--health-path",
        "--port", "--timeout");
  }

  @Test
  void everyDeploycheckCallIsACommandTheCliDefinesWithItsFlags() {
    CommandLine cli = Main.commandLine(new ByteArrayInputStream(new byte[0]));
    for (List<String> call : invocations()) {
      String command = command(call);
      assertThat(command).isIn("doctor kubeconfig", "wait");
      if (command.equals("wait")) {
        assertThat(flags(call)).allMatch(WAIT_FLAGS::contains, "a flag of deploycheck wait: " + WAIT_FLAGS);
      }
      CommandLine defined = subcommand(cli, command);
      assertThat(defined).as(command).isNotNull();
      Set<String> options = new HashSet<>();
      defined.getCommandSpec().options().forEach(o -> options.addAll(Arrays.asList(o.names())));
      assertThat(flags(call)).as(command).allMatch(options::contains, "an option of " + command);
    }
  }

  private static CommandLine subcommand(CommandLine root, String path) {
    CommandLine current = root;
    for (String name : path.split(" ")) {
      Map<String, CommandLine> subcommands = current.getSubcommands();
      current = subcommands.get(name);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** Each deploycheck call's words, line continuations joined and quotes removed. */
  private static List<List<String>> invocations() {
    List<List<String>> calls = new ArrayList<>();
    for (String script : runScripts()) {
      Matcher matcher = INVOCATION.matcher(script.replace("\\\n", " "));
      while (matcher.find()) {
        List<String> words = new ArrayList<>();
        for (String word : matcher.group(1).trim().split("\\s+")) {
          words.add(word.replaceAll("^[\"']|[\"']$", ""));
        }
        calls.add(words);
      }
    }
    return calls;
  }

  private static String command(List<String> words) {
    List<String> path = new ArrayList<>();
    for (String word : words) {
      if (word.startsWith("-")) {
        break;
      }
      path.add(word);
    }
    return String.join(" ", path);
  }

  private static List<String> flags(List<String> words) {
    return words.stream().filter(w -> w.startsWith("-")).map(w -> w.replaceAll("=.*", "")).toList();
  }

  private static List<String> runScripts() {
    return steps().stream().filter(s -> s.has("run")).map(s -> s.path("run").asText()).toList();
  }

  private static List<JsonNode> steps() {
    List<JsonNode> steps = new ArrayList<>();
    workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
    return steps;
  }
}
