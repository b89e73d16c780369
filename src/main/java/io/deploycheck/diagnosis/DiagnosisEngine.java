package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evidence in, diagnosis out. Rules (one per family) report findings; this class alone decides precedence, phase
 * and time: definitive reasons are Stuck at once, others after {@code stuckAfter}, anything not Ready at the
 * progress deadline is Failed, and {@code nextCheck} is the exact moment the verdict would change by itself.
 */
public final class DiagnosisEngine {
  /** Problems on ready pods (a past OOM kill, a restart) are shown as warnings for this long. */
  static final Duration WARNING_WINDOW = Duration.ofHours(1);
  private static final int MAX_EVIDENCE = 5;
  /** Precedence first; among equals the longest-standing problem. */
  private static final Comparator<Finding> TOP = Comparator.comparing((Finding f) -> f.reason().ordinal())
      .thenComparing(Finding::since, Comparator.nullsLast(Comparator.naturalOrder()));

  private static final Rule TARGET = new TargetRule();
  private static final List<Rule> FAMILIES = List.of(
      new ModelRule(), new ImagePullRule(), new StartupRule(), new CrashRule(), new ProbeRule(), new SchedulingRule());

  public Diagnosis diagnose(Evidence given) {
    List<PodFacts> pods = RevisionSelector.select(given);
    Evidence evidence = given.rolloutStartedAt() != null ? given : given.withRolloutStartedAt(derivedStart(given, pods));
    Findings out = new Findings(evidence.now());
    TARGET.inspect(evidence, List.of(), out);
    if (!out.all().isEmpty()) {
      return decide(evidence, List.of(), out);
    }
    for (Rule rule : FAMILIES) {
      rule.inspect(evidence, pods, out);
    }
    Map<String, List<EventFacts>> podEvents = PodContext.byPod(evidence.events());
    for (PodFacts pod : pods) {
      PodContext context = new PodContext(evidence, pod, podEvents);
      for (Rule rule : FAMILIES) {
        rule.inspect(context, out);
      }
    }
    return decide(evidence, pods, out);
  }

  private Diagnosis decide(Evidence evidence, List<PodFacts> pods, Findings out) {
    Map<String, PodFacts> byName = new LinkedHashMap<>();
    pods.forEach(p -> byName.put(p.name(), p));
    boolean ready = isReady(evidence, pods);

    List<Finding> blocking = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    for (Finding finding : out.all()) {
      if (finding.blocking() && !onReadyPod(finding, byName) && !ready) {
        blocking.add(finding);
      } else if (isRecent(finding, evidence.now()) && warnings.stream().noneMatch(w -> sameProblem(w, finding))) {
        warnings.add(finding.asWarning());
      }
    }
    Instant now = evidence.now();
    Instant deadline = evidence.rolloutStartedAt().plus(evidence.spec().progressDeadline());
    if (blocking.isEmpty() && !ready && !deadline.isAfter(now)) {
      // At the deadline the best cause seen counts, even one that was not a problem yet.
      out.candidates().stream().filter(c -> !onReadyPod(c, byName)).forEach(blocking::add);
    }
    Finding top = null;
    for (Finding finding : blocking) {
      if (top == null || TOP.compare(finding, top) < 0) {
        top = finding;
      }
    }

    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    values.put("deadline", GoDuration.format(evidence.spec().progressDeadline()));

    Phase phase;
    Reason reason;
    String message;
    String hint;
    Instant since;
    Instant nextCheck = out.wakeAt();
    int readyPods = 0;
    for (PodFacts pod : pods) {
      readyPods += pod.ready() ? 1 : 0;
    }
    if (ready) {
      phase = Phase.Ready;
      reason = Reason.Ready;
      message = readyPods + "/" + pods.size() + " pods ready" + (evidence.isvc() != null ? ", InferenceService Ready" : "");
      hint = reason.hint(values);
      since = keepSince(evidence, reason, now);
    } else if (top != null) {
      reason = top.reason();
      since = keepSince(evidence, reason, top.since() == null ? now : top.since());
      Instant stuckAt = since.plus(evidence.spec().stuckAfter());
      boolean stuck = reason.definitive() || !stuckAt.isAfter(now);
      phase = !deadline.isAfter(now) ? Phase.Failed : stuck ? Phase.Stuck : Phase.Progressing;
      message = top.message();
      hint = top.hint();
      if (!stuck) {
        nextCheck = earliest(nextCheck, stuckAt, now);
      }
    } else if (!deadline.isAfter(now)) {
      phase = Phase.Failed;
      reason = Reason.ProgressDeadlineExceeded;
      since = keepSince(evidence, reason, deadline);
      message = "not Ready " + GoDuration.format(Duration.between(evidence.rolloutStartedAt(), now))
          + " after the rollout started (" + readyPods + "/" + pods.size() + " pods ready); no cause seen";
      hint = reason.hint(values);
    } else {
      phase = Phase.Progressing;
      reason = Reason.Progressing;
      since = keepSince(evidence, reason, now);
      message = readyPods + "/" + pods.size() + " pods ready";
      hint = reason.hint(values);
    }
    if (phase == Phase.Progressing || phase == Phase.Stuck) {
      nextCheck = earliest(nextCheck, deadline, now);
    }
    if (phase == Phase.Ready || phase == Phase.Failed) {
      nextCheck = null;
    }
    List<String> evidenceLines = new ArrayList<>(MAX_EVIDENCE);
    for (Finding finding : blocking) {
      if (finding.reason() == reason && finding.evidence() != null && evidenceLines.size() < MAX_EVIDENCE
          && !evidenceLines.contains(finding.evidence())) {
        evidenceLines.add(finding.evidence());
      }
    }
    return new Diagnosis(phase, reason, message, hint, since, evidence.rolloutStartedAt(), readyPods, pods.size(),
        verdicts(pods, blocking), warnings, evidenceLines, nextCheck, reason.guideProblem());
  }

