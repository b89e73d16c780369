package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.testing.Pom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the image without a Docker engine: the Dockerfile copies the jar the pom builds, runs it
 * the documented way, as a numeric non-root user, from base images pinned to a version; and the image Jib builds
 * without Docker (pom.xml) is the same image for everything but its base.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  /** A full version in the tag (3.9.12, 17.0.17_10): floating tags such as 17-jre or latest move under you. */
  private static final String PINNED_TAG = ".+:[^:@]*\\d+\\.\\d+\\.\\d+[^:@]*(@sha256:[a-f0-9]{64})?";

  /** A Dockerfile instruction with its arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  @Test
  void copiesTheJarThePomBuildsToAppDeploycheckJar() throws IOException {
    List<Instruction> instructions = instructions();
    String buildDir = arguments(instructions, "WORKDIR").get(0);
    String jar = "target/" + shadedFinalName() + ".jar";

    assertThat(arguments(instructions, "COPY"))
        .contains("--from=build " + buildDir + "/" + jar + " /app/deploycheck.jar");
  }

  @Test
  void entryPointRunsTheJarWithContainerAwareMemoryAndCommandIsOperator() throws IOException {
    List<Instruction> instructions = instructions();

    assertThat(arguments(instructions, "ENTRYPOINT")).containsExactly("[\"java\", \"-XX:MaxRAMPercentage=75\", "
        + "\"-XX:+ExitOnOutOfMemoryError\", \"-jar\", \"/app/deploycheck.jar\"]");
    assertThat(arguments(instructions, "CMD")).containsExactly("[\"operator\"]");
    assertThat(instructions.get(instructions.size() - 1).keyword()).isEqualTo("CMD");
  }

  @Test
  void runsAsANumericNonRootUser() throws IOException {
    List<String> users = arguments(instructions(), "USER");

    assertThat(users).containsExactly("65532:65532");
    assertThat(users.get(0)).matches("[1-9]\\d*:[1-9]\\d*");
  }

  @Test
  void buildsWithMavenAndRunsOnAJreBothPinnedToAVersion() throws IOException {
    List<String> stages = arguments(instructions(), "FROM");

    assertThat(stages).hasSize(2);
    assertThat(stages.get(0)).startsWith("maven:3.9.").contains("-eclipse-temurin-17").endsWith(" AS build");
    assertThat(stages.get(1)).startsWith("eclipse-temurin:17.").contains("-jre");
    assertThat(stages).allSatisfy(from -> {
      String image = from.split(" ")[0];
      assertThat(image).doesNotContain(":latest").matches(PINNED_TAG);
    });
  }

  @Test
  void dockerignoreLetsInOnlyWhatTheBuildCopies() throws IOException {
    List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    List<String> copiedFromContext = new ArrayList<>();
    for (String copy : arguments(instructions(), "COPY")) {
      if (!copy.startsWith("--from=")) {
        List<String> parts = List.of(copy.split("\\s+"));
        parts.subList(0, parts.size() - 1).forEach(source -> copiedFromContext.add("!" + source));
      }
    }

    assertThat(ignore.get(0)).as("ignore everything by default").isEqualTo("*");
    assertThat(ignore.subList(1, ignore.size())).containsExactlyInAnyOrderElementsOf(copiedFromContext);
  }

  @Test
  void jibBuildsTheSameUserPathsEntryPointCommandAndPortAsTheDockerfile() throws IOException {
    List<Instruction> instructions = instructions();
    List<String> workdirs = arguments(instructions, "WORKDIR");

    assertThat(jsonArray(arguments(instructions, "ENTRYPOINT").get(0)))
        .isEqualTo(List.of(jib("container/entrypoint").split(",")));
    assertThat(jsonArray(arguments(instructions, "CMD").get(0))).containsExactly(jib("container/args"));
    assertThat(jib("container/user")).isEqualTo(arguments(instructions, "USER").get(0));
    assertThat(jib("container/workingDirectory")).isEqualTo(workdirs.get(workdirs.size() - 1));
    assertThat(jib("container/ports/port")).isEqualTo(arguments(instructions, "EXPOSE").get(0));
    // The shaded jar, copied from target/ to /app/deploycheck.jar, as the Dockerfile's COPY does.
    assertThat(jib("extraDirectories/paths/path/from")).isEqualTo("${project.build.directory}");
    assertThat(jib("extraDirectories/paths/path/includes")).isEqualTo(shadedFinalName() + ".jar");
    assertThat(jib("extraDirectories/paths/path/into") + "/" + jib("extraDirectories/paths/path/includes"))
        .isEqualTo("/app/deploycheck.jar");
  }

  @Test
  void bothImagesCarryTheSameLabelsAndTheProjectVersion() throws IOException {
    List<Instruction> instructions = instructions();
    String version = arguments(instructions, "ARG").stream().filter(arg -> arg.startsWith("VERSION="))
        .map(arg -> arg.substring("VERSION=".length())).findFirst().orElseThrow();
    Matcher label = Pattern.compile("(\\S+)=\"([^\"]*)\"").matcher(arguments(instructions, "LABEL").get(0));
    int labels = 0;
    while (label.find()) {
      labels++;
      String dockerValue = label.group(2).replace("${VERSION}", version);
      String jibValue = jib("container/labels/" + label.group(1))
          .replace("${project.version}", Pom.version())
          .replace("${project.description}", Pom.evaluate("/project/description"))
          .replace("${project.url}", Pom.evaluate("/project/url"));
      assertThat(jibValue).as(label.group(1)).isEqualTo(dockerValue);
    }

    assertThat(version).isEqualTo(Pom.version());
    assertThat(labels).isEqualTo(5);
    assertThat(jib("container/labels/org.opencontainers.image.version")).isEqualTo("${project.version}");
  }

  @Test
  void releaseImageIsBuiltOnTheDockerfilesRuntimeBaseForTwoArchitectures() throws IOException {
    List<String> stages = arguments(instructions(), "FROM");
    String workflow = Files.readString(Path.of(".github/workflows/release.yml"));

    assertThat(workflow).contains("BASE_IMAGE: " + stages.get(stages.size() - 1) + "\n")
        .contains("PLATFORMS: linux/amd64,linux/arm64\n")
        .contains("-Djib.from.image=\"$BASE_IMAGE\" -Djib.from.platforms=\"$PLATFORMS\"");
  }

  private static String jib(String path) {
    return Pom.evaluate("//plugin[artifactId='jib-maven-plugin']/configuration/" + path);
  }

  private static List<String> jsonArray(String json) throws IOException {
    return List.of(new ObjectMapper().readValue(json, String[].class));
  }

  private static String shadedFinalName() {
    String name = Pom.evaluate("//plugin[artifactId='maven-shade-plugin']//configuration/finalName");
    assertThat(name).as("the shade plugin's finalName").isNotBlank();
    return name;
  }

  private static List<String> arguments(List<Instruction> instructions, String keyword) {
    return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
        .map(Instruction::arguments).toList();
  }

  private static List<Instruction> instructions() throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString();
      int space = text.indexOf(' ');
      instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
      current.setLength(0);
    }
    return instructions;
  }
}
