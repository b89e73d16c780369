package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.Map;

/**
 * A container or init container of a pod: what was asked for (image, resources, probes) and what kubelet reports
 * (current and last state, readiness, restarts). Probes may be null.
 */
public record ContainerFacts(
    String name,
    String image,
    boolean init,
    Role role,
    Map<String, String> requests,
    Map<String, String> limits,
    ProbeFacts startupProbe,
    ProbeFacts livenessProbe,
    ProbeFacts readinessProbe,
    ContainerState state,
    ContainerState lastState,
    boolean ready,
    int restartCount) {

  /** What the container is for; KServe's and Knative's container names are mapped to this in {@code kube/}. */
  public enum Role {
    /** The model server (or transformer, explainer) itself. */
    MAIN,
    /** KServe's storage-initializer: downloads the model before the server starts. */
    MODEL_LOADER,
    /** An injected helper such as Knative's queue-proxy or KServe's agent. */
    SIDECAR
  }

  public ContainerFacts {
    role = role == null ? Role.MAIN : role;
    requests = requests == null ? Map.of() : Map.copyOf(requests);
    limits = limits == null ? Map.of() : Map.copyOf(limits);
  }

  public ProbeFacts probe(ProbeKind kind) {
    return switch (kind) {
      case STARTUP -> startupProbe;
      case LIVENESS -> livenessProbe;
      case READINESS -> readinessProbe;
    };
  }

  /** The OOM kill kubelet reports in the current or the last state, or null: derived here once for every rule. */
  public ContainerState oomKill() {
    if (state != null && state.isOomKill()) {
      return state;
    }
    return lastState != null && lastState.isOomKill() ? lastState : null;
  }

  /** When the current (or, while it waits to restart, the last) run of the container began. */
  public Instant lastStart() {
    if (state != null && state.startedAt() != null) {
      return state.startedAt();
    }
    return lastState == null ? null : lastState.startedAt();
  }
}
