package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Failing probes from kubelet's Unhealthy events, with the evidence rules that keep this honest: events from an
 * earlier run of the container, or from before the pod last became Ready, are history; a startup probe still within
 * its own budget is a model loading, not a problem; an exec probe whose command is missing is called out (a broken
 * liveness probe protects nothing but blocks nothing, so it is a warning).
 */
final class ProbeRule implements Rule {
  /** An exec probe's command is missing: the runtime's, the shell's or the exit code's word for it (catalog rows). */
  static final MessagePatterns COMMAND_MISSING = MessageCatalog.patterns("probe-command");

  private static final Pattern SLIM_PYTHON = Pattern.compile("(?:^|/)python:[^/]*slim");
  private static final String WHOLE_BUDGET_ADVICE = "the model server starts too slowly or listens elsewhere. Give"
      + " it up to 5 minutes as the guide does (startupProbe periodSeconds: 10, failureThreshold: 30)";

  @Override
  public void inspect(PodContext pod, Findings out) {
    for (ContainerFacts container : pod.pod().containers()) {
      Map<ProbeKind, List<EventFacts>> unhealthy = new EnumMap<>(ProbeKind.class);
      for (EventFacts event : pod.events("Unhealthy", container)) {
        ProbeKind kind = ProbeKind.ofMessage(event.text());
        if (kind != null && isCurrent(pod, container, event)) {
          unhealthy.computeIfAbsent(kind, k -> new ArrayList<>(2)).add(event);
        }
      }
      for (ProbeKind kind : ProbeKind.values()) {
        List<EventFacts> events = unhealthy.getOrDefault(kind, List.of());
        EventFacts killing = pod.probeKill(container, kind);
        if (events.isEmpty() && killing == null) {
          continue;
        }
        EventFacts newest = events.isEmpty() ? killing : PodContext.newest(events);
        ProbeFacts probe = container.probe(kind);
        if (probe != null && probe.type() == ProbeFacts.Type.EXEC && COMMAND_MISSING.best(newest.text()) != null) {
          out.add(commandMissing(pod, container, kind, probe, newest, events));
          continue;
        }
        Finding failing = switch (kind) {
          case STARTUP -> startupFailing(pod, container, probe, events, killing, out);
          case LIVENESS -> failing(pod, container, Reason.LivenessProbeFailing, probe, events, newest, killing)
              .build();
          case READINESS -> container.ready() || container.state() == null || !container.state().isRunning()
              ? null : failing(pod, container, Reason.ReadinessProbeFailing, probe, events, newest, null).build();
        };
        if (failing != null) {
          out.add(failing);
        }
      }
    }
  }

  private static Finding commandMissing(
      PodContext pod, ContainerFacts container, ProbeKind kind, ProbeFacts probe, EventFacts newest,
      List<EventFacts> events) {
    return pod.finding(Reason.ProbeCommandNotFound, container).since(PodContext.earliest(events))
        .lastSeen(newest.lastSeen()).message(kind.specWord() + " probe \"" + probe.command() + "\": " + newest.text())
        .evidence(PodContext.describe(newest)).value("probe", kind.specWord()).value("command", probe.command())
        .value("missing", probe.executable()).value("imageNote", imageNote(container.image(), probe.executable()))
        .blocking(kind != ProbeKind.LIVENESS).build();
  }

  /** Said only of the image it is true of: the guide's python:3.9-slim, like every slim Python image, lacks both. */
  private static String imageNote(String image, String executable) {
    boolean slimPython = image != null && SLIM_PYTHON.matcher(image).find();
    return slimPython && Set.of("curl", "wget").contains(executable)
        ? "the slim Python images ship without curl and wget" : null;
  }

  /** Within initialDelay + failureThreshold x period of the container's start, failures are a model loading. */
  private static Finding startupFailing(
      PodContext pod, ContainerFacts container, ProbeFacts probe, List<EventFacts> events, EventFacts killing,
      Findings out) {
    Instant since;
    EventFacts newest = events.isEmpty() ? killing : PodContext.newest(events);
    if (killing != null) {
      since = killing.firstSeen();
    } else if (probe != null && container.lastStart() != null) {
      Instant budgetEnds = container.lastStart().plus(probe.budget());
      if (budgetEnds.isAfter(pod.now())) {
        out.wakeAt(budgetEnds);
        // Not a problem yet; but if the progress deadline passes first, this is why the rollout is not Ready.
        String budget = GoDuration.format(probe.budget());
        out.candidate(failing(pod, container, Reason.StartupProbeFailing, probe, events, newest, null)
            .value("progress", "was still failing inside its budget of " + budget + " when the progressDeadline of "
                + GoDuration.format(pod.evidence().spec().progressDeadline()) + " ran out")
            .value("advice", "the budget is longer than the deadline, so the deadline decides first. Raise"
                + " progressDeadline above " + budget + ", or find why the server starts slowly").build());
        return null;
      }
      since = budgetEnds;
    } else {
      since = PodContext.earliest(events);
    }
    return failing(pod, container, Reason.StartupProbeFailing, probe, events, newest, killing).since(since)
        .value("progress", "failed for its whole budget" + (probe == null ? "" : " of "
            + GoDuration.format(probe.budget())))
        .value("advice", WHOLE_BUDGET_ADVICE).build();
  }

  private static Finding.Builder failing(
      PodContext pod, ContainerFacts container, Reason reason, ProbeFacts probe, List<EventFacts> events,
      EventFacts newest, EventFacts killing) {
    Map<String, String> values = pod.values(container);
    values.put("detail", newest.text());
    values.put("restarts", Integer.toString(container.restartCount()));
    if (probe != null) {
      values.put("budget", GoDuration.format(probe.budget()));
      if (probe.type() == ProbeFacts.Type.HTTP_GET) {
        values.put("port", probe.port());
        values.put("path", probe.path() == null || probe.path().startsWith("/") ? probe.path() : "/" + probe.path());
      }
    }
    Instant since = PodContext.earliest(events);
    if (killing != null && (since == null || killing.firstSeen().isBefore(since))) {
      since = killing.firstSeen();
    }
    // A pod that was Ready and lost it: the problem starts when readiness was lost, not with an old event.
    if (!pod.pod().ready() && pod.pod().readyTransition() != null && since != null
        && pod.pod().readyTransition().isAfter(since) && reason == Reason.ReadinessProbeFailing) {
      since = pod.pod().readyTransition();
    }
    String count = newest.count() > 1 ? " (x" + newest.count() + ")" : "";
    return pod.finding(reason, container).since(since).lastSeen(newest.lastSeen()).message(newest.text() + count)
        .evidence(PodContext.describe(newest)).values(values);
  }

  /** An Unhealthy event older than the container's current run, or than the pod's last Ready, is history. */
  private static boolean isCurrent(PodContext pod, ContainerFacts container, EventFacts event) {
    Instant seen = event.lastSeen();
    if (seen == null) {
      return true;
    }
    Instant start = container.lastStart();
    if (start != null && seen.isBefore(start)) {
      return false;
    }
    Instant ready = pod.pod().readyTransition();
    return !(pod.pod().ready() && ready != null && seen.isBefore(ready));
  }
}
