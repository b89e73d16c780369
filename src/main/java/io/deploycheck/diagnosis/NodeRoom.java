package io.deploycheck.diagnosis;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether the cluster's nodes could hold a pod's requests at all, so that "add nodes" is advice only where a node of
 * an existing size would fit: a request larger than every node's allocatable says so and names the largest node.
 * The scheduler's "Insufficient cpu" says only that no node has that much free now; its allocatable says whether one
 * ever could.
 */
final class NodeRoom {
  private NodeRoom() {}

  /** The fix to print, or null when the nodes or the requests are not known (the hint then keeps to the message). */
  static String fix(PodFacts pod, List<NodeFacts> nodes, String schedulerMessage) {
    Map<String, BigDecimal> requests = requests(pod);
    // Only nodes that surely cannot take the pod are left out: a nodeSelector it lacks, a cordon, a taint the
    // scheduler names as not tolerated. Whatever else the scheduler names (affinity, spread, ports) is left as it says.
    List<NodeFacts> candidates = nodes.stream().filter(node -> node.matches(pod.nodeSelector()) && !node.cordoned()
        && node.taints().stream().noneMatch(schedulerMessage::contains)).toList();
    if (requests.isEmpty() || candidates.isEmpty()) {
      return null;
    }
    String uncounted = candidates.size() == nodes.size() ? ""
        : ", not counting " + (nodes.size() - candidates.size()) + " of " + nodes.size() + " nodes that the"
            + " nodeSelector, a cordon or a taint keeps the pod off";
    List<NodeFacts> fitting = candidates.stream().filter(node -> shortOf(node, requests).isEmpty()).toList();
    if (!fitting.isEmpty()) {
      NodeFacts example = fitting.get(0);
      boolean otherRules = SchedulingRule.CAUSES.match(schedulerMessage).stream()
          .anyMatch(reason -> reason != Reason.InsufficientResources);
      return (fitting.size() == 1 ? "Node " + example.name() + " (allocatable " + allocatable(example, requests)
          + ") is large enough for the request" : fitting.size() + " of " + candidates.size() + " nodes are large"
          + " enough for the request (" + example.name() + ": allocatable " + allocatable(example, requests) + ")")
          + (otherRules ? ", where the other rules the scheduler names allow the pod" : "")
          + ", so the nodes are full rather than too small. See what is allocated: kubectl describe nodes | grep -A 5"
          + " \"Allocated resources\"; lower the requests, free room, or add nodes of that size.";
    }
    NodeFacts largest = candidates.stream().min(Comparator
        .comparingInt((NodeFacts node) -> shortOf(node, requests).size())
        .thenComparing(node -> available(node, firstShort(node, requests)), Comparator.reverseOrder())
        .thenComparing(NodeFacts::name)).orElseThrow();
    String resource = firstShort(largest, requests);
    if (candidates.stream().allMatch(node -> available(node, resource).signum() == 0)) {
      return "No node offers " + resource + " (none of the " + candidates.size() + " nodes has it allocatable"
          + uncounted + "): more nodes of the current types will not help; add a node type that offers " + resource
          + ", or remove the request.";
    }
    return "The request is larger than any node can hold" + uncounted + ": the largest, " + largest.name()
        + ", has allocatable " + allocatable(largest, requests) + ". More nodes of the current types will not help:"
        + " lower the requests, or add a node type with more " + String.join(" and ", shortOf(largest, requests)) + ".";
  }

  /**
   * What the scheduler counts for a pod: the sum over its containers, or the largest init container where that is
   * more (init containers run one at a time, before the others).
   */
  static Map<String, BigDecimal> requests(PodFacts pod) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (ContainerFacts container : pod.containers()) {
      container.requests().forEach((name, quantity) -> {
        BigDecimal amount = Quantities.amount(quantity);
        if (amount != null) {
          sums.merge(name, amount, BigDecimal::add);
        }
      });
    }
    for (ContainerFacts init : pod.initContainers()) {
      init.requests().forEach((name, quantity) -> {
        BigDecimal amount = Quantities.amount(quantity);
        if (amount != null) {
          sums.merge(name, amount, BigDecimal::max);
        }
      });
    }
    sums.values().removeIf(amount -> amount.signum() == 0);
    return sums;
  }

  /** The requested resources this node could not hold even empty, in name order. */
  private static List<String> shortOf(NodeFacts node, Map<String, BigDecimal> requests) {
    return requests.entrySet().stream().filter(r -> available(node, r.getKey()).compareTo(r.getValue()) < 0)
        .map(Map.Entry::getKey).toList();
  }

  private static String firstShort(NodeFacts node, Map<String, BigDecimal> requests) {
    List<String> missing = shortOf(node, requests);
    return missing.isEmpty() ? requests.keySet().iterator().next() : missing.get(0);
  }

  private static BigDecimal available(NodeFacts node, String resource) {
    BigDecimal amount = Quantities.amount(node.allocatable().get(resource));
    return amount == null ? BigDecimal.ZERO : amount;
  }

  /** The node's allocatable of the resources requested, as the node reports them: "cpu=3920m, memory=15Gi". */
  private static String allocatable(NodeFacts node, Map<String, BigDecimal> requests) {
    return requests.keySet().stream()
        .map(name -> name + "=" + node.allocatable().getOrDefault(name, "0")).collect(Collectors.joining(", "));
  }
}
