package io.deploycheck.diagnosis;

import static io.deploycheck.diagnosis.Facts.T0;
import static io.deploycheck.diagnosis.Facts.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Add nodes" only where a node of an existing size could hold the request: nodes as e2e/kwok/nodes.yaml declares them
 * (4 cpu, 16Gi; the GPU node tainted nvidia.com/gpu=present:NoSchedule), scheduler texts as quoted in scheduler.tsv
 * and the fixtures.
 */
class NodeRoomTest {
  private static final NodeFacts KWOK_0 = node("kwok-node-0", "kwok", List.of(), false);
  private static final NodeFacts KWOK_1 = node("kwok-node-1", "kwok", List.of(), false);
  private static final NodeFacts KWOK_GPU = node("kwok-node-gpu", "kwok-gpu", List.of("{nvidia.com/gpu: present}"),
      false);
  // fixtures/real/InsufficientResources/insufficient-resources.yaml: kube-scheduler v1.37.2 on the e2e cluster
  private static final String NO_MEMORY = "0/3 nodes are available: 1 node(s) didn't match Pod's node"
      + " affinity/selector, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful"
      + " for scheduling.";
  // scheduler.tsv, noderesources/fit.go v1.31.0
  private static final String NO_GPU = "0/1 nodes are available: 1 Insufficient nvidia.com/gpu. preemption: 0/1 nodes"
      + " are available: 1 No preemption victims found for incoming pod..";
  // fixtures/InsufficientResources/memory-serverless-k8s-1.31.yaml
  private static final String ALL_FULL = "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are"
      + " available: 3 No preemption victims found for incoming pod..";

  @Test
  void aRequestLargerThanEveryNodeSaysSoAndNamesTheLargest() {
    String hint = hint(pending(Map.of("cpu", "10m", "memory", "32Gi"), Map.of("type", "kwok")), NO_MEMORY,
        KWOK_0, KWOK_1, KWOK_GPU);

    assertThat(hint).contains("The request is larger than any node can hold, not counting 1 of 3 nodes that the"
            + " nodeSelector, a cordon or a taint keeps the pod off: the largest, kwok-node-0, has allocatable cpu=4,"
            + " memory=16Gi. More nodes of the current types will not help: lower the requests, or add a node type"
            + " with more memory.")
        .doesNotContain("add nodes");
  }

  @Test
  void aRequestSomeNodeCouldHoldSuggestsAddingNodesOfThatSize() {
    String hint = hint(pending(Map.of("cpu", "1", "memory", "12Gi"), Map.of()), ALL_FULL, KWOK_0, KWOK_1);

    assertThat(hint).contains("2 of 2 nodes are large enough for the request (kwok-node-0: allocatable cpu=4,"
        + " memory=16Gi), so the nodes are full rather than too small.")
        .contains("add nodes of that size").doesNotContain("other rules");
  }

  @Test
  void aNodeLargeEnoughOnlyBySizeIsSaidWithTheSchedulersOtherRules() {
    String hint = hint(pending(Map.of("memory", "12Gi"), Map.of()), NO_MEMORY, KWOK_0);

    assertThat(hint).contains("Node kwok-node-0 (allocatable memory=16Gi) is large enough for the request, where the"
        + " other rules the scheduler names allow the pod");
  }

  @Test
  void anExtendedResourceNoNodeOffersIsNamed() {
    String hint = hint(pending(Map.of("nvidia.com/gpu", "1", "memory", "8Gi"), Map.of()), NO_GPU, KWOK_0);

    assertThat(hint).contains("No node offers nvidia.com/gpu (none of the 1 nodes has it allocatable): more nodes of"
        + " the current types will not help; add a node type that offers nvidia.com/gpu, or remove the request.");
  }

