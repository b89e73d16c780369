package io.deploycheck.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The wait loop looks at the rollout on a change or when a transition falls due, and at no other time. */
class WaiterTest {
  private final Clock clock = Clock.systemUTC();

  @Test
  void wakesAtTheDiagnosisNextCheckAndNotBefore() throws Exception {
    Instant start = clock.instant();
    Instant due = start.plusMillis(400);
    FakeSource source = new FakeSource(now -> now.isBefore(due)
        ? Observation.of(verdict(Phase.Progressing, Reason.Unschedulable), due)
        : Observation.of(verdict(Phase.Stuck, Reason.Unschedulable), null));

    Waiter.Outcome outcome = new Waiter(clock).await(source, start, Duration.ofMinutes(1), (o, waited) -> { });

    assertThat(outcome.last().verdict().phase()).isEqualTo(Phase.Stuck);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(source.looks).as("one look at the start, one when due").hasSize(2);
    assertThat(source.looks.get(1)).isAfter(due);
  }

  @Test
  void aChangeSeenByAWatchWakesItBeforeTheTimeout() throws Exception {
    AtomicReference<Phase> phase = new AtomicReference<>(Phase.Progressing);
    FakeSource source = new FakeSource(now -> Observation.of(verdict(phase.get(), Reason.Progressing), null));
    Instant start = clock.instant();

    // After the first look, a watch thread sees the pods become ready.
    Waiter.Outcome outcome = new Waiter(clock).await(source, start, Duration.ofMinutes(10), (o, waited) -> {
      if (o.verdict().phase() == Phase.Progressing) {
        new Thread(() -> {
          phase.set(Phase.Ready);
          source.changed.run();
        }).start();
      }
    });

    assertThat(outcome.last().verdict().phase()).isEqualTo(Phase.Ready);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(source.looks).hasSize(2);
    assertThat(Duration.between(start, clock.instant())).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void theTimeoutEndsAWaitWithNothingDue() throws Exception {
    FakeSource source = new FakeSource(now -> Observation.of(verdict(Phase.Progressing, Reason.Progressing), null));
    List<String> progress = new ArrayList<>();

    Waiter.Outcome outcome = new Waiter(clock).await(source, clock.instant(), Duration.ofMillis(300),
        (o, waited) -> progress.add(o.verdict().reason().name()));

    assertThat(outcome.timedOut()).isTrue();
    assertThat(source.looks).hasSize(2);
    assertThat(progress).as("one line per change, not per look").containsExactly("Progressing");
  }

  private static Verdict verdict(Phase phase, Reason reason) {
    return new Verdict(phase, reason, "message", "hint", null, 0, 1, List.of(), List.of(), List.of(), reason.guideProblem());
  }

  /** A source whose verdict is a function of time; records when it was looked at. */
  private static final class FakeSource implements RolloutSource {
    final List<Instant> looks = new ArrayList<>();
    final Function<Instant, Observation> rollout;
    Runnable changed;

    FakeSource(Function<Instant, Observation> rollout) {
      this.rollout = rollout;
    }

    @Override
    public String description() {
      return "fake";
    }

    @Override
    public void start(Runnable changed) {
      this.changed = changed;
    }

    @Override
    public Observation observe(Instant now) {
      looks.add(now);
      return rollout.apply(now);
    }

    @Override
    public void close() {}
  }
}
