package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.diagnosis.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks {@code src/test/resources/fixtures}: every file is a real-world case whose header says what the diagnosis
 * must be. Each goes through the same path as {@code deploycheck diagnose -o json}. The header's {@code # expect:}
 * line holds {@code reason=}, and optionally {@code phase=}, {@code warning=} (a warning's reason) and
 * {@code hint-names=} (comma-separated names the hint must fill in from the input).
 */
class DiagnosisFixturesTest {
  static final Path ROOT = Path.of("src/test/resources/fixtures");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Fixture(Path path, Map<String, String> expect, String now, String stuckAfter, List<String> sources,
      String body) {
    String reasonFolder() {
      return path.getParent().getFileName().toString();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsExpectedDiagnosis() throws IOException {
    return fixtures().stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f.path()).toString(), () -> {
      List<String> args = new ArrayList<>(List.of("diagnose", "-", "-o", "json"));
      if (f.now() != null) {
        args.addAll(List.of("--now", f.now()));
      }
      if (f.stuckAfter() != null) {
        args.addAll(List.of("--stuck-after", f.stuckAfter()));
      }
      CliRun run = CliRun.run(f.body(), args.toArray(String[]::new));
      // A fixture is a dump without its DeployCheck: the note that defaults were used is expected, nothing else.
      assertThat(run.err().lines().filter(line -> !line.startsWith("no DeployCheck in the input for")))
          .as("stderr").isEmpty();
      JsonNode top = JSON.readTree(run.out()).path("diagnoses").path(0);
      assertThat(top.path("reason").asText()).as("reason of %s", f.path()).isEqualTo(f.expect().get("reason"));
      if (f.expect().containsKey("phase")) {
        assertThat(top.path("phase").asText()).as("phase of %s", f.path()).isEqualTo(f.expect().get("phase"));
      }
      if (f.expect().containsKey("warning")) {
        List<String> warnings = new ArrayList<>();
        top.path("warnings").forEach(w -> warnings.add(w.path("reason").asText()));
        assertThat(warnings).as("warnings of %s", f.path()).contains(f.expect().get("warning"));
      }
      if (f.expect().containsKey("hint-names")) {
        assertThat(top.path("hint").asText()).as("hint of %s", f.path())
            .contains(f.expect().get("hint-names").split(","));
      }
      boolean problem = Set.of("Stuck", "Failed").contains(top.path("phase").asText());
      assertThat(run.exitCode()).as("exit code").isEqualTo(problem ? 1 : 0);
      assertThat(top.path("hint").asText()).as("hint fully rendered").doesNotContainPattern("\\$\\{[A-Za-z]+}")
          .doesNotContain("[[");
    }));
  }

  @Test
  void everyFixtureNamesItsPublicSourceAndSitsUnderItsReason() throws IOException {
    for (Fixture f : fixtures()) {
      assertThat(f.sources()).as("# source: lines of %s", f.path()).isNotEmpty();
      assertThat(f.sources()).allSatisfy(s -> assertThat(s).startsWith("http"));
      assertThat(f.expect()).as("# expect: of %s", f.path()).containsKey("reason");
      String folder = f.reasonFolder();
      boolean healthyVariant = f.path().getFileName().toString().matches("(not-yet|within-budget|stale|warning).*");
      if (!healthyVariant) {
        assertThat(f.expect().get("reason")).as("folder of %s", f.path()).isEqualTo(folder);
      }
    }
  }

  @Test
  void everyReasonHasAtLeastThreeFixtures() throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    for (Fixture f : fixtures()) {
      counts.merge(f.expect().get("reason"), 1, Integer::sum);
    }
    // InvalidSpec is about our own API, not a message from the world: DiagnosisEngineTest and CheckSpecTest cover it.
    Set<Reason> needed = EnumSet.complementOf(EnumSet.of(Reason.InvalidSpec));
    for (Reason reason : needed) {
      assertThat(counts.getOrDefault(reason.name(), 0)).as("fixtures for %s", reason).isGreaterThanOrEqualTo(3);
    }
  }

  static List<Fixture> fixtures() throws IOException {
    List<Fixture> fixtures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path path : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".log"))
          .sorted().toList()) {
        fixtures.add(read(path));
      }
    }
    return fixtures;
  }

  private static Fixture read(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path);
    Map<String, String> expect = new HashMap<>();
    List<String> sources = new ArrayList<>();
    String now = null;
    String stuckAfter = null;
    int body = 0;
    while (body < lines.size() && lines.get(body).startsWith("#")) {
      String line = lines.get(body).substring(1).strip();
      if (line.startsWith("source:")) {
        sources.add(line.substring("source:".length()).strip());
      } else if (line.startsWith("expect:")) {
        Arrays.stream(line.substring("expect:".length()).strip().split("\\s+"))
            .map(kv -> kv.split("=", 2))
            .forEach(kv -> expect.put(kv[0], kv[1]));
      } else if (line.startsWith("now:")) {
        now = line.substring("now:".length()).strip().split("\\s+")[0];
      } else if (line.startsWith("stuck-after:")) {
        stuckAfter = line.substring("stuck-after:".length()).strip().split("\\s+")[0];
      }
      body++;
    }
    String text = String.join("\n", lines.subList(body, lines.size())) + "\n";
    return new Fixture(path, expect, now, stuckAfter, sources, text);
  }
}
