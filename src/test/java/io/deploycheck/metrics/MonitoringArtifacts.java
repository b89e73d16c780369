package io.deploycheck.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped dashboard and alert rules, and the metric names their queries use. */
final class MonitoringArtifacts {
  static final Path DASHBOARD = Path.of("deploy/grafana/deploycheck.json");
  static final Path RULES = Path.of("deploy/alerts/deploycheck-rules.yaml");
  static final Path PROMETHEUS_RULE = Path.of("deploy/prometheus-operator/prometheus-rule.yaml");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Fields of a Grafana dashboard or a rules file that hold PromQL. */
  private static final Set<String> QUERY_FIELDS = Set.of("expr", "query", "definition");
  // Metric names of this project, java-operator-sdk and Micrometer's JVM/process binders. Label names never start
  // with these prefixes; Prometheus' own `up` is not the operator's to export and is left out.
  private static final Pattern METRIC = Pattern.compile("\\b(?:deploycheck|operator_sdk|jvm|process|system)_\\w+");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

  private MonitoringArtifacts() {}

  static JsonNode dashboard() throws IOException {
    return JSON.readTree(DASHBOARD.toFile());
  }

  static JsonNode rules() throws IOException {
    return YAML.readTree(RULES.toFile());
  }

  static JsonNode prometheusRule() throws IOException {
    return YAML.readTree(PROMETHEUS_RULE.toFile());
  }

  static Set<String> dashboardMetrics() throws IOException {
    return metricsIn(queries(dashboard()));
  }

  static Set<String> alertMetrics() throws IOException {
    return metricsIn(queries(rules()));
  }

  /** Every PromQL text in a JSON/YAML tree, wherever it is nested. */
  static List<String> queries(JsonNode tree) {
    List<String> found = new ArrayList<>();
    collect(tree, found);
    return found;
  }

  private static void collect(JsonNode node, List<String> found) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (QUERY_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          found.add(field.getValue().asText());
        } else {
          collect(field.getValue(), found);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, found));
    }
  }

  static Set<String> metricsIn(List<String> queries) {
    Set<String> metrics = new TreeSet<>();
    for (String query : queries) {
      // Label values ("deploycheck.io", "Failed") are not metric names.
      Matcher matcher = METRIC.matcher(QUOTED.matcher(query).replaceAll("\"\""));
      while (matcher.find()) {
        metrics.add(matcher.group());
      }
    }
    return metrics;
  }
}