  @Test
  void cordonedNodesAndTaintsTheSchedulerNamesAreNotCounted() {
    NodeFacts cordonedBig = new NodeFacts("big", Map.of(), Map.of("memory", "64Gi"), List.of(), true);
    // taint_toleration.go's text names the taint the pod does not tolerate
    String tainted = "0/2 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 Insufficient"
        + " memory.";
    NodeFacts bigGpu = new NodeFacts("gpu-big", Map.of(), Map.of("memory", "64Gi"), List.of("{nvidia.com/gpu: present}"),
        false);

    assertThat(hint(pending(Map.of("memory", "32Gi"), Map.of()), ALL_FULL, cordonedBig, KWOK_0))
        .contains("larger than any node can hold, not counting 1 of 2 nodes");
    assertThat(hint(pending(Map.of("memory", "32Gi"), Map.of()), tainted, bigGpu, KWOK_0))
        .contains("the largest, kwok-node-0");
  }

  @Test
  void withoutNodesTheHintKeepsToTheSchedulersWords() {
    String hint = hint(pending(Map.of("memory", "32Gi"), Map.of()), ALL_FULL);

    assertThat(hint).contains("none of the 3 nodes fits (3 Insufficient memory)")
        .contains("That says too little is free now, not whether any node could hold the request")
        .doesNotContain("add nodes").doesNotContain("larger than any node");
  }

  @Test
  void theSchedulerCountsInitContainersOneAtATime() {
    ContainerFacts init = container("storage-initializer", Map.of("memory", "1Gi", "cpu", "500m"));
    ContainerFacts main = container("kserve-container", Map.of("memory", "512Mi"));
    ContainerFacts sidecar = container("queue-proxy", Map.of("memory", "1Gi", "cpu", "25m"));
    PodFacts pod = new PodFacts("p", "p-uid", "predictor", "rev-1", T0, "Pending", false, false, null, null, null,
        null, null, List.of(init), List.of(main, sidecar));

    assertThat(NodeRoom.requests(pod)).isEqualTo(Map.of("cpu", new BigDecimal("0.500"),
        "memory", BigDecimal.valueOf(1536L << 20)));
  }

  @Test
  void quantitiesReadEveryApimachinerySuffix() {
    assertThat(Quantities.amount("500m")).isEqualByComparingTo("0.5");
    assertThat(Quantities.amount("16Gi")).isEqualByComparingTo(BigDecimal.valueOf(16L << 30));
    assertThat(Quantities.amount("15233124Ki")).isEqualByComparingTo(BigDecimal.valueOf(15233124L << 10));
    assertThat(Quantities.amount("2k")).isEqualByComparingTo("2000");
    assertThat(Quantities.amount("1e3")).isEqualByComparingTo("1000");
    assertThat(Quantities.amount("12Zi")).isNull();
    assertThat(Quantities.amount(null)).isNull();
  }

  private static String hint(PodFacts pod, String schedulerMessage, NodeFacts... nodes) {
    return Facts.evidence().pods(pod)
        .events(Facts.event(pod.name(), null, "Warning", "FailedScheduling", schedulerMessage, 4, at(1), at(200)))
        .nodes(nodes).diagnose(at(300)).hint();
  }

  private static PodFacts pending(Map<String, String> requests, Map<String, String> nodeSelector) {
    return new PodFacts("california-housing-predictor-1", "california-housing-predictor-1-uid", "predictor", "rev-1", T0, "Pending", false, false,
        null, new ConditionFacts("PodScheduled", "False", "Unschedulable", null, at(1)), null, "default", nodeSelector,
        List.of(), List.of(container("kserve-container", requests)));
  }

  private static ContainerFacts container(String name, Map<String, String> requests) {
    return new ContainerFacts(name, Facts.IMAGE, false, ContainerFacts.Role.MAIN, requests, requests, null, null, null,
        ContainerState.waiting("ContainerCreating", null), null, false, 0);
  }

  private static NodeFacts node(String name, String type, List<String> taints, boolean cordoned) {
    return new NodeFacts(name, Map.of("type", type), Map.of("cpu", "4", "memory", "16Gi", "pods", "110"), taints,
        cordoned);
  }
}
