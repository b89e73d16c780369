package io.deploycheck.operator;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The operator's own schedulers (Event retries, wake-ups). */
final class Timers {
  private Timers() {}

  /**
   * One daemon thread; a cancelled task leaves the queue at once (a replaced retry or wake-up keeps no memory until
   * its time, unlike a {@code java.util.Timer}).
   */
  static ScheduledThreadPoolExecutor daemon(String threadName) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
