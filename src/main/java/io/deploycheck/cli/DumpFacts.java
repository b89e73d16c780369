package io.deploycheck.cli;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.diagnosis.ContainerFacts;
import io.deploycheck.diagnosis.ContainerState;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.InferenceServiceFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.Timestamps;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code diagnose} keeps of its dumps: each pod and Event as the engine's facts, not as the object read (a
 * fifth of the memory or less), indexed by namespace and name so that every target finds its own in time linear
 * in the dump; InferenceServices and DeployChecks as read (one per rollout). Also the newest moment any object
 * mentions, the default "now".
 */
public final class DumpFacts implements Dump.Sink {
  /** A pod, where it belongs: its namespace and InferenceService (KServe's label; null for an unlabelled pod). */
  public record DumpPod(String namespace, String inferenceService, PodFacts facts) {}

  private final List<DumpPod> pods = new ArrayList<>();
  private final List<GenericKubernetesResource> inferenceServices = new ArrayList<>();
  private final List<DeployCheck> deployChecks = new ArrayList<>();
  /** Nodes as read: few, and only what an unschedulable pod is compared with. */
  private final List<Node> nodes = new ArrayList<>();
  /** Events about a pod, by namespace/pod. */
  private final Map<String, List<EventFacts>> podEvents = new HashMap<>();
  /** Events about other objects, by namespace/each prefix of the object's name that ends before a dash. */
  private final Map<String, List<EventFacts>> namedEvents = new HashMap<>();
  private Instant newest;

  /** The facts of objects already read. */
  public static DumpFacts of(Dump dump) {
    DumpFacts facts = new DumpFacts();
    dump.replay(facts);
    return facts;
  }

  @Override
  public void pod(Pod pod) {
    PodFacts facts = EvidenceMapper.pod(pod);
    pods.add(new DumpPod(namespace(pod), KServe.inferenceServiceOf(pod), facts));
    newer(facts.createdAt());
    newer(facts.readyTransition());
    if (facts.scheduled() != null) {
      newer(facts.scheduled().lastTransition());
    }
    for (ContainerFacts container : facts.allContainers()) {
      for (ContainerState state : new ContainerState[] {container.state(), container.lastState()}) {
        if (state != null) {
          newer(state.startedAt());
          newer(state.finishedAt());
        }
      }
    }
  }

  @Override
  public void event(Event event) {
    EventFacts facts = EvidenceMapper.event(event);
    newer(facts.firstSeen());
    newer(facts.lastSeen());
    String namespace = event.getInvolvedObject() == null || event.getInvolvedObject().getNamespace() == null
        ? namespace(event) : event.getInvolvedObject().getNamespace();
    String name = facts.objectName();
    if (Gatherer.isAboutPod(event)) {
      if (Gatherer.isPodEvidence(event)) { // routine ones still date the dump (above), but no rule reads them
        podEvents.computeIfAbsent(namespace + "/" + name, k -> new ArrayList<>()).add(facts);
      }
      return;
    }
    // KServe names a rollout's objects after it (model-predictor, model-predictor-7d9f): filed under "model" and
    // "model-predictor", each InferenceService finds those named after it with one look-up
    for (int dash = name == null ? -1 : name.indexOf('-'); dash >= 0; dash = name.indexOf('-', dash + 1)) {
      namedEvents.computeIfAbsent(namespace + "/" + name.substring(0, dash), k -> new ArrayList<>()).add(facts);
    }
  }

  @Override
  public void inferenceService(GenericKubernetesResource isvc) {
    inferenceServices.add(isvc);
    InferenceServiceFacts facts = EvidenceMapper.inferenceService(isvc);
    newer(facts.createdAt());
    facts.conditions().forEach(c -> newer(c.lastTransition()));
    if (facts.blockingFailure() != null) {
      newer(facts.blockingFailure().time());
    }
  }

  @Override
  public void deployCheck(DeployCheck check) {
    deployChecks.add(check);
    newer(Timestamps.parse(check.getMetadata().getCreationTimestamp()));
  }

  @Override
  public void node(Node node) {
    nodes.add(node);
  }

  public List<DumpPod> pods() {
    return pods;
  }

  public List<GenericKubernetesResource> inferenceServices() {
    return inferenceServices;
  }

  public List<DeployCheck> deployChecks() {
    return deployChecks;
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** The Events about pod {@code name} in {@code namespace}, in the order read. */
  public List<EventFacts> eventsAboutPod(String namespace, String name) {
    return podEvents.getOrDefault(namespace + "/" + name, List.of());
  }

  /**
   * The Events about objects other than pods whose name starts with {@code prefix} and a dash: an
   * InferenceService's ReplicaSets, Deployments and HPAs ({@code model-predictor-7d9f} for {@code model}).
   */
  public List<EventFacts> eventsNamedAfter(String namespace, String prefix) {
    return namedEvents.getOrDefault(namespace + "/" + prefix, List.of());
  }

  /** The newest moment any object read mentions, or null. */
  public Instant newest() {
    return newest;
  }

  private void newer(Instant moment) {
    if (moment != null && (newest == null || moment.isAfter(newest))) {
      newest = moment;
    }
  }

  static String namespace(HasMetadata object) {
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return namespace == null ? "default" : namespace;
  }
}
