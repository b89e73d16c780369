package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What can be checked of the image without a Docker engine: the Dockerfile copies the jar the pom builds, runs it
 * the documented way, as a numeric non-root user, from base images pinned to a version.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  /** A full version in the tag (3.9.12, 17.0.17_10): floating tags such as 17-jre or latest move under you. */
  private static final String PINNED_TAG = ".+:[^:@]*\\d+\\.\\d+\\.\\d+[^:@]*(@sha256:[a-f0-9]{64})?";

  /** A Dockerfile instruction with its arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  @Test
  void copiesTheJarThePomBuildsToAppDeploycheckJar() throws Exception {
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

  private static String shadedFinalName() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    String name = XPathFactory.newInstance().newXPath().evaluate(
        "//plugin[artifactId='maven-shade-plugin']//configuration/finalName", pom);
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
