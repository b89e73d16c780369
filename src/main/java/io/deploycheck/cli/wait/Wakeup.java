package io.deploycheck.cli.wait;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the waiting thread when a watch sees a change, or when a given time has passed. A change signalled while
 * nobody waits is kept, so none is lost between two looks at the rollout.
 */
final class Wakeup {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean pending;

  void signal() {
    lock.lock();
    try {
      pending = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Returns on a change (past or new) or after {@code longest}, whichever comes first. */
  void await(Duration longest) throws InterruptedException {
    lock.lock();
    try {
      long nanos = longest.toNanos();
      while (!pending && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      pending = false;
    } finally {
      lock.unlock();
    }
  }
}
