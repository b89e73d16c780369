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
  /** Waiting reasons of a container not yet created: the sandbox, volumes or init containers come first. */
  private static final Set<String> NOT_CREATED = Set.of("ContainerCreating", "PodInitializing");
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
        Map<String, String> values = pod.values(container);
        values.put("detail", state.text());
        List<EventFacts> failed = pod.events("Failed", container);
        out.add(pod.finding(Reason.ContainerConfigError, container, PodContext.earliest(failed), pod.now(),
            state.text(), "container " + container.name() + " waiting " + state.reason() + ": " + state.text(),
            values, true));
      } else if (NOT_CREATED.contains(state.reason()) && creating == null) {
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
    Map<String, String> values = pod.values(null);
    if (!errors.isEmpty()) {
      EventFacts newest = PodContext.newest(errors);
      values.put("detail", newest.reason() + ": " + newest.text());
      out.add(pod.finding(Reason.ContainerCreatingStuck, null, PodContext.earliest(errors), newest.lastSeen(),
          newest.reason() + ": " + newest.text(), PodContext.describe(newest), values, true));
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
    values.put("detail", detail);
    out.add(pod.finding(Reason.ContainerCreatingStuck, container, since, pod.now(), detail,
        "container " + container.name() + " waiting ContainerCreating since " + since, values, true));
  }
}
