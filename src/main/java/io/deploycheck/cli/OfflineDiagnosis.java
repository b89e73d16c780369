package io.deploycheck.cli;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.Timestamps;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

  /** One target of the dump, as the gatherer's lookups: a dump is partial evidence, so absence is unknown. */
  private final class Group implements Gatherer.Lookups {
    final String namespace;
    final String name;
    final boolean singlePod;
    final DumpEvents events;
    final List<Node> nodes;
    final Duration stuckAfter;
    GenericKubernetesResource isvc;
    DeployCheck check;
    final List<Pod> pods = new ArrayList<>();

    Group(String namespace, String name, boolean singlePod, DumpEvents events, List<Node> nodes, Duration stuckAfter) {
      this.namespace = namespace;
      this.name = name;
      this.singlePod = singlePod;
      this.events = events;
      this.nodes = nodes;
      this.stuckAfter = stuckAfter;
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
    public Collection<Pod> pods() {
      return pods;
    }

    @Override
    public Collection<Event> eventsAbout(Pod pod) {
      return events.aboutPod(namespace, pod.getMetadata().getName());
    }

    @Override
    public Collection<Event> otherEvents() {
      return events.notAboutPods(namespace);
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

  /** The dump's Events by namespace: those about each pod, and the rest (ReplicaSets, Deployments ...). */
  private static final class DumpEvents {
    private final Map<String, List<Event>> byPod = new HashMap<>();
    private final Map<String, List<Event>> others = new HashMap<>();

    DumpEvents(List<Event> events) {
      for (Event event : events) {
        if (Gatherer.isAboutPod(event)) {
          byPod.computeIfAbsent(namespace(event) + "/" + event.getInvolvedObject().getName(),
              k -> new ArrayList<>()).add(event);
        } else {
          others.computeIfAbsent(namespace(event), k -> new ArrayList<>()).add(event);
        }
      }
    }

    List<Event> aboutPod(String namespace, String pod) {
      return byPod.getOrDefault(namespace + "/" + pod, List.of());
    }

    List<Event> notAboutPods(String namespace) {
      return others.getOrDefault(namespace, List.of());
    }
  }

  public List<Target> diagnose(Dump dump, Instant now, Duration stuckAfter) {
    DumpEvents events = new DumpEvents(dump.events());
    Map<String, Group> groups = new LinkedHashMap<>();
    GroupFactory group = (namespace, name, singlePod) -> groups.computeIfAbsent(
        namespace + "/" + name + (singlePod ? "#pod" : ""), k -> new Group(namespace, name, singlePod, events,
            dump.nodes(), stuckAfter));
    for (GenericKubernetesResource isvc : dump.inferenceServices()) {
      group.of(namespace(isvc), isvc.getMetadata().getName(), false).isvc = isvc;
    }
    for (DeployCheck check : dump.deployChecks()) {
      String isvc = check.getSpec() == null ? null : check.getSpec().getInferenceService();
      group.of(namespace(check), isvc == null ? check.getMetadata().getName() : isvc, false).check = check;
    }
    for (Pod pod : dump.pods()) {
      String isvc = KServe.inferenceServiceOf(pod);
      group.of(namespace(pod), isvc != null ? isvc : pod.getMetadata().getName(), isvc == null).pods.add(pod);
    }
    List<Target> targets = new ArrayList<>();
    for (Group g : groups.values()) {
      targets.add(new Target(g.namespace + "/" + g.name, engine.diagnose(Gatherer.gather(g, now).evidence())));
    }
    return targets;
  }

  private interface GroupFactory {
    Group of(String namespace, String name, boolean singlePod);
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
      if (i.blockingFailure() != null) {
        times.add(i.blockingFailure().time());
      }
    });
    dump.deployChecks().forEach(c -> times.add(Timestamps.parse(c.getMetadata().getCreationTimestamp())));
    return times.stream().filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
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
