package io.deploycheck.cli.wait;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.GoDuration;
import io.deploycheck.diagnosis.Phase;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * wait with the operator's API installed, never waiting blind. The operator's status is the answer while the operator
 * follows the rollout; the same engine runs in-process alongside, on the same evidence and with the operator's memory
 * of the rollout (its start and last status), and is the live signal: an operator at work agrees with it within
 * moments. When the operator has written no status for this rollout, or its status has differed from the in-process
 * diagnosis (phase or reason), for the grace period, the operator is taken to be absent (stopped, scaled to zero,
 * not watching the namespace): wait says so and goes on in-process from where the operator left off. This also
 * catches an operator that goes silent in the middle of a wait, as soon as the rollout changes without it.
 */
final class SupervisedRollout implements RolloutSource {
  /** Far more than an operator at work needs to write a status (milliseconds), far less than stuckAfter. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private final OperatorRollout operator;
  private final LocalRollout local;
  private final Duration grace;
  private final Consumer<String> notice;
  private boolean inProcess;
  private Instant disagreeingSince;

  /** @param notice told, once, when wait stops following the operator and why */
  SupervisedRollout(OperatorRollout operator, LocalRollout local, Duration grace, Consumer<String> notice) {
    this.operator = operator;
    this.local = local;
    this.grace = grace;
    this.notice = notice;
  }

  @Override
  public String description() {
    return operator.description() + "; in-process if it has not followed the rollout for " + GoDuration.format(grace);
  }

  @Override
  public void start(Runnable changed) {
    operator.start(changed);
    local.start(changed);
  }

  @Override
  public Observation observe(Instant now) {
    if (inProcess) {
      return local.observe(now);
    }
    Observation answer = operator.observe(now);
    if (answer.verdict() != null && answer.verdict().phase() != Phase.Progressing) {
      return answer; // the operator's verdict ends the wait: nothing left to check it against
    }
    DeployCheckStatus status = operator.status();
    if (status != null) {
      local.follow(status);
    }
    Observation own;
    KubernetesClientException localFailure = null;
    try {
      own = local.observe(now);
    } catch (KubernetesClientException e) {
      // This job may not watch pods or Events: the operator's word alone, and no fallback should it never come.
      own = null;
      localFailure = e;
    }
    if (own == null ? answer.verdict() != null : agree(answer.verdict(), own.verdict())) {
      disagreeingSince = null;
      return own == null || own.nextCheck() == null ? answer : answer.lookAgainBy(own.nextCheck());
    }
    if (disagreeingSince == null) {
      disagreeingSince = now;
    }
    Instant giveUp = disagreeingSince.plus(grace);
    if (now.isBefore(giveUp)) {
      return answer.lookAgainBy(giveUp);
    }
    if (localFailure != null) {
      throw localFailure;
    }
    inProcess = true;
    notice.accept(why(answer.verdict(), own.verdict()) + ": diagnosing in-process from now on");
    return own;
  }

  private static boolean agree(Verdict operator, Verdict own) {
    return operator != null && own != null && operator.phase() == own.phase() && operator.reason() == own.reason();
  }

  private String why(Verdict operatorVerdict, Verdict own) {
    String waited = GoDuration.format(grace);
    if (operatorVerdict == null) {
      return "the deploycheck operator wrote no status for this rollout within " + waited + " (it is not running,"
          + " or not watching this namespace)";
    }
    return "the deploycheck operator's status (" + operatorVerdict.phase() + ", " + operatorVerdict.reason()
        + ") has not followed the rollout for " + waited + " (in-process: " + own.phase() + ", " + own.reason() + ")";
  }

  @Override
  public void close() {
    operator.close();
    local.close();
  }
}
