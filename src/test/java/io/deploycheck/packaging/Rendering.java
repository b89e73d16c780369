package io.deploycheck.packaging;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What {@code helm template} printed: its text, and each document as a fabric8 object with its template name. */
record Rendering(String text, List<Manifest> manifests) {
  private static final String SOURCE = "# Source: deploycheck-operator/";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** One document; {@code template} is the chart file it came from (templates/rbac.yaml), "" when not said. */
  record Manifest(String template, String text, HasMetadata object) {}

  static Rendering parse(String text) {
    List<Manifest> manifests = new ArrayList<>();
    for (String document : text.split("(?m)^---$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue; // nothing but a file header
      }
      int source = document.indexOf(SOURCE);
      String template = source < 0 ? "" : document.substring(source + SOURCE.length(), document.indexOf('\n', source));
      manifests.add(new Manifest(template, document, SERIALIZATION.unmarshal(document)));
    }
    return new Rendering(text, List.copyOf(manifests));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> List<T> all(Class<T> type, Predicate<T> filter) {
    return all(type).stream().filter(filter).toList();
  }

  /** The only object of a type; fails when there are none or several. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
    }
    return found.get(0);
  }

  /** Objects of kinds fabric8 has no class for (ServiceMonitor, PrometheusRule). */
  List<GenericKubernetesResource> ofKind(String kind) {
    return all(GenericKubernetesResource.class, resource -> resource.getKind().equals(kind));
  }

  List<Manifest> fromTemplate(String template) {
    return manifests.stream().filter(manifest -> manifest.template().equals(template)).toList();
  }
}