  private static boolean onReadyPod(Finding finding, Map<String, PodFacts> byName) {
    PodFacts pod = finding.pod() == null ? null : byName.get(finding.pod());
    return pod != null && pod.ready();
  }

  /** Offline there is no operator memory: the rollout began with its first pod, or with the InferenceService. */
  private static Instant derivedStart(Evidence evidence, List<PodFacts> pods) {
    return pods.stream().map(PodFacts::createdAt).filter(Objects::nonNull).min(Instant::compareTo)
        .orElse(evidence.isvc() != null && evidence.isvc().createdAt() != null
            ? evidence.isvc().createdAt() : evidence.now());
  }

  /** Ready: the InferenceService (when known) is Ready and every selected pod is ready. */
  private static boolean isReady(Evidence evidence, List<PodFacts> pods) {
    boolean podsReady = true;
    for (PodFacts pod : pods) {
      podsReady &= pod.ready();
    }
    if (evidence.target() == TargetState.PRESENT && evidence.isvc() != null) {
      // Scaled to zero (Serverless) is ready when KServe says so, unless a specific image must be seen running.
      boolean scaledToZeroOk = pods.isEmpty() && evidence.spec().expectedImage() == null;
      return evidence.isvc().isReady() && podsReady && (!pods.isEmpty() || scaledToZeroOk);
    }
    return !pods.isEmpty() && podsReady;
  }

  private static List<PodVerdict> verdicts(List<PodFacts> pods, List<Finding> blocking) {
    List<PodVerdict> verdicts = new ArrayList<>();
    for (PodFacts pod : pods) {
      Reason own = pod.ready() ? Reason.Ready : Reason.Progressing;
      for (Finding finding : blocking) {
        if (pod.name().equals(finding.pod()) && (own == Reason.Progressing || finding.reason().outranks(own))) {
          own = finding.reason();
        }
      }
      verdicts.add(new PodVerdict(pod.name(), pod.phase(), pod.ready(), own, pod.restarts(), pod.mainImage()));
    }
    return verdicts;
  }

  /** The reason was already reported: keep the moment it was first seen. */
  private static Instant keepSince(Evidence evidence, Reason reason, Instant candidate) {
    PreviousStatus previous = evidence.previous();
    if (previous != null && previous.reason() == reason && previous.since() != null
        && previous.since().isBefore(candidate)) {
      return previous.since();
    }
    return candidate;
  }

  private static boolean isRecent(Finding finding, Instant now) {
    return finding.lastSeen() == null || !finding.lastSeen().isBefore(now.minus(WARNING_WINDOW));
  }

  private static boolean sameProblem(Finding a, Finding b) {
    return a.reason() == b.reason() && Objects.equals(a.pod(), b.pod()) && Objects.equals(a.container(), b.container());
  }

  private static Instant earliest(Instant current, Instant candidate, Instant now) {
    if (candidate == null || !candidate.isAfter(now)) {
      return current;
    }
    return current == null || candidate.isBefore(current) ? candidate : current;
  }
}
