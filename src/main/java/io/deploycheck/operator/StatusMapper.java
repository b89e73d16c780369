package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.Condition;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.PodSummary;
import io.deploycheck.api.v1alpha1.ReconcileError;
import io.deploycheck.api.v1alpha1.Warning;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.Finding;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.kube.Timestamps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diagnosis to status, as a pure function: kstatus conditions whose lastTransitionTime moves only when their status
 * does, at most ten pod summaries (most severe first), bounded text; and a failing reconcile's error on top of the
 * last good status. Equal inputs give an equal status, which is what lets the reconciler skip writes when nothing
 * changed. The message and hint are said once, in their own fields: conditions carry a one-line summary, so
 * {@code kubectl describe} does not print the message four times, and {@code shortHint} (the hint's first sentence)
 * fits the HINT column.
 */
final class StatusMapper {
  static final int MAX_PODS = 10;
  static final String READY = "Ready";
  static final String STALLED = "Stalled";
  static final String RECONCILING = "Reconciling";
  static final int SHORT_HINT = 160;
  /** A sentence ends at . ! or ? followed by a space and a capital letter (so "e.g. a" and "ecr.aws" do not end one). */
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s+[A-Z])");

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private StatusMapper() {}

  static DeployCheckStatus toStatus(
      long generation, Long isvcGeneration, Diagnosis d, DeployCheckStatus previous, Instant now) {
    DeployCheckStatus status = new DeployCheckStatus();
    status.setObservedGeneration(generation);
    status.setInferenceServiceGeneration(isvcGeneration);
    status.setPhase(d.phase().name());
    status.setReason(d.reason().name());
    status.setCategory(d.category() == null ? null : d.category().name());
    status.setGuideProblem(d.guideProblem());
    status.setMessage(Text.bounded(d.message(), Text.STATUS_TEXT));
    status.setHint(Text.bounded(d.hint(), Text.STATUS_TEXT));
    status.setShortHint(shortHint(d.hint()));
    status.setSince(time(d.since()));
    status.setRolloutStartedAt(time(d.rolloutStartedAt()));
    status.setReadyPods(d.readyPods());
    status.setTotalPods(d.totalPods());
    status.setReady(d.readyPods() + "/" + d.totalPods());
    status.setPods(pods(d.pods()));
    status.setWarnings(warnings(d.warnings()));
    status.setConditions(conditions(generation, d, previous, now));
    return status;
  }

  /**
   * The last good status with a reconcile error on it: the verdict stays as it was, so kubectl still shows it, and
   * the error counts its attempts in a row from when the first of them failed.
   *
   * @param previous the status as last written (not modified), null when none was
   */
  static DeployCheckStatus withError(DeployCheckStatus previous, String error, Instant now) {
    DeployCheckStatus status = previous == null ? new DeployCheckStatus() : JSON.clone(previous);
    ReconcileError before = status.getReconcileError();
    ReconcileError failed = new ReconcileError();
    failed.setMessage(Text.bounded(error, Text.STATUS_TEXT));
    failed.setAttempts(before == null || before.getAttempts() == null ? 1 : before.getAttempts() + 1);
    failed.setSince(before == null || before.getSince() == null ? time(now) : before.getSince());
    status.setReconcileError(failed);
    return status;
  }

  private static List<PodSummary> pods(List<PodVerdict> verdicts) {
    List<PodSummary> pods = new ArrayList<>();
    verdicts.stream()
        .sorted(Comparator.comparing((PodVerdict v) -> v.reason().ordinal()).thenComparing(PodVerdict::name))
        .limit(MAX_PODS)
        .forEach(v -> {
          PodSummary pod = new PodSummary();
          pod.setName(Text.bounded(v.name(), Text.STATUS_NAME));
          pod.setPhase(Text.bounded(v.phase(), Text.STATUS_NAME));
          pod.setReady(v.ready());
          pod.setReason(v.reason().name());
          pod.setRestarts(v.restarts());
          pod.setImage(Text.bounded(v.image(), Text.STATUS_NAME));
          pods.add(pod);
        });
    return pods;
  }

  private static List<Warning> warnings(List<Finding> findings) {
    List<Warning> warnings = new ArrayList<>();
    for (Finding finding : findings) {
      Warning warning = new Warning();
      warning.setReason(finding.reason().name());
      warning.setMessage(Text.bounded(finding.message(), Text.STATUS_TEXT));
      warning.setHint(Text.bounded(finding.hint(), Text.STATUS_TEXT));
      warnings.add(warning);
    }
    return warnings;
  }

  private static List<Condition> conditions(long generation, Diagnosis d, DeployCheckStatus previous, Instant now) {
    Map<String, Boolean> wanted = Map.of(
        READY, d.phase() == Phase.Ready,
        STALLED, d.phase().isProblem(),
        RECONCILING, d.phase() == Phase.Progressing);
    List<Condition> conditions = new ArrayList<>();
    for (String type : List.of(READY, STALLED, RECONCILING)) {
      String value = wanted.get(type) ? "True" : "False";
      Condition condition = new Condition(type, value, d.reason().name(), summary(d));
      condition.setObservedGeneration(generation);
      Condition before = find(previous, type);
      boolean unchanged = before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null;
      condition.setLastTransitionTime(unchanged ? before.getLastTransitionTime() : time(now));
      conditions.add(condition);
    }
    return conditions;
  }

  /** "Stuck: ImageNotFound, 0/1 pods ready": the message and hint are in status.message and status.hint. */
  static String summary(Diagnosis d) {
    String why = d.reason().name().equals(d.phase().name()) ? "" : ": " + d.reason().name();
    return d.phase().name() + why + ", " + d.readyPods() + "/" + d.totalPods() + " pods ready";
  }

  /** The first sentence; when that is long, up to its last ": " or "; " that fits (a clause), else cut. */
  static String shortHint(String hint) {
    String sentence = firstSentence(hint);
    if (sentence == null || sentence.length() <= SHORT_HINT) {
      return sentence;
    }
    int clause = Math.max(sentence.lastIndexOf(": ", SHORT_HINT - 1), sentence.lastIndexOf("; ", SHORT_HINT - 1));
    return clause > 0 ? sentence.substring(0, clause) + "." : Text.bounded(sentence, SHORT_HINT);
  }

  static String firstSentence(String text) {
    if (text == null) {
      return null;
    }
    Matcher end = SENTENCE_END.matcher(text);
    return end.find() ? text.substring(0, end.end()) : text;
  }

  static Condition find(DeployCheckStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    for (Condition condition : status.getConditions()) {
      if (type.equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  private static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
