package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scheduled pod whose containers cannot be created: configuration kubelet refuses (a missing Secret, ConfigMap or
 * key, a non-root rule the image breaks: definitive), a pod stuck in ContainerCreating on volumes or the pod
 * sandbox, and any other waiting reason no rule knows, reported with kubelet's own words once it lasts.
 */
final class StartupRule implements Rule {
  private static final Set<String> CONFIG_ERRORS = Set.of("CreateContainerConfigError");
  /** Waiting reasons another rule judges (image names, crash loops); pulls and creation are asked separately. */
  private static final Set<String> JUDGED_ELSEWHERE = Set.of("InvalidImageName", "CrashLoopBackOff",
      "RunContainerError");
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
            .value("detail", state.text()).value("fix", configFix(state.text(), pod.evidence().namespace())).build());
      } else if (state.isCreating()) {
        creating = creating == null ? container : creating;
      } else if (!JUDGED_ELSEWHERE.contains(state.reason()) && !state.isPullFailure()) {
        unknownWaiting(pod, container, state, out);
      }
    }
    if (creating != null && pod.pod().nodeName() != null && pod.events("Pulling", null).isEmpty()) {
      stuckCreating(pod, creating, out);
    }
  }

  /** The fix for what kubelet refused, by what its message says; a message not known here gets the general one. */
  static String configFix(String message, String namespace) {
    String where = namespace == null ? "" : " in namespace " + namespace;
    if (MessageCatalog.find("run-as-root", message) != null) {
      return "The image runs as root while securityContext.runAsNonRoot is true: set securityContext.runAsUser to a"
          + " non-zero UID, or build the image with a numeric non-root USER.";
    }
    MessageCatalog.Match user = MessageCatalog.find("non-numeric-user", message);
    if (user != null) {
      return "The image's user " + user.group("user") + " is a name, so kubelet cannot check that it is not root: set"
          + " securityContext.runAsUser to its numeric UID, or use a numeric USER in the image.";
    }
    MessageCatalog.Match key = MessageCatalog.find("missing-key", message);
    if (key != null) {
      return "Add key " + key.group("key") + " to " + key.group("kind") + " " + key.group("object")
          + ", or fix the key name the InferenceService refers to.";
    }
    MessageCatalog.Match object = MessageCatalog.find("missing-object", message);
    if (object != null) {
      return "Create " + kind(object) + " " + object.group("object") + where
          + ", or fix the reference in the InferenceService.";
    }
    return "Fix the container's configuration in the InferenceService (environment, volumes, security context).";
  }

  /** kubelet writes the kind in lower case ("secret \"x\" not found"); the hint names it as the API does. */
  private static String kind(MessageCatalog.Match missing) {
    return missing.group("kind").equalsIgnoreCase("secret") ? "Secret" : "ConfigMap";
  }

  /** The fix for what keeps the containers from being created, by what kubelet, the CNI or the runtime said. */
  static String creatingFix(String detail, PodContext pod) {
    String namespace = pod.evidence().namespace();
    String node = pod.pod().nodeName() == null ? "the node" : "node " + pod.pod().nodeName();
    MessageCatalog.Match object = MessageCatalog.find("missing-object", detail);
    if (object != null) {
      return "Create " + kind(object) + " " + object.group("object")
          + (namespace == null ? "" : " in namespace " + namespace) + ", or fix the volume that refers to it.";
    }
    if (MessageCatalog.find("volume-timeout", detail) != null) {
      return "A volume was not attached or mounted in time: check its PersistentVolumeClaim and the storage (CSI)"
          + " driver's pods.";
    }
    if (MessageCatalog.find("no-pod-ip", detail) != null) {
      return "The network plugin has no free pod IP address on " + node + ": free addresses in the subnet or the"
          + " node's range (on EKS the aws-node CNI: more subnet space or prefix delegation).";
    }
    if (detail.contains("FailedCreatePodSandBox")) {
      return "The pod's sandbox (its network) cannot be set up on " + node + ": check the network plugin's pods there.";
    }
    String missing = CrashRule.missingExecutable(detail);
    if (missing != null) {
      return "The container's command " + missing + " is not in its image: fix the command or the image.";
    }
    return "Read the pod's events for the step that fails (volumes, sandbox, container creation).";
  }

  /** A waiting reason nobody knows is still a problem once it lasts: the family's reason, with kubelet's words. */
  private static void unknownWaiting(PodContext pod, ContainerFacts container, ContainerState state, Findings out) {
    String detail = state.reason() + (state.text().isBlank() ? "" : ": " + state.text());
    out.add(pod.finding(Reason.ContainerCreatingStuck, container)
        .since(PodContext.earliest(pod.events("Failed", container))).lastSeen(pod.now()).message(detail)
        .evidence("container " + container.name() + " waiting " + detail).value("detail", detail)
        .value("fix", creatingFix(detail, pod)).build());
  }

  /** ContainerCreating with volume or sandbox errors, or with no progress at all for stuckAfter. */
  private static void stuckCreating(PodContext pod, ContainerFacts container, Findings out) {
    List<EventFacts> errors = pod.events(e -> CREATION_EVENTS.contains(e.reason()));
    if (!errors.isEmpty()) {
      EventFacts newest = PodContext.newest(errors);
      String detail = newest.reason() + ": " + newest.text();
      out.add(pod.finding(Reason.ContainerCreatingStuck, null).since(PodContext.earliest(errors))
          .lastSeen(newest.lastSeen()).message(detail).evidence(PodContext.describe(newest)).value("detail", detail)
          .value("fix", creatingFix(detail, pod))
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
        .value("detail", detail).value("fix", creatingFix(detail, pod)).build());
  }
}
