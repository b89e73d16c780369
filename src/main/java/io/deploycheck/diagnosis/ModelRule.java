package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model could not be loaded: KServe's own verdict in {@code status.modelStatus.lastFailureInfo}, or the
 * storage-initializer init container failing to fetch the model.
 */
final class ModelRule implements Rule {
  private static final int TAIL_LINES = 3;

  @Override
  public void inspect(Evidence evidence, List<PodFacts> pods, Findings out) {
    InferenceServiceFacts isvc = evidence.isvc();
    if (isvc == null || isvc.blockingFailure() == null || pods.stream().anyMatch(PodFacts::oomKilled)) {
      // KServe also reports an OOM-killed model server as a failed load; the memory limit is the cause to name.
      return;
    }
    InferenceServiceFacts.ModelFailure failure = isvc.blockingFailure();
    String text = failure.reason() + (failure.message() == null ? "" : ": " + failure.message());
    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    values.put("failure", failure.reason() + (failure.message() == null ? "" : ": " + lastLine(failure.message())));
    Instant since = failure.time() == null ? evidence.rolloutStartedAt() : failure.time();
    String message = "inferenceservice " + isvc.name() + " modelStatus.lastFailureInfo: " + text;
    out.add(Finding.of(Reason.ModelLoadFailed).since(since).message(message).values(values).build());
  }

  @Override
  public void inspect(PodContext pod, Findings out) {
    for (ContainerFacts container : pod.pod().initContainers()) {
      if (container.role() != ContainerFacts.Role.MODEL_LOADER) {
        continue;
      }
      ContainerState failed = failedRun(container);
      if (failed == null) {
        continue;
      }
      String detail = "exit code " + failed.exitCode() + tail(failed.text());
      out.add(pod.finding(Reason.ModelLoadFailed, container).since(failed.finishedAt())
          .lastSeen(failed.finishedAt()).message(detail)
          .evidence("init container " + container.name() + " terminated " + failed.reason() + " (" + detail + ")")
          .value("failure", "storage-initializer exit code " + failed.exitCode()
              + (failed.text().isBlank() ? "" : ": " + lastLine(failed.text()))).build());
    }
  }

  private static ContainerState failedRun(ContainerFacts container) {
    for (ContainerState state : new ContainerState[] {container.state(), container.lastState()}) {
      if (state != null && state.isTerminated() && state.exitCode() != null && state.exitCode() != 0) {
        return state;
      }
    }
    return null;
  }

  /** The line a Python traceback ends with says what went wrong; the hint quotes only that one. */
  private static String lastLine(String message) {
    List<String> lines = message.strip().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  /** The last lines of a termination message: where a Python traceback says what went wrong. */
  private static String tail(String message) {
    if (message.isBlank()) {
      return "";
    }
    List<String> lines = message.strip().lines().filter(l -> !l.isBlank()).toList();
    return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())).strip();
  }
}
