package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small builders for evidence in engine tests; messages are the real ones quoted in the fixtures. */
final class Facts {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final String IMAGE = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1";
  // containerd 1.7 via kubelet, as in fixtures/ImageNotFound/containerd-1.7-ecr-tag-not-found.yaml
  static final String NOT_FOUND = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + IMAGE
      + "\": failed to resolve reference \"" + IMAGE + "\": " + IMAGE + ": not found";
  static final String BACK_OFF = "Back-off pulling image \"" + IMAGE + "\"";

  private Facts() {}

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static ContainerFacts container(String name, ContainerState state, boolean ready) {
    return new ContainerFacts(name, IMAGE, false, ContainerFacts.Role.MAIN, Map.of("memory", "256Mi"),
        Map.of("memory", "256Mi"), null, null, null, state, null, ready, 0);
  }

  static ContainerFacts withProbe(ContainerFacts c, ProbeKind kind, ProbeFacts probe) {
    return new ContainerFacts(c.name(), c.image(), c.init(), c.role(), c.requests(), c.limits(),
        kind == ProbeKind.STARTUP ? probe : c.startupProbe(), kind == ProbeKind.LIVENESS ? probe : c.livenessProbe(),
        kind == ProbeKind.READINESS ? probe : c.readinessProbe(), c.state(), c.lastState(), c.ready(),
        c.restartCount());
  }

  static ContainerFacts withLast(ContainerFacts c, ContainerState last, int restarts) {
    return new ContainerFacts(c.name(), c.image(), c.init(), c.role(), c.requests(), c.limits(), c.startupProbe(),
        c.livenessProbe(), c.readinessProbe(), c.state(), last, c.ready(), restarts);
  }

  static ContainerFacts withImage(ContainerFacts c, String image) {
    return new ContainerFacts(c.name(), image, c.init(), c.role(), c.requests(), c.limits(), c.startupProbe(),
        c.livenessProbe(), c.readinessProbe(), c.state(), c.lastState(), c.ready(), c.restartCount());
  }

  static PodFacts pod(String name, String revision, Instant created, ContainerFacts... containers) {
    return pod(name, revision, created, List.of(), containers);
  }

  static PodFacts pod(String name, String revision, Instant created, List<ContainerFacts> init,
      ContainerFacts... containers) {
    boolean ready = containers.length > 0 && List.of(containers).stream().allMatch(ContainerFacts::ready);
    return new PodFacts(name, name + "-uid", "predictor", revision, created, ready ? "Running" : "Pending", false,
        ready, created.plusSeconds(1), new ConditionFacts("PodScheduled", "True", null, null, created), "node-1",
        "default", null, init, List.of(containers));
  }

  static PodFacts unscheduled(String name, Instant created) {
    return new PodFacts(name, name + "-uid", "predictor", "rev-1", created, "Pending", false, false, created,
        new ConditionFacts("PodScheduled", "False", "Unschedulable", null, created), null, "default", null,
        List.of(), List.of(container("kserve-container", null, false)));
  }

  static PodFacts with(PodFacts p, boolean terminating, String phase) {
    return new PodFacts(p.name(), p.uid(), p.component(), p.revision(), p.createdAt(), phase, terminating,
        p.ready(), p.readyTransition(), p.scheduled(), p.nodeName(), p.serviceAccount(), p.nodeSelector(),
        p.initContainers(), p.containers());
  }

  static EventFacts event(String pod, String container, String type, String reason, String message, int count,
      Instant first, Instant last) {
    return new EventFacts("Pod", pod, pod + "-uid", container, type, reason, message, count, first, last);
  }

  static InferenceServiceFacts isvc(boolean ready, String latestRevision) {
    return new InferenceServiceFacts("california-housing", 1, T0, java.util.Set.of("predictor"),
        List.of(new ConditionFacts("Ready", ready ? "True" : "False", null, null, T0)),
        latestRevision == null ? Map.of() : Map.of("predictor", latestRevision), null, null);
  }

  static Builder evidence() {
    return new Builder();
  }

  static final class Builder {
    TargetState target = TargetState.UNKNOWN;
    InferenceServiceFacts isvc;
    CheckSpec spec = CheckSpec.defaults();
    final List<PodFacts> pods = new ArrayList<>();
    final List<EventFacts> events = new ArrayList<>();
    final List<RegistryFact> registry = new ArrayList<>();
    final List<NodeFacts> nodes = new ArrayList<>();
    PreviousStatus previous;
    Instant started = T0;

    Builder isvc(InferenceServiceFacts facts) {
      this.isvc = facts;
      this.target = TargetState.PRESENT;
      return this;
    }

    Builder target(TargetState state) {
      this.target = state;
      return this;
    }

    Builder spec(CheckSpec value) {
      this.spec = value;
      return this;
    }

    Builder pods(PodFacts... values) {
      pods.addAll(List.of(values));
      return this;
    }

    Builder events(EventFacts... values) {
      events.addAll(List.of(values));
      return this;
    }

    Builder nodes(NodeFacts... values) {
      nodes.addAll(List.of(values));
      return this;
    }

    Builder registry(RegistryFact fact) {
      registry.add(fact);
      return this;
    }

    Builder previous(PreviousStatus value) {
      this.previous = value;
      return this;
    }

    Evidence at(Instant now) {
      return new Evidence("kubeflow-user01", "california-housing", target, isvc, spec, pods, events, registry,
          nodes, previous, started, now);
    }

    Diagnosis diagnose(Instant now) {
      return new DiagnosisEngine().diagnose(at(now));
    }
  }
}
