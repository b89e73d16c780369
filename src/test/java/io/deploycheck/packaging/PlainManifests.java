package io.deploycheck.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What deploy/ must hold: the chart rendered with its default values for release deploycheck in namespace
 * deploycheck-system, so {@code kubectl apply -f deploy/} installs what {@code helm install} would.
 * <ul>
 *   <li>deploycheck.yaml: the Namespace (Helm leaves namespaces to --create-namespace), the CRD, and every object
 *       of the default rendering. Only plain Kubernetes objects sit directly in deploy/, so
 *       {@code kubectl apply -f deploy/} works on any cluster;</li>
 *   <li>prometheus-operator/service-monitor.yaml and prometheus-operator/prometheus-rule.yaml (they need the
 *       Prometheus Operator's CRDs), grafana/grafana-dashboard.yaml: the objects behind the chart's toggles, one
 *       file each, in folders of their own.</li>
 * </ul>
 */
final class PlainManifests {
  static final Path DIR = Path.of("deploy");
  static final Path PROMETHEUS_OPERATOR = DIR.resolve("prometheus-operator");
  private static final String HEADER = """
      # Generated from helm/deploycheck-operator (release deploycheck, namespace deploycheck-system, %s).
      # Do not edit: change the chart, then run %s
      """;
  private static final String NAMESPACE = """
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: deploycheck-system
        labels:
          # The operator's pod meets the restricted Pod Security Standard, so the namespace can enforce it.
          pod-security.kubernetes.io/enforce: restricted
      """;

  private PlainManifests() {}

  /** File name in deploy/ to its expected content, rendered from the chart as it is now. */
  static Map<Path, String> expected() throws IOException {
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(DIR.resolve("deploycheck.yaml"), header("default values") + NAMESPACE
        + "---\n# Source: deploycheck-operator/crds/" + CopiedFile.CRD.copy().getFileName() + "\n"
        + Files.readString(CopiedFile.CRD.copy()) + HelmChart.render().text());
    files.put(PROMETHEUS_OPERATOR.resolve("service-monitor.yaml"),
        toggled("serviceMonitor.enabled", "templates/servicemonitor.yaml"));
    files.put(PROMETHEUS_OPERATOR.resolve("prometheus-rule.yaml"),
        toggled("prometheusRule.enabled", "templates/prometheusrule.yaml"));
    files.put(DIR.resolve("grafana/grafana-dashboard.yaml"), toggled("dashboard.enabled", "templates/dashboard.yaml"));
    return files;
  }

  private static String toggled(String toggle, String template) {
    String documents = HelmChart.render(Map.of(toggle, true)).fromTemplate(template).stream()
        .map(manifest -> "---" + manifest.text())
        .collect(Collectors.joining());
    return header("default values and " + toggle + "=true") + documents;
  }

  private static String header(String values) {
    return HEADER.formatted(values, CopiedFile.HOW_TO_UPDATE);
  }
}
