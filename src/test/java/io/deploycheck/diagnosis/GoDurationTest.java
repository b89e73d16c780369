package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({"90s,90", "3m,180", "1h30m,5400", "1.5h,5400", "500ms,0", "10m,600", "2h0m0s,7200"})
  void parsesGoDurations(String text, long seconds) {
    assertThat(GoDuration.parse(text).toSeconds()).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x", "", "3", "m", "-3m", "3 m", "1d"})
  void rejectsWhatTheSchemaRejects(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration such as 90s, 3m or 1h30m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9999999999999h", "2562048h", "2562047h47m16.854775808s", "999999999h999999999h"})
  void rejectsDurationsLongerThanGoCanHoldInsteadOfWrapping(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is longer than the longest duration, 2562047h47m16s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9999999999999h", "1h1h1h1h1h1h1h1h", "1.0123456789s"})
  void theSchemaPatternBoundsDigitsAndParts(String text) {
    assertThat(text).doesNotMatch(GoDuration.PATTERN);
  }

  @Test
  void theLongestDurationStillParses() {
    assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(GoDuration.MAX);
  }

  @Test
  void aMegabyteOfDurationIsJudgedWithoutRecursion() {
    String huge = "1h".repeat(500_000);
    assertThat(GoDuration.parse(huge)).isEqualTo(Duration.ofHours(500_000));
    assertThatThrownBy(() -> GoDuration.parse(huge + "x")).hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"180,3m", "90,1m30s", "5400,1h30m", "0,0s"})
  void formatsLikeGo(long seconds, String text) {
    assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
