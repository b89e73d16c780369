package io.deploycheck.cli.wait;

import io.deploycheck.cli.Input;
import io.deploycheck.cli.InputException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * How {@code wait} reaches the cluster: a client for each run (closed when the run ends), and whether the API server
 * filters Events by {@code involvedObject} fields (a real one does; the fabric8 mock server does not, and the same
 * filter then runs in memory).
 */
public record ClusterAccess(Supplier<KubernetesClient> connect, boolean eventFieldSelectors) {
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

  /**
   * The API server's own words when it answered (its Status message); otherwise the network error that kept it
   * from answering, since the client's own message is only "An error has occurred.".
   */
  static String explain(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
    }
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof UnknownHostException
          || cause instanceof SocketTimeoutException || cause instanceof SSLException) {
        return cause.toString();
      }
    }
    return e.getMessage();
  }
}
