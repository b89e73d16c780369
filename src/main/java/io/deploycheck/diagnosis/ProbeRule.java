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
  private static final Pattern COMMAND_MISSING = Pattern.compile(
      "executable file not found|command not found|: not found|exit(?:ed with)?(?: code| status)? 127\\b",
      Pattern.CASE_INSENSITIVE);

  /** The guide's case: python:3.9-slim (and every other slim Python image) has neither curl nor wget. */
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
        EventFacts killing = probeKill(pod, container, kind);
        if (events.isEmpty() && killing == null) {
          continue;
        }
        EventFacts newest = events.isEmpty() ? killing : PodContext.newest(events);
        ProbeFacts probe = container.probe(kind);
        if (probe != null && probe.type() == ProbeFacts.Type.EXEC && COMMAND_MISSING.matcher(newest.text()).find()) {
          out.add(commandMissing(pod, container, kind, probe, newest, events));
          continue;
        }
        Finding failing = switch (kind) {
          case STARTUP -> startupFailing(pod, container, probe, events, killing, out);
          case LIVENESS -> failing(pod, container, Reason.LivenessProbeFailing, probe, events, newest, killing);
          case READINESS -> container.ready() || container.state() == null || !container.state().isRunning()
              ? null : failing(pod, container, Reason.ReadinessProbeFailing, probe, events, newest, null);
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
    Map<String, String> values = pod.values(container);
    values.put("probe", kind.specWord());
    values.put("command", probe.command());
    values.put("missing", probe.executable());
    if (SLIM_PYTHON.matcher(container.image() == null ? "" : container.image()).find()
        && Set.of("curl", "wget").contains(probe.executable())) {
      values.put("imageNote", "the slim Python images ship without curl and wget");
    }
    return pod.finding(Reason.ProbeCommandNotFound, container, PodContext.earliest(events), newest.lastSeen(),
        kind.specWord() + " probe \"" + probe.command() + "\": " + newest.text(), PodContext.describe(newest),
        values, kind != ProbeKind.LIVENESS);
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
        out.candidate(failing(pod, container, Reason.StartupProbeFailing, probe, events, newest, null).with(Map.of(
            "progress", "was still failing inside its budget of " + budget + " when the progressDeadline of "
                + GoDuration.format(pod.evidence().spec().progressDeadline()) + " ran out",
            "advice", "the budget is longer than the deadline, so the deadline decides first. Raise progressDeadline"
                + " above " + budget + ", or find why the server starts slowly")));
        return null;
      }
      since = budgetEnds;
    } else {
      since = PodContext.earliest(events);
    }
    Finding finding = failing(pod, container, Reason.StartupProbeFailing, probe, events, newest, killing).with(Map.of(
        "progress", "failed for its whole budget" + (probe == null ? "" : " of " + GoDuration.format(probe.budget())),
        "advice", WHOLE_BUDGET_ADVICE));
    return new Finding(finding.reason(), finding.pod(), finding.container(), since, finding.lastSeen(),
        finding.message(), finding.evidence(), finding.values(), true);
  }

  private static Finding failing(
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
    return pod.finding(reason, container, since, newest.lastSeen(), newest.text() + count,
        PodContext.describe(newest), values, true);
  }

  /** kubelet's Killing event for a restart this probe caused, if it belongs to the container's current life. */
  private static EventFacts probeKill(PodContext pod, ContainerFacts container, ProbeKind kind) {
    if (kind == ProbeKind.READINESS) {
      return null;
    }
    EventFacts newest = null;
    for (EventFacts kill : pod.events("Killing", container)) {
      if (kill.text().contains(kind.killPhrase())) {
        newest = PodContext.newest(newest == null ? List.of(kill) : List.of(newest, kill));
      }
    }
    return newest;
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
