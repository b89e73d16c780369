package io.deploycheck.diagnosis;

import java.util.List;
import java.util.Map;

/**
 * A node as the scheduling hint needs it: its labels (for the pod's nodeSelector), what it can hold ({@code status.allocatable}: cpu, memory, extended resources
 * such as nvidia.com/gpu, as quantity strings), the taints that keep pods off it (effect NoSchedule or NoExecute,
 * written as the scheduler writes them: {@code {key: value}}), and whether it is cordoned.
 */
public record NodeFacts(String name, Map<String, String> labels, Map<String, String> allocatable, List<String> taints,
    boolean cordoned) {
  public NodeFacts {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    allocatable = allocatable == null ? Map.of() : Map.copyOf(allocatable);
    taints = taints == null ? List.of() : List.copyOf(taints);
  }

  /** Whether the node has every label of {@code selector}: the pod's nodeSelector. */
  public boolean matches(Map<String, String> selector) {
    return labels.entrySet().containsAll(selector.entrySet());
  }
}
