package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A predictor (or transformer, explainer) pod as the engine sees it. {@code revision} is the Knative revision in
 * Serverless mode or the pod-template-hash in raw mode, null when the pod has neither. {@code nodeSelector} is the
 * spec's, which limits the nodes that could ever take the pod.
 */
public record PodFacts(
    String name,
    String uid,
    String component,
    String revision,
    Instant createdAt,
    String phase,
    boolean terminating,
    boolean ready,
    Instant readyTransition,
    ConditionFacts scheduled,
    String nodeName,
    String serviceAccount,
    Map<String, String> nodeSelector,
    List<ContainerFacts> initContainers,
    List<ContainerFacts> containers) {

  public PodFacts {
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  /** Any of the pod's containers OOM-killed, now or in its last run. */
  public boolean oomKilled() {
    for (ContainerFacts container : allContainers()) {
      if (container.oomKill() != null) {
        return true;
      }
    }
    return false;
  }

  /** Init containers first, as kubelet runs them. */
  public List<ContainerFacts> allContainers() {
    List<ContainerFacts> all = new ArrayList<>(initContainers);
    all.addAll(containers);
    return all;
  }

  /** Succeeded and Failed pods are finished: they neither fail nor pass a rollout. */
  public boolean isFinished() {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public int restarts() {
    int restarts = 0;
    for (ContainerFacts container : initContainers) {
      restarts += container.restartCount();
    }
    for (ContainerFacts container : containers) {
      restarts += container.restartCount();
    }
    return restarts;
  }

  /** The image of the model server: the first container that is not a sidecar. */
  public String mainImage() {
    for (ContainerFacts container : containers) {
      if (container.role() == ContainerFacts.Role.MAIN) {
        return container.image();
      }
    }
    return containers.isEmpty() ? null : containers.get(0).image();
  }

  /** The images this pod's containers are failing to pull: the ones worth asking the registry about. */
  public Set<String> imagesFailingToPull() {
    Set<String> images = new LinkedHashSet<>();
    for (ContainerFacts container : allContainers()) {
      if (container.image() != null && container.state() != null && container.state().isPullFailure()) {
        images.add(container.image());
      }
    }
    return images;
  }
}
