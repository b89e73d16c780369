package io.deploycheck.cli.wait;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * How {@code wait} reaches the cluster: a client for each run (closed when the run ends), and whether the API server
 * is a real one, which applies server-side and filters Events by {@code involvedObject} fields (the fabric8 mock
 * server does neither: wait then creates or merge-patches, and filters Events in memory).
 */
public record ClusterAccess(Supplier<KubernetesClient> connect, boolean apiServerFeatures) {
  /** The current kubeconfig, or the in-cluster service account, as kubectl would pick it. */
  public static ClusterAccess kubeconfig() {
    return new ClusterAccess(() -> new KubernetesClientBuilder().build(), true);
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
