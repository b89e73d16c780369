package io.deploycheck.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** The chart under helm/, rendered by the Helm library (helm-java) exactly as {@code helm template} renders it. */
final class HelmChart {
  static final Path DIR = Path.of("helm/deploycheck-operator");
  static final Path NAMESPACED_VALUES = DIR.resolve("ci/namespaced-values.yaml");
  static final String RELEASE = "deploycheck";
  static final String NAMESPACE = "deploycheck-system";
  /** Without a cluster, helm template assumes Kubernetes v1.20, older than the chart's kubeVersion (>=1.25). */
  static final String KUBE_VERSION = "1.33.0";

  private HelmChart() {}

  static Rendering render() {
    return render(null, Map.of());
  }

  static Rendering render(Map<String, ?> values) {
    return render(null, values);
  }

  static Rendering render(Path valuesFile) {
    return render(valuesFile, Map.of());
  }

  /** Renders with an optional values file, then {@code --set} values on top, like the helm command line. */
  static Rendering render(Path valuesFile, Map<String, ?> values) {
    TemplateCommand template = new Helm(DIR).template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    values.forEach(template::set);
    return Rendering.parse(template.call());
  }

  /** NOTES.txt as {@code helm install} prints it (a client-only dry run: no cluster is contacted). */
  static String notes(Path valuesFile) {
    InstallCommand install = new Helm(DIR).install()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION)
        .clientOnly()
        .dryRun();
    if (valuesFile != null) {
      install.withValuesFile(valuesFile);
    }
    String output = install.call().getOutput();
    return output.substring(output.indexOf("NOTES:"));
  }
}
