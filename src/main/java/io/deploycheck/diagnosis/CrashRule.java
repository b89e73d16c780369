package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Containers that die: OOM kills (definitive: the same limit kills it again), and crash loops with their last exit
 * code and, when the runtime says so, the missing entrypoint. A restart that a failing probe caused is left to
 * {@link ProbeRule}; a container that restarted and now runs again is a warning.
 */
final class CrashRule implements Rule {
  private static final Set<String> CRASH_WAITING = Set.of("CrashLoopBackOff", "RunContainerError");
  private static final Set<String> START_FAILURES = Set.of("StartError", "ContainerCannotRun");
  private static final Map<Integer, String> EXIT_CODES = Map.of(
      1, "application error", 126, "command not executable", 127, "command not found", 128, "could not start",
      137, "killed (SIGKILL)", 139, "segmentation fault", 143, "terminated (SIGTERM)");

  @Override
  public void inspect(PodContext pod, Findings out) {
    for (ContainerFacts container : pod.pod().allContainers()) {
      ContainerState oom = container.oomKill();
      if (oom != null) {
        String limit = container.limits().get("memory");
        Instant when = oom.finishedAt();
        Finding.Builder finding = pod.finding(Reason.OOMKilled, container).since(when).lastSeen(when)
            .message("OOMKilled (exit code 137) with memory limit " + (limit == null ? "none" : limit))
            .evidence("container " + container.name() + " " + (oom == container.state() ? "state" : "lastState")
                + " terminated OOMKilled at " + when);
        if (limit == null) {
          finding.value("allowed", "the node had (it sets no memory limit)");
        } else {
          finding.value("allowed", "its limit of " + limit).value("memoryLimit", limit)
              .value("memorySuggested", Quantities.doubleOf(limit));
        }
        out.add(finding.build());
      }
      ContainerState state = container.state();
      // An init container that exited non-zero blocks the pod as a crash loop does (kubelet retries it).
      boolean initFailed = container.init() && state != null && state.isTerminated() && state.exitCode() != null
          && state.exitCode() != 0;
      boolean crashing = state != null && (state.kind() == ContainerState.Kind.WAITING
          && CRASH_WAITING.contains(state.reason()) || state.isTerminated() && START_FAILURES.contains(state.reason()))
          || initFailed || exitedInError(container) || loopingThroughRuns(container);
      boolean restartedAndRunning = state != null && state.isRunning() && container.restartCount() > 0
          && container.lastState() != null && container.lastState().isTerminated();
      if ((crashing || restartedAndRunning) && oom == null && !killedByProbe(pod, container)) {
        out.add(crash(pod, container, crashing));
      }
    }
  }

  /**
   * A serving container that exited non-zero and waits for kubelet to start it again: between two runs of a crash
   * loop its state is terminated ({@code Error}) before kubelet's back-off makes it waiting CrashLoopBackOff.
   */
  private static boolean exitedInError(ContainerFacts container) {
    ContainerState state = container.state();
    return !container.init() && state != null && state.isTerminated() && state.exitCode() != null
        && state.exitCode() != 0;
  }

  /**
   * A serving container inside one of the short runs of a crash loop: it exited non-zero at least twice before and
   * is not ready in this run. A readiness probe failing in this run is a symptom of the exits, not their cause.
   */
  private static boolean loopingThroughRuns(ContainerFacts container) {
    ContainerState state = container.state();
    ContainerState last = container.lastState();
    return !container.init() && state != null && state.isRunning() && !container.ready()
        && container.restartCount() >= 2 && last != null && last.isTerminated() && last.exitCode() != null
        && last.exitCode() != 0;
  }

  private static Finding crash(PodContext pod, ContainerFacts container, boolean crashing) {
    ContainerState state = container.state();
    ContainerState last = state != null && state.isTerminated() ? state
        : container.lastState() != null && container.lastState().isTerminated() ? container.lastState() : state;
    Map<String, String> values = new HashMap<>();
    StringBuilder detail = new StringBuilder();
    if (last != null && last.exitCode() != null) {
      values.put("exitCode", last.exitCode() + explain(last.exitCode()));
      detail.append("last exit code ").append(values.get("exitCode"));
    }
    String missing = missingExecutable(pod, container);
    if (missing != null) {
      values.put("missing", missing);
      detail.append(detail.length() == 0 ? "" : ", ").append("executable \"").append(missing).append("\" not found");
    }
    values.put("restarts", Integer.toString(container.restartCount()));
    detail.append(detail.length() == 0 ? "" : ", ").append(container.restartCount()).append(" restarts");
    Instant since = PodContext.earliest(pod.events("BackOff", container, "Back-off restarting"));
    if (since == null && last != null) {
      since = last.finishedAt();
    }
    String stateText = container.state().reason() == null ? "" : " " + container.state().reason();
    String evidence = "container " + container.name() + stateText
        + (last != null && last.isTerminated() ? "; last terminated " + last.reason() + " exit code " + last.exitCode()
            + (last.text().isBlank() ? "" : ": " + last.text().strip()) : "");
    Instant lastSeen = last != null && last.finishedAt() != null ? last.finishedAt() : pod.now();
    String prefix = crashing ? "" : "restarted and running again: ";
    return pod.finding(Reason.CrashLoopBackOff, container).since(since).lastSeen(lastSeen).message(prefix + detail)
        .evidence(evidence).values(values).blocking(crashing).build();
  }

  /** Did kubelet kill the last run because a liveness or startup probe failed? */
  private static boolean killedByProbe(PodContext pod, ContainerFacts container) {
    Instant lastRun = container.lastState() == null ? null : container.lastState().startedAt();
    for (ProbeKind kind : new ProbeKind[] {ProbeKind.LIVENESS, ProbeKind.STARTUP}) {
      EventFacts kill = pod.probeKill(container, kind);
      if (kill != null && (lastRun == null || kill.lastSeen() == null || !kill.lastSeen().isBefore(lastRun))) {
        return true;
      }
    }
    return false;
  }

  private static String missingExecutable(PodContext pod, ContainerFacts container) {
    StringBuilder texts = new StringBuilder();
    for (ContainerState state : new ContainerState[] {container.state(), container.lastState()}) {
      if (state != null) {
        texts.append(state.text()).append('\n');
      }
    }
    pod.events("Failed", container).forEach(e -> texts.append(e.text()).append('\n'));
    return missingExecutable(texts);
  }

  /** The executable runc could not find ({@code exec: "X": executable file not found in $PATH} or {@code stat X}). */
  static String missingExecutable(CharSequence text) {
    MessageCatalog.Match missing = MessageCatalog.find("missing-executable", text);
    return missing == null ? null : missing.group("missing");
  }

  private static String explain(int exitCode) {
    String meaning = EXIT_CODES.get(exitCode);
    return meaning == null ? "" : " (" + meaning + ")";
  }
}
