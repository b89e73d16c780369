package io.deploycheck.cli.wait;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The informers of one wait, stopped together. fabric8 gives up on a watch the API server refuses (403, 404 ...):
 * such a failure ends the wait with the server's words, rather than letting it go on with a cache that no longer
 * changes.
 */
final class Watches implements AutoCloseable {
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Runnable changed;

  /** @param changed wakes the waiting thread; a watch that stops wakes it too, so a failure is seen at once */
  Watches(Runnable changed) {
    this.changed = changed;
  }

  <T> SharedIndexInformer<T> add(SharedIndexInformer<T> informer) {
    informers.add(informer);
    informer.stopped().whenComplete((ignored, failure) -> changed.run());
    return informer;
  }

  /** Throws the failure of a watch that stopped with one. */
  void check() {
    for (SharedIndexInformer<?> informer : informers) {
      CompletableFuture<Void> stopped = informer.stopped().toCompletableFuture();
      if (stopped.isCompletedExceptionally()) {
        try {
          stopped.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof KubernetesClientException k ? k
              : new KubernetesClientException(String.valueOf(e.getCause()), e.getCause());
        }
      }
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
  }
}
