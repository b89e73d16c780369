package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/ is the chart rendered with its defaults; {@code -Ddeploy.update=true} rewrites it (and the chart's copies). */
class PlainManifestsTest {
  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (CopiedFile.UPDATE) {
      CopiedFile.updateAll();
      for (Map.Entry<Path, String> file : PlainManifests.expected().entrySet()) {
        Files.writeString(file.getKey(), file.getValue());
      }
    }
  }

  @Test
  void deployDirectoryIsTheChartRenderedWithDefaults() throws IOException {
    Map<Path, String> expected = PlainManifests.expected();
    for (Map.Entry<Path, String> file : expected.entrySet()) {
      assertThat(file.getKey()).as("%s is missing: run %s", file.getKey(), CopiedFile.HOW_TO_UPDATE).exists();
      assertThat(Files.readString(file.getKey()))
          .as("%s differs from the chart: run %s", file.getKey(), CopiedFile.HOW_TO_UPDATE)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void kubectlApplyOfTheDeployDirectoryMeetsOnlyPlainKubernetesObjects() throws IOException {
    // kubectl apply -f deploy/ reads every .json, .yaml and .yml file directly in deploy/ (not its folders).
    List<Path> applied;
    try (Stream<Path> files = Files.list(PlainManifests.DIR)) {
      applied = files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
    }
    assertThat(applied).containsExactly(PlainManifests.DIR.resolve("deploycheck.yaml"));
    for (Path file : applied) {
      assertThat(Rendering.parse(Files.readString(file)).manifests())
          .extracting(manifest -> manifest.object().getApiVersion())
          .as("no Prometheus Operator, Grafana or AWS object in %s", file)
          .allMatch(api -> api.equals("v1") || api.matches("(apps|rbac\\.authorization\\.k8s\\.io|policy"
              + "|apiextensions\\.k8s\\.io)/v1"));
    }
  }

  @Test
  void everyFolderOfDeploySaysInOneLineHowToUseIt() throws IOException {
    List<Path> folders;
    try (Stream<Path> files = Files.list(PlainManifests.DIR)) {
      folders = files.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(folders).extracting(f -> f.getFileName().toString())
        .containsExactly("alerts", "grafana", "iam", "prometheus-operator");
    for (Path folder : folders) {
      assertThat(Files.readAllLines(folder.resolve("README.md"))).as(folder + "/README.md").hasSize(1)
          .first().asString().contains("`");
    }
  }

  @Test
  void deployDirectoryInstallsNamespaceAndCrdBeforeAnythingThatNeedsThem() throws IOException {
    Rendering main = Rendering.parse(Files.readString(PlainManifests.DIR.resolve("deploycheck.yaml")));

    assertThat(main.manifests()).extracting(manifest -> manifest.object().getKind())
        .startsWith("Namespace", "CustomResourceDefinition")
        .contains("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service",
            "Deployment")
        .doesNotContain("ServiceMonitor", "PrometheusRule", "ConfigMap");
    assertThat(main.manifests()).extracting(manifest -> manifest.object().getMetadata().getNamespace())
        .as("namespaced objects go to the operator's namespace").containsOnly(null, HelmChart.NAMESPACE);
  }
}
