package io.deploycheck.operator;

import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed reconciliation is retried: exponential backoff from {@code first}, capped at {@code cap}, with
 * jitter (each delay drawn between half and all of its step, so replicas and checks do not retry in lockstep), and
 * without a limit. A 401, 403, 429 or 5xx on a status or Event write is retried until it passes or the DeployCheck
 * is gone; JOSDK's default gave up after 5 attempts in 18 s. Once the API accepts writes again, every check whose
 * write failed is reconciled within one {@code cap}.
 */
record CappedBackoff(Duration first, Duration cap) implements Retry {
  static final CappedBackoff DEFAULT = new CappedBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Override
  public RetryExecution initExecution() {
    return new RetryExecution() {
      private int attempts;

      @Override
      public Optional<Long> nextDelay() {
        long step = Math.min(cap.toMillis(), first.toMillis() << Math.min(attempts, 30));
        attempts++;
        return Optional.of(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
      }

      @Override
      public boolean isLastAttempt() {
        return false;
      }

      @Override
      public int getAttemptCount() {
        return attempts;
      }
    };
  }
}
