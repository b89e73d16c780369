package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ServiceMonitor, PrometheusRule and dashboard ConfigMap: off by default, and faithful to their sources when on. */
class ChartMonitoringTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String RUNBOOK = "https://runbooks.example.com/deploycheck/runbook.md";

  @Test
  void monitoringObjectsAreOptIn() {
    Rendering rendering = HelmChart.render();

    assertThat(rendering.ofKind("ServiceMonitor")).isEmpty();
    assertThat(rendering.ofKind("PrometheusRule")).isEmpty();
    assertThat(rendering.all(ConfigMap.class)).isEmpty();
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceAsJobDeploycheckHonoringLabels() {
    Rendering rendering = HelmChart.render(HelmChart.NAMESPACED_VALUES);
    GenericKubernetesResource monitor = rendering.ofKind("ServiceMonitor").get(0);
    Service service = rendering.one(Service.class);

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
        .isEqualTo(service.getSpec().getSelector());
    assertThat(monitor.<String>get("spec", "jobLabel")).isEqualTo("app.kubernetes.io/name");
    assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "deploycheck");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http-metrics");
    assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/metrics");
    assertThat(monitor.<Boolean>get("spec", "endpoints", 0, "honorLabels"))
        .as("the rollout series' namespace label must win over the target's").isTrue();
  }

  @Test
  void serviceMonitorNeedsTheService() {
    assertThatThrownBy(() -> HelmChart.render(Map.of("serviceMonitor.enabled", true, "service.enabled", false)))
        .hasMessageContaining("serviceMonitor.enabled needs service.enabled");
  }

  @Test
  void prometheusRuleHoldsTheRuleFileWithTheConfiguredRunbook() throws IOException {
    GenericKubernetesResource rule = HelmChart.render(HelmChart.NAMESPACED_VALUES).ofKind("PrometheusRule").get(0);
    List<Map<String, Object>> rendered = rule.get("spec", "groups");
    List<Map<String, Object>> source = ruleFileGroups();

    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(alertNames(rendered)).contains("InferenceServiceRolloutStuck", "InferenceServiceRolloutFailed",
        "DeployCheckOperatorDown", "DeployCheckReconcileErrors");
    assertThat(runbookUrls(rendered)).hasSameSizeAs(alertNames(rendered))
        .allSatisfy(url -> assertThat(url).startsWith(RUNBOOK + "#"));
    assertThat(withoutRunbookBase(rendered)).isEqualTo(withoutRunbookBase(source));
  }

  @Test
  void dashboardConfigMapHoldsTheDashboardForTheGrafanaSidecar() throws IOException {
    ConfigMap dashboard = HelmChart.render(Map.of("dashboard.enabled", true, "dashboard.namespace", "monitoring"))
        .one(ConfigMap.class);

    assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData().get("deploycheck.json"))
        .isEqualTo(Files.readString(CopiedFile.DASHBOARD.source()).stripTrailing());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> ruleFileGroups() throws IOException {
    return (List<Map<String, Object>>) YAML.readValue(CopiedFile.ALERTS.source().toFile(), Map.class).get("groups");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(List<Map<String, Object>> groups) {
    List<Map<String, Object>> rules = new ArrayList<>();
    groups.forEach(group -> rules.addAll((List<Map<String, Object>>) group.get("rules")));
    return rules;
  }

  private static List<Object> alertNames(List<Map<String, Object>> groups) {
    return rules(groups).stream().map(rule -> rule.get("alert")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> runbookUrls(List<Map<String, Object>> groups) {
    return rules(groups).stream()
        .map(rule -> (String) ((Map<String, Object>) rule.get("annotations")).get("runbook_url")).toList();
  }

  /** The groups with every runbook_url cut down to its #section: what the chart must carry over unchanged. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> withoutRunbookBase(List<Map<String, Object>> groups) {
    for (Map<String, Object> rule : rules(groups)) {
      Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
      String url = (String) annotations.get("runbook_url");
      annotations.put("runbook_url", url.substring(url.indexOf('#')));
    }
    return groups;
  }
}
