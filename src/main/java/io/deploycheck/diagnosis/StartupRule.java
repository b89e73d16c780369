package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scheduled pod whose containers cannot be created: configuration that references a missing Secret or ConfigMap
 * (definitive), or a pod stuck in ContainerCreating on volumes or the pod sandbox.
 */
final class StartupRule implements Rule {
  private static final Set<String> CONFIG_ERRORS = Set.of("CreateContainerConfigError");
  private static final Set<String> CREATION_EVENTS =
      Set.of("FailedMount", "FailedAttachVolume", "FailedCreatePodSandBox", "FailedKillPodSandBox", "FailedSync");

  @Override
  public void inspect(PodContext pod, Findings out) {
    ContainerFacts creating = null;
    for (ContainerFacts container : pod.pod().allContainers()) {
      ContainerState state = container.state();
      if (state == null || state.kind() != ContainerState.Kind.WAITING) {
        continue;
      }
      if (CONFIG_ERRORS.contains(state.reason())) {
        out.add(pod.finding(Reason.ContainerConfigError, container)
            .since(PodContext.earliest(pod.events("Failed", container))).lastSeen(pod.now()).message(state.text())
            .evidence("container " + container.name() + " waiting " + state.reason() + ": " + state.text())
            .value("detail", state.text()).build());
      } else if (state.isCreating() && creating == null) {
        creating = container;
      }
    }
    if (creating != null && pod.pod().nodeName() != null && pod.events("Pulling", null).isEmpty()) {
      stuckCreating(pod, creating, out);
    }
  }

  /** ContainerCreating with volume or sandbox errors, or with no progress at all for stuckAfter. */
  private static void stuckCreating(PodContext pod, ContainerFacts container, Findings out) {
    List<EventFacts> errors = pod.events(e -> CREATION_EVENTS.contains(e.reason()));
    if (!errors.isEmpty()) {
      EventFacts newest = PodContext.newest(errors);
      String detail = newest.reason() + ": " + newest.text();
      out.add(pod.finding(Reason.ContainerCreatingStuck, null).since(PodContext.earliest(errors))
          .lastSeen(newest.lastSeen()).message(detail).evidence(PodContext.describe(newest)).value("detail", detail)
          .build());
      return;
    }
    if (!"ContainerCreating".equals(container.state().reason())) {
      return; // PodInitializing with no errors: an init container is running, which is progress
    }
    ConditionFacts scheduled = pod.pod().scheduled();
    Instant since = scheduled != null && scheduled.lastTransition() != null
        ? scheduled.lastTransition() : pod.pod().createdAt();
    if (since == null) {
      return;
    }
    if (since.plus(pod.stuckAfter()).isAfter(pod.now())) {
      out.wakeAt(since.plus(pod.stuckAfter()));
      return;
    }
    String detail = "containers still being created since " + since;
    out.add(pod.finding(Reason.ContainerCreatingStuck, container).since(since).lastSeen(pod.now()).message(detail)
        .evidence("container " + container.name() + " waiting ContainerCreating since " + since)
        .value("detail", detail).build());
  }
}
