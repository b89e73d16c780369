package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.deploycheck.testing.Pom;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart as a whole: lint, metadata, and values that are validated and documented. */
class ChartTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void strictLintFindsNothingToWarnAbout() {
    LintResult lint = new Helm(HelmChart.DIR).lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    // The one message left is the recommendation of an icon, which the project does not have.
    assertThat(lint.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO]"));
  }

  @Test
  void chartDeclaresApiV2TheSupportedKubernetesAndTheProjectVersion() throws IOException {
    JsonNode chart = YAML.readTree(HelmChart.DIR.resolve("Chart.yaml").toFile());

    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.25.0-0");
    // The image tag defaults to appVersion, and the release publishes chart and image under the pom's version.
    assertThat(chart.path("appVersion").asText()).isEqualTo(Pom.version());
    assertThat(chart.path("version").asText()).isEqualTo(Pom.version());
  }

  @Test
  void refusesKubernetesOlderThan125() {
    assertThatThrownBy(() -> new Helm(HelmChart.DIR).template().withName(HelmChart.RELEASE)
        .withNamespace(HelmChart.NAMESPACE).withKubeVersion("1.24.0").call())
        .hasMessageContaining(">=1.25.0-0");
  }

  @Test
  void schemaRejectsUnknownKeysAndWrongValues() {
    assertThatThrownBy(() -> HelmChart.render(Map.of("watchNamespace[0]", "kubeflow-user01")))
        .hasMessageContaining("watchNamespace");
    assertThatThrownBy(() -> HelmChart.render(Map.of("logFormat", "xml"))).hasMessageContaining("logFormat");
    assertThatThrownBy(() -> HelmChart.render(Map.of("watchNamespaces[0]", "Not_A_Namespace")))
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> HelmChart.render(Map.of("serviceAccount.irsaRoleArn", "deploycheck-role")))
        .hasMessageContaining("irsaRoleArn");
  }

  @Test
  void everyValueIsInTheSchemaAndEverySchemaValueHasADefault() throws IOException {
    assertThat(leafPaths(values(), schema(), ""))
        .containsExactlyInAnyOrderElementsOf(leafPaths(null, schema(), ""));
  }

  @Test
  void readmeListsEveryValue() throws IOException {
    String readme = Files.readString(HelmChart.DIR.resolve("README.md"));

    assertThat(leafPaths(null, schema(), "")).allSatisfy(path ->
        assertThat(readme).as("README row for %s", path).contains("| `" + path + "` |"));
  }

  @Test
  void notesSayWhatIsWatchedAndWhatIsMissing() {
    String clusterWide = HelmChart.notes(null);
    String namespaced = HelmChart.notes(HelmChart.NAMESPACED_VALUES);

    assertThat(clusterWide).contains("It watches all namespaces.", "serviceMonitor.enabled=true",
        "prometheusRule.enabled=true", "serviceAccount.irsaRoleArn is empty",
        "kubectl -n deploycheck-system rollout status deployment/deploycheck");
    assertThat(namespaced).contains("It watches these namespaces only: kubeflow-user01, kubeflow-user02.")
        .doesNotContain("serviceMonitor.enabled=true", "prometheusRule.enabled=true", "irsaRoleArn is empty");
  }

  private static JsonNode values() throws IOException {
    return YAML.readTree(HelmChart.DIR.resolve("values.yaml").toFile());
  }

  private static JsonNode schema() throws IOException {
    return JSON.readTree(HelmChart.DIR.resolve("values.schema.json").toFile());
  }

  /**
   * Dotted paths of the values the schema describes one by one; objects without declared properties (resources,
   * labels, securityContext ...) are single values. With {@code values}, only paths present there, and a key the
   * schema does not declare fails the test. "global" is Helm's, not the chart's.
   */
  private static List<String> leafPaths(JsonNode values, JsonNode schema, String prefix) {
    List<String> paths = new ArrayList<>();
    JsonNode properties = schema.path("properties");
    Iterator<String> names = values == null ? properties.fieldNames() : values.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      String path = prefix + name;
      JsonNode property = properties.get(name);
      assertThat(property).as("schema entry for %s", path).isNotNull();
      assertThat(property.path("description").asText()).as("description of %s", path).isNotBlank();
      if (path.equals("global")) {
        continue;
      }
      if (property.has("properties")) {
        paths.addAll(leafPaths(values == null ? null : values.get(name), property, path + "."));
      } else {
        paths.add(path);
      }
    }
    return paths;
  }
}
