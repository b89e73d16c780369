package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Timer;
import java.util.TimerTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WakeUpsTest {
  private final Clock clock = Clock.systemUTC();
  private final WakeUps wakeUps = new WakeUps(clock, new Arrivals(clock));
  private final ResourceID check = new ResourceID("california-housing", "kubeflow-user01");

  @AfterEach
  void stop() {
    wakeUps.stop();
  }

  @Test
  void aThousandReconcilesWithMovingDeadlinesLeaveOnePendingTask() {
    Instant now = clock.instant();
    for (int i = 1; i <= 1000; i++) {
      wakeUps.at(check, now.plus(Duration.ofMinutes(3)).plusMillis(i));
    }

    assertThat(wakeUps.queued()).isEqualTo(1);
  }

  @Test
  void theSameDeadlineKeepsItsTaskAndADeletedCheckLeavesNone() {
    Instant due = clock.instant().plus(Duration.ofMinutes(10));
    ResourceID other = new ResourceID("other", "kubeflow-user01");
    for (int i = 0; i < 100; i++) {
      wakeUps.at(check, due);
      wakeUps.at(other, due.plusSeconds(i));
    }
    assertThat(wakeUps.queued()).as("one per check").isEqualTo(2);

    wakeUps.cancel(check);
    wakeUps.at(other, null);

    assertThat(wakeUps.queued()).isZero();
  }

  /** What the JOSDK timer does with the same calls: the reason this class exists. */
  @Test
  void aJavaUtilTimerKeepsEveryCancelledTaskUntilItsTime() {
    Timer timer = new Timer(true);
    try {
      int[] live = new int[1];
      for (int i = 0; i < 1000; i++) {
        TimerTask task = new TimerTask() {
          @Override
          public void run() { }
        };
        timer.schedule(task, Duration.ofMinutes(3).toMillis() + i);
        task.cancel();
        live[0]++;
      }
      assertThat(timer.purge()).as("cancelled tasks still queued").isEqualTo(live[0]);
    } finally {
      timer.cancel();
    }
  }
}
