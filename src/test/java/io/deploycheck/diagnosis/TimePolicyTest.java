package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time policy as one table: minutes relative to now, stuckAfter 3m; "-" for none. */
class TimePolicyTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final Duration STUCK_AFTER = Duration.ofMinutes(3);

  @ParameterizedTest(name = "ready={0} {1} age={2} deadline={3} wake={4} -> {5} next={6}")
  @CsvSource(nullValues = "-", value = {
      // ready, problem,            age, deadline, wake, phase,       next
      "true,  -,                     -,   5,  -, Ready,       -",
      "true,  -,                     -,  -1,  -, Ready,       -",
      "false, ImageNotFound,         0,   5,  -, Stuck,       5",
      "false, ImageNotFound,         0,   5,  1, Stuck,       1",
      "false, InsufficientResources, 1,   5,  -, Progressing, 2",
      "false, InsufficientResources, 1,   5,  3, Progressing, 2",
      "false, InsufficientResources, 1,   5,  1, Progressing, 1",
      "false, InsufficientResources, 1,   1,  -, Progressing, 1",
      "false, InsufficientResources, 3,   5,  -, Stuck,       5",
      "false, InsufficientResources, 9,   5,  -, Stuck,       5",
      "false, InsufficientResources, 5,  -1,  -, Failed,      -",
      "false, ImageNotFound,         0,   0,  -, Failed,      -",
      "false, -,                     -,   5,  -, Progressing, 5",
      "false, -,                     -,   5,  1, Progressing, 1",
      "false, -,                     -,   0,  -, Failed,      -",
      "false, -,                     -,  -1,  1, Failed,      -",
  })
  void phaseAndNextCheck(boolean ready, Reason problem, Integer age, int deadline, Integer wake, Phase phase,
      Integer next) {
    TimePolicy policy = new TimePolicy(STUCK_AFTER, minutes(deadline), NOW);
    Instant since = age == null ? null : minutes(-age);

    Phase judged = policy.phase(ready, problem, since);

    assertThat(judged).isEqualTo(phase);
    assertThat(policy.nextCheck(judged, problem, since, wake == null ? null : minutes(wake)))
        .isEqualTo(next == null ? null : minutes(next));
  }

  private static Instant minutes(int offset) {
    return NOW.plus(Duration.ofMinutes(offset));
  }
}
