package io.deploycheck.cli;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.InferenceServiceFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.diagnosis.TargetState;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.Timestamps;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

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

  private static final class Group {
    final String namespace;
    final String name;
    final boolean singlePod;
    GenericKubernetesResource isvc;
    DeployCheck check;
    final List<PodFacts> pods = new ArrayList<>();

    Group(String namespace, String name, boolean singlePod) {
      this.namespace = namespace;
      this.name = name;
      this.singlePod = singlePod;
    }
  }

  public List<Target> diagnose(Dump dump, Instant now, Duration stuckAfter) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (GenericKubernetesResource isvc : dump.inferenceServices()) {
      group(groups, namespace(isvc), isvc.getMetadata().getName(), false).isvc = isvc;
    }
    for (DeployCheck check : dump.deployChecks()) {
      String isvc = check.getSpec() == null ? null : check.getSpec().getInferenceService();
      group(groups, namespace(check), isvc == null ? check.getMetadata().getName() : isvc, false).check = check;
    }
    for (Pod pod : dump.pods()) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      String isvc = labels == null ? null : labels.get(KServe.LABEL_INFERENCE_SERVICE);
      Group group = isvc != null ? group(groups, namespace(pod), isvc, false)
          : group(groups, namespace(pod), pod.getMetadata().getName(), true);
      group.pods.add(EvidenceMapper.pod(pod));
    }
    List<Target> targets = new ArrayList<>();
    for (Group group : groups.values()) {
      List<EventFacts> events = dump.events().stream()
          .filter(e -> Objects.equals(group.namespace, namespace(e)))
          .map(EvidenceMapper::event)
          .toList();
      targets.add(new Target(group.namespace + "/" + group.name, engine.diagnose(evidence(group, events,
          registryFacts(group), now, stuckAfter))));
    }
    return targets;
  }

  private List<RegistryFact> registryFacts(Group group) {
    if (registry == null) {
      return List.of();
    }
    return registry.facts(group.pods,
        group.check == null || group.check.getSpec() == null ? null : group.check.getSpec().getRegistry());
  }

  private static Evidence evidence(Group group, List<EventFacts> events, List<RegistryFact> registryFacts,
      Instant now, Duration stuckAfter) {
    CheckSpec spec = group.check != null ? EvidenceMapper.spec(group.check) : CheckSpec.defaults();
    if (group.singlePod) {
      spec = CheckSpec.parse(null, spec.expectedImage(), null, null);
    }
    if (stuckAfter != null) {
      spec = spec.withStuckAfter(stuckAfter);
    }
    InferenceServiceFacts isvc = group.isvc == null ? null : EvidenceMapper.inferenceService(group.isvc);
    PreviousStatus previous = group.check == null ? null : EvidenceMapper.previous(group.check.getStatus());
    Instant started = group.check == null || group.check.getStatus() == null ? null
        : Timestamps.parse(group.check.getStatus().getRolloutStartedAt());
    return new Evidence(group.namespace, group.singlePod ? null : group.name,
        isvc != null ? TargetState.PRESENT : TargetState.UNKNOWN, isvc, spec, group.pods, events, registryFacts,
        previous, started, now);
  }

  /** The newest moment any object in the dump mentions: the default "now", so a diagnosis is reproducible. */
  public static Instant newestTimestamp(Dump dump) {
    List<Instant> times = new ArrayList<>();
    dump.pods().stream().map(EvidenceMapper::pod).forEach(p -> {
      times.add(p.createdAt());
      times.add(p.readyTransition());
      if (p.scheduled() != null) {
        times.add(p.scheduled().lastTransition());
      }
      p.allContainers().forEach(c -> Stream.of(c.state(), c.lastState()).filter(Objects::nonNull)
          .forEach(s -> Stream.of(s.startedAt(), s.finishedAt()).forEach(times::add)));
    });
    dump.events().stream().map(EvidenceMapper::event).forEach(e -> {
      times.add(e.firstSeen());
      times.add(e.lastSeen());
    });
    dump.inferenceServices().stream().map(EvidenceMapper::inferenceService).forEach(i -> {
      times.add(i.createdAt());
      i.conditions().forEach(c -> times.add(c.lastTransition()));
      if (i.modelFailure() != null) {
        times.add(i.modelFailure().time());
      }
    });
    dump.deployChecks().forEach(c -> times.add(Timestamps.parse(c.getMetadata().getCreationTimestamp())));
    return times.stream().filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
  }

  private static Group group(Map<String, Group> groups, String namespace, String name, boolean singlePod) {
    return groups.computeIfAbsent(namespace + "/" + name + (singlePod ? "#pod" : ""),
        k -> new Group(namespace, name, singlePod));
  }

  private static String namespace(HasMetadata object) {
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return namespace == null ? "default" : namespace;
  }

  private static String namespace(Event event) {
    String namespace = event.getInvolvedObject() == null ? null : event.getInvolvedObject().getNamespace();
    return namespace != null ? namespace : namespace((HasMetadata) event);
  }
}
