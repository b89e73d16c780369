package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture's hints (the diagnosis and its warnings) read as advice to a person: no {@code <placeholder>} left
 * for the reader to fill, no Java class or package name, no clause said twice.
 */
class HintTruthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][\\w-]*>");
  private static final Pattern JAVA_NAME = Pattern.compile(
      "\\b(?:java|javax|io\\.deploycheck|io\\.fabric8|software\\.amazon|org\\.apache)\\.[a-z]|\\bat [a-z]+\\.[\\w.$]+\\("
          + "|\\b\\w+Exception\\b");
  /** AWS API error codes end in "Exception" too; they are the service's own words, not Java class names. */
  private static final Set<String> AWS_ERROR_CODES = Set.of("RepositoryNotFoundException", "ImageNotFoundException",
      "AccessDeniedException", "ExpiredTokenException", "UnrecognizedClientException", "ThrottlingException",
      "InvalidParameterException", "ServerException", "LimitExceededException");

  @TestFactory
  Stream<DynamicTest> everyFixtureGetsHintsWithoutPlaceholdersClassNamesOrRepeats() throws IOException {
    return DiagnosisFixturesTest.fixtures().stream().map(f -> DynamicTest.dynamicTest(
        DiagnosisFixturesTest.ROOT.relativize(f.path()).toString(), () -> {
          List<String> args = new ArrayList<>(List.of("diagnose", "-", "-o", "json"));
          if (f.now() != null) {
            args.addAll(List.of("--now", f.now()));
          }
          if (f.stuckAfter() != null) {
            args.addAll(List.of("--stuck-after", f.stuckAfter()));
          }
          JsonNode top = JSON.readTree(CliRun.run(f.body(), args.toArray(String[]::new)).out()).path("diagnoses").path(0);
          List<String> hints = new ArrayList<>(List.of(top.path("hint").asText()));
          top.path("warnings").forEach(w -> hints.add(w.path("hint").asText()));
          for (String hint : hints) {
            assertThat(problems(hint)).as("hint of %s: %s", f.path(), hint).isEmpty();
          }
        }));
  }

  @Test
  void theChecksCatchWhatTheyLookFor() {
    assertThat(problems("Read: kubectl logs <pod> -n ns.")).containsExactly("placeholder <pod>");
    assertThat(problems("ECR was not consulted (HttpHostConnectException: refused).")).hasSize(1);
    assertThat(problems("Repository r does not exist (RepositoryNotFoundException).")).isEmpty();
    assertThat(problems("Check the node. It may be full. Check the node.")).containsExactly("repeated: check the node");
    assertThat(problems("Create Secret s in namespace n, or fix the reference.")).isEmpty();
  }

  static List<String> problems(String hint) {
    List<String> found = new ArrayList<>();
    Matcher placeholder = PLACEHOLDER.matcher(hint);
    while (placeholder.find()) {
      found.add("placeholder " + placeholder.group());
    }
    Matcher java = JAVA_NAME.matcher(hint);
    while (java.find()) {
      if (!AWS_ERROR_CODES.contains(java.group())) {
        found.add("Java name " + java.group());
      }
    }
    Set<String> clauses = new HashSet<>();
    for (String clause : hint.split("(?<=[.;:])\\s+")) {
      String normal = clause.replaceAll("[.;:,]+$", "").strip().toLowerCase(Locale.ROOT);
      if (normal.split("\\s+").length >= 3 && !clauses.add(normal)) {
        found.add("repeated: " + normal);
      }
    }
    return found;
  }
}
