package io.deploycheck.registry;

import io.deploycheck.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofMinutes(10), clock);
  private final AtomicInteger loads = new AtomicInteger();

  private String load(String key) {
    return key + "#" + loads.incrementAndGet();
  }

  @Test
  void keepsAValueForItsTimeToLiveThenLoadsAgain() {
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
  }

  @Test
  void keysAreIndependent() {
    cache.get("a", this::load);
    assertThat(cache.get("b", this::load)).isEqualTo("b#2");
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
  }

  @Test
  void aFailedLoadIsNotRemembered() {
    assertThatThrownBy(() -> cache.get("a", key -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
  }

  @Test
  void invalidatedKeysLoadAgain() {
    cache.get("repo-a:v1", this::load);
    cache.get("repo-b:v1", this::load);
    cache.invalidate(key -> key.startsWith("repo-a"));
    assertThat(cache.get("repo-a:v1", this::load)).isEqualTo("repo-a:v1#3");
    assertThat(cache.get("repo-b:v1", this::load)).isEqualTo("repo-b:v1#2");
  }
}
