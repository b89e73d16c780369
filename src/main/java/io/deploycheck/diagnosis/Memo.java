package io.deploycheck.diagnosis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function of text whose inputs recur (image references, kubelet messages: the same on every
 * reconcile and from every replica). Bounded so that hostile or endless input cannot grow it: when full it is
 * simply cleared, and texts longer than {@value #MAX_KEY} characters are computed without being kept. A null result
 * is remembered too.
 */
final class Memo<V> {
  private static final Object NULL = new Object();
  /** Real messages are a few hundred characters; a log line of 64 KiB is not worth keeping 8,192 of. */
  static final int MAX_KEY = 4096;

  private final int capacity;
  private final Function<String, V> function;
  private final Map<String, Object> results = new ConcurrentHashMap<>();

  Memo(int capacity, Function<String, V> function) {
    this.capacity = capacity;
    this.function = function;
  }

  @SuppressWarnings("unchecked")
  V apply(String input) {
    if (input.length() > MAX_KEY) {
      return function.apply(input);
    }
    Object result = results.get(input);
    if (result == null) {
      if (results.size() >= capacity) {
        results.clear();
      }
      V computed = function.apply(input);
      result = computed == null ? NULL : computed;
      results.put(input, result);
    }
    return result == NULL ? null : (V) result;
  }
}
