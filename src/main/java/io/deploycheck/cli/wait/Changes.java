package io.deploycheck.cli.wait;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Predicate;

/** Informer handlers that only say "something changed": the waiting thread looks at the caches itself. */
final class Changes {
  private Changes() {}

  static <T> ResourceEventHandler<T> any(Runnable changed) {
    return matching(object -> true, changed);
  }

  /** Signals only for objects that {@code relevant} accepts. */
  static <T> ResourceEventHandler<T> matching(Predicate<T> relevant, Runnable changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        signal(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        signal(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        signal(object);
      }

      private void signal(T object) {
        if (relevant.test(object)) {
          changed.run();
        }
      }
    };
  }
}
