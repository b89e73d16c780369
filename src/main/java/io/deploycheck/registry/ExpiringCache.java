package io.deploycheck.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Remembers each key's value for a fixed time, failures and negative answers included, and loads a key at most once
 * at a time: callers asking for a key that is being loaded wait for that load instead of starting their own. This
 * is what keeps ECR at one request per repository and tag per period, however many pods and reconciles ask.
 */
final class ExpiringCache<K, V> {
  private record Entry<V>(CompletableFuture<V> value, Instant expires) {
    boolean usableAt(Instant now) {
      return !value.isDone() || now.isBefore(expires);
    }
  }

  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

  ExpiringCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The value of {@code key}, loaded by this caller when no usable one is cached or in flight. */
  V get(K key, Function<K, V> load) {
    Instant now = clock.instant();
    Entry<V> mine = new Entry<>(new CompletableFuture<>(), now.plus(ttl));
    Entry<V> entry = entries.compute(key, (k, old) -> old != null && old.usableAt(now) ? old : mine);
    if (entry == mine) {
      entries.values().removeIf(e -> !e.usableAt(now));
      try {
        mine.value().complete(load.apply(key));
      } catch (RuntimeException e) {
        // Nothing worth remembering: the next caller tries again; the waiting ones see the failure.
        entries.remove(key, mine);
        mine.value().completeExceptionally(e);
        throw e;
      }
    }
    return entry.value().join();
  }

  /** Forgets the keys that match, e.g. after a change that makes their answers stale. */
  void invalidate(Predicate<K> which) {
    entries.keySet().removeIf(which);
  }
}
