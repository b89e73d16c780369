package io.deploycheck.cli.wait;

import io.deploycheck.cli.Input;
import io.deploycheck.cli.InputException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * How {@code wait} reaches the cluster: a client for each run (closed when the run ends), and whether the API server
 * is a real one, which applies server-side and filters Events by {@code involvedObject} fields (the fabric8 mock
 * server does neither: wait then creates or merge-patches, and filters Events in memory).
 */
public record ClusterAccess(Supplier<KubernetesClient> connect, boolean apiServerFeatures) {
  /** The current kubeconfig, or the in-cluster service account, as kubectl would pick it. */
  public static ClusterAccess kubeconfig() {
    return new ClusterAccess(() -> {
      checkKubeconfigVariable(System.getenv("KUBECONFIG"));
      return new KubernetesClientBuilder().build();
    }, true);
  }

  /**
   * A KUBECONFIG that names only missing files is a mistake to name, not a reason to try the in-cluster address
   * (the client's fallback, which then times out); a file over {@link Input#MAX_KUBECONFIG_BYTES} is not read.
   */
  static void checkKubeconfigVariable(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    List<Path> files = Arrays.stream(value.split(File.pathSeparator)).filter(f -> !f.isBlank()).map(Path::of)
        .toList();
    if (files.stream().noneMatch(Files::isRegularFile)) {
      throw new InputException("KUBECONFIG names " + value + (files.size() > 1 ? ", none of which exists" : ", which"
          + " does not exist") + ": fix the path, or write the kubeconfig there (e.g. from the KUBECONFIG_DATA"
          + " secret) before this step");
    }
    for (Path file : files) {
      try {
        if (Files.isRegularFile(file) && Files.size(file) > Input.MAX_KUBECONFIG_BYTES) {
          throw new InputException("KUBECONFIG file " + file + " is larger than "
              + (Input.MAX_KUBECONFIG_BYTES >> 20) + " MiB: not a kubeconfig (those are kilobytes)");
        }
      } catch (IOException e) {
        throw new InputException("KUBECONFIG file " + file + " cannot be read: " + e.getMessage());
      }
    }
  }
}
