package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  /** Gates: is there anything to check at all? Their findings end the diagnosis before any pod is looked at. */
  private static final List<Rule> GATES = List.of(new TargetRule());
  /** One rule per failure family, run over the rollout and over each pod of its newest revision. */
  private static final List<Rule> FAMILIES = List.of(
      new ModelRule(), new ImagePullRule(), new StartupRule(), new CrashRule(), new ProbeRule(), new SchedulingRule());

  public Diagnosis diagnose(Evidence given) {
    List<PodFacts> pods = RevisionSelector.select(given);
    Evidence evidence = given.rolloutStartedAt() != null ? given : given.withRolloutStartedAt(derivedStart(given, pods));
    Findings out = new Findings(evidence.now());
    for (Rule gate : GATES) {
      gate.inspect(evidence, List.of(), out);
    }
    if (!out.all().isEmpty()) {
      return decide(evidence, List.of(), out);
    }
    inspectFamilies(evidence, pods, out);
    return decide(evidence, pods, out);
  }

  private static void inspectFamilies(Evidence evidence, List<PodFacts> pods, Findings out) {
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
  }

  /** Named steps: partition the findings, pick the top one, judge phase and text, then when to look again. */
  private Diagnosis decide(Evidence evidence, List<PodFacts> pods, Findings out) {
    boolean ready = isReady(evidence, pods);
    TimePolicy time = new TimePolicy(evidence.spec().stuckAfter(),
        evidence.rolloutStartedAt().plus(evidence.spec().progressDeadline()), evidence.now());
    Partition found = partition(out.all(), pods, ready, evidence.now());
    if (found.blocking().isEmpty() && time.phase(ready, null, null) == Phase.Failed) {
      // At the deadline the best cause seen counts, even one that was not a problem yet.
      found = new Partition(partition(out.candidates(), pods, ready, evidence.now()).blocking(), found.warnings());
    }
    Finding top = top(found.blocking());
    Judgement judged = judge(evidence, pods, ready, top, time);
    Instant nextCheck = time.nextCheck(judged.phase(), top == null ? null : judged.reason(), judged.since(),
        out.wakeAt());
    return new Diagnosis(judged.phase(), judged.reason(), judged.message(), judged.hint(), judged.since(),
        evidence.rolloutStartedAt(), readyPods(pods), pods.size(), verdicts(pods, found.blocking()),
        found.warnings(), evidenceLines(found.blocking(), judged.reason()), nextCheck);
  }

  /** Findings that block the rollout, and the rest as warnings (recent ones, each problem once). */
  record Partition(List<Finding> blocking, List<Finding> warnings) {}

  private static Partition partition(List<Finding> findings, List<PodFacts> pods, boolean ready, Instant now) {
    Map<String, PodFacts> byName = new HashMap<>();
    pods.forEach(p -> byName.put(p.name(), p));
    List<Finding> blocking = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    Set<Problem> warned = new HashSet<>(); // a set, not a scan of the warnings: linear in the findings
    for (Finding finding : findings) {
      PodFacts pod = finding.pod() == null ? null : byName.get(finding.pod());
      boolean onReadyPod = pod != null && pod.ready();
      if (finding.blocking() && !onReadyPod && !ready) {
        blocking.add(finding);
      } else if (isRecent(finding, now) && warned.add(Problem.of(finding))) {
        warnings.add(finding.asWarning());
      }
    }
    return new Partition(blocking, warnings);
  }

  /** What makes two findings the same problem: a warning is reported once per problem. */
  private record Problem(Reason reason, String pod, String container) {
    static Problem of(Finding finding) {
      return new Problem(finding.reason(), finding.pod(), finding.container());
    }
  }

  /** The blocking finding to report: highest precedence, then the longest-standing; null when there is none. */
  private static Finding top(List<Finding> blocking) {
    Finding top = null;
    for (Finding finding : blocking) {
      if (top == null || TOP.compare(finding, top) < 0) {
        top = finding;
      }
    }
    return top;
  }

  /** Phase, reason and what to tell the user. */
  record Judgement(Phase phase, Reason reason, String message, String hint, Instant since) {}

  private static Judgement judge(Evidence evidence, List<PodFacts> pods, boolean ready, Finding top,
      TimePolicy time) {
    Instant now = evidence.now();
    String counts = readyPods(pods) + "/" + pods.size() + " pods ready";
    if (ready) {
      return new Judgement(Phase.Ready, Reason.Ready,
          counts + (evidence.isvc() != null ? ", InferenceService Ready" : ""), Reason.Ready.hint(values(evidence)),
          keepSince(evidence, Reason.Ready, now));
    }
    if (top != null) {
      Instant since = keepSince(evidence, top.reason(), top.since() == null ? now : top.since());
      return new Judgement(time.phase(false, top.reason(), since), top.reason(), top.message(), top.hint(), since);
    }
    Phase phase = time.phase(false, null, null);
    if (phase == Phase.Failed) {
      Reason reason = Reason.ProgressDeadlineExceeded;
      String message = "not Ready " + GoDuration.format(Duration.between(evidence.rolloutStartedAt(), now))
          + " after the rollout started (" + counts + "); no cause seen";
      return new Judgement(phase, reason, message, reason.hint(values(evidence)),
          keepSince(evidence, reason, time.deadline()));
    }
    return new Judgement(phase, Reason.Progressing, counts, Reason.Progressing.hint(values(evidence)),
        keepSince(evidence, Reason.Progressing, now));
  }

  /** The values the rollout-wide hints (Ready, Progressing, ProgressDeadlineExceeded) may name. */
  private static Map<String, String> values(Evidence evidence) {
    Map<String, String> values = new HashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    values.put("deadline", GoDuration.format(evidence.spec().progressDeadline()));
    return values;
  }

  private static int readyPods(List<PodFacts> pods) {
    int ready = 0;
    for (PodFacts pod : pods) {
      ready += pod.ready() ? 1 : 0;
    }
    return ready;
  }

  /** Up to five distinct evidence lines behind the reported reason. */
  private static List<String> evidenceLines(List<Finding> blocking, Reason reason) {
    List<String> lines = new ArrayList<>(MAX_EVIDENCE);
    for (Finding finding : blocking) {
      if (finding.reason() == reason && finding.evidence() != null && lines.size() < MAX_EVIDENCE
          && !lines.contains(finding.evidence())) {
        lines.add(finding.evidence());
      }
    }
    return lines;
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
    // each pod's findings looked up, not searched for: a rollout of 50,000 failing pods stays linear
    Map<String, List<Finding>> byPod = new HashMap<>();
    for (Finding finding : blocking) {
      if (finding.pod() != null) {
        byPod.computeIfAbsent(finding.pod(), name -> new ArrayList<>(2)).add(finding);
      }
    }
    List<PodVerdict> verdicts = new ArrayList<>();
    for (PodFacts pod : pods) {
      Reason own = pod.ready() ? Reason.Ready : Reason.Progressing;
      for (Finding finding : byPod.getOrDefault(pod.name(), List.of())) {
        if (own == Reason.Progressing || finding.reason().outranks(own)) {
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

}
