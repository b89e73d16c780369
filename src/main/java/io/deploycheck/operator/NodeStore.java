package io.deploycheck.operator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The Node informer's cache, kept slim: a node's name, labels, allocatable, taints and cordon are all the engine reads
 * ({@code EvidenceMapper.node}); annotations, images, conditions, addresses and managedFields are not kept.
 */
final class NodeStore extends BasicItemStore<Node> {
  NodeStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public Node put(String key, Node node) {
    return super.put(key, slim(node));
  }

  static Node slim(Node node) {
    NodeBuilder slim = new NodeBuilder().withNewMetadata().withName(node.getMetadata().getName())
        .withLabels(node.getMetadata().getLabels())
        .withUid(node.getMetadata().getUid()).withResourceVersion(node.getMetadata().getResourceVersion())
        .endMetadata();
    if (node.getSpec() != null) {
      slim.withNewSpec().withTaints(node.getSpec().getTaints()).withUnschedulable(node.getSpec().getUnschedulable())
          .endSpec();
    }
    if (node.getStatus() != null) {
      slim.withNewStatus().withAllocatable(node.getStatus().getAllocatable()).endStatus();
    }
    return slim.build();
  }
}
