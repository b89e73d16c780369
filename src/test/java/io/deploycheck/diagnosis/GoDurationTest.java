package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
  @CsvSource({"180,3m", "90,1m30s", "5400,1h30m", "0,0s"})
  void formatsLikeGo(long seconds, String text) {
    assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
