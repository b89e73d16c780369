package io.deploycheck.cli.wait;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;

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
}
