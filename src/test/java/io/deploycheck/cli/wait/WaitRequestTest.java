package io.deploycheck.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.diagnosis.GoDuration;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitRequestTest {
  @ParameterizedTest(name = "--timeout {0} --stuck-after {1}")
  @CsvSource(nullValues = "-", value = {
      "10m, -,   3m,  false",
      "3m1s, -,  3m,  false",
      "3m,  -,   1m,  true",
      "90s, -,   30s, true",
      "2s,  -,   1s,  true",
      "2m,  30s, 30s, false"})
  void aTimeoutTooShortForTheDefaultStuckAfterGetsAThirdOfIt(String timeout, String stuckAfter, String expected,
      boolean adapted) {
    WaitRequest request = WaitRequest.parse("kubeflow-user01", "california-housing", null, GoDuration.parse(timeout),
        stuckAfter == null ? null : GoDuration.parse(stuckAfter), null, null);

    assertThat(request.stuckAfter()).isEqualTo(Duration.parse("PT" + expected.toUpperCase()));
    assertThat(request.stuckAfterAdapted()).isEqualTo(adapted);
  }
}
