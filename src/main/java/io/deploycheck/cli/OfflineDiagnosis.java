package io.deploycheck.cli;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnoses a dump without a cluster: one target per InferenceService (named by an object, a DeployCheck or the
 * pods' KServe label), one per unlabelled pod. A dump is partial evidence: an InferenceService it does not hold is
 * unknown, never "not found". With a {@link RegistryVerification}, ECR is asked about the images the pods fail to
 * pull, as the operator does (honouring a dumped DeployCheck's {@code spec.registry}).
 */
public final class OfflineDiagnosis {
  private final DiagnosisEngine engine;
  private final RegistryVerification registry;

  /** @param registry null to leave the registry out, the offline default */
  public OfflineDiagnosis(DiagnosisEngine engine, RegistryVerification registry) {
    this.engine = engine;
    this.registry = registry;
  }

  /** One target of the dump, as the gatherer sees a check: a dump is partial evidence, so absence is unknown. */
  private final class Group implements Gatherer.Check {
    final String namespace;
    final String name;
    final boolean singlePod;
    final List<Node> nodes;
    final Duration stuckAfter;
    GenericKubernetesResource isvc;
    DeployCheck check;
    final List<PodFacts> pods = new ArrayList<>();

    Group(String namespace, String name, boolean singlePod, List<Node> nodes, Duration stuckAfter) {
      this.namespace = namespace;
      this.name = name;
      this.singlePod = singlePod;
      this.nodes = nodes;
      this.stuckAfter = stuckAfter;
    }

    /** Each pod's Events, then those about the InferenceService's other objects (a ReplicaSet's FailedCreate). */
    List<EventFacts> events(DumpFacts dump) {
      List<EventFacts> events = new ArrayList<>();
      for (PodFacts pod : pods) {
        events.addAll(dump.eventsAboutPod(namespace, pod.name()));
      }
      if (!singlePod) {
        events.addAll(dump.eventsNamedAfter(namespace, name));
      }
      return events;
    }

    @Override
    public String namespace() {
      return namespace;
    }

    @Override
    public String inferenceServiceName() {
      return singlePod ? null : name;
    }

    @Override
    public boolean complete() {
      return false;
    }

    @Override
    public boolean kserveServed() {
      return isvc != null;
    }

    @Override
    public GenericKubernetesResource inferenceService() {
      return isvc;
    }

    @Override
    public Collection<Node> nodes() {
      return nodes;
    }

    @Override
    public List<RegistryFact> registryFacts(List<PodFacts> failing) {
      return registry == null ? List.of() : registry.facts(failing,
          check == null || check.getSpec() == null ? null : check.getSpec().getRegistry());
    }

    @Override
    public CheckSpec spec() {
      CheckSpec spec = check != null ? EvidenceMapper.spec(check) : CheckSpec.defaults();
      if (singlePod) {
        spec = CheckSpec.parse(null, spec.expectedImage(), null, null);
      }
      return stuckAfter == null ? spec : spec.withStuckAfter(stuckAfter);
    }

    @Override
    public Long checkGeneration() {
      return check == null ? null : check.getMetadata().getGeneration();
    }

    @Override
    public Gatherer.Memory memory() {
      return check == null ? null : Gatherer.Memory.of(check.getStatus());
    }

    @Override
    public Instant freshStart() {
      return null;
    }
  }

  public List<Target> diagnose(DumpFacts dump, Instant now, Duration stuckAfter) {
    Map<String, Group> groups = new LinkedHashMap<>();
    GroupFactory group = (namespace, name, singlePod) -> groups.computeIfAbsent(
        namespace + "/" + name + (singlePod ? "#pod" : ""), k -> new Group(namespace, name, singlePod,
            dump.nodes(), stuckAfter));
    for (GenericKubernetesResource isvc : dump.inferenceServices()) {
      group.of(DumpFacts.namespace(isvc), isvc.getMetadata().getName(), false).isvc = isvc;
    }
    for (DeployCheck check : dump.deployChecks()) {
      String isvc = check.getSpec() == null ? null : check.getSpec().getInferenceService();
      group.of(DumpFacts.namespace(check), isvc == null ? check.getMetadata().getName() : isvc, false).check = check;
    }
    for (DumpFacts.DumpPod pod : dump.pods()) {
      String isvc = pod.inferenceService();
      group.of(pod.namespace(), isvc != null ? isvc : pod.facts().name(), isvc == null).pods.add(pod.facts());
    }
    List<Target> targets = new ArrayList<>();
    for (Group g : groups.values()) {
      targets.add(new Target(g.namespace + "/" + g.name,
          engine.diagnose(Gatherer.gather(g, g.pods, g.events(dump), now).evidence())));
    }
    return targets;
  }

  private interface GroupFactory {
    Group of(String namespace, String name, boolean singlePod);
  }

  /** The newest moment any object in the dump mentions: the default "now", so a diagnosis is reproducible. */
  public static Instant newestTimestamp(Dump dump) {
    return DumpFacts.of(dump).newest();
  }
}
