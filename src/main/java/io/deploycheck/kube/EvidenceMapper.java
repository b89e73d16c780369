package io.deploycheck.kube;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckSpec;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.api.v1alpha1.PodSummary;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.ConditionFacts;
import io.deploycheck.diagnosis.ContainerFacts;
import io.deploycheck.diagnosis.ContainerState;
import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.InferenceServiceFacts;
import io.deploycheck.diagnosis.NodeFacts;
import io.deploycheck.diagnosis.PodFacts;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.ProbeFacts;
import io.deploycheck.diagnosis.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns fabric8 objects (from informer caches or from a dump) into the engine's evidence records. */
public final class EvidenceMapper {
  // Kubernetes' probe defaults (core/v1 Probe).
  private static final int DEFAULT_PERIOD = 10;
  private static final int DEFAULT_FAILURE_THRESHOLD = 3;
  /** client-go's EventAggregator message prefix (tools/record/events_cache.go). */
  private static final String COMBINED = "(combined from similar events): ";

  private EvidenceMapper() {}

  public static PodFacts pod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    String revision = labels.getOrDefault(KServe.LABEL_REVISION, labels.get(KServe.LABEL_TEMPLATE_HASH));
    var status = pod.getStatus();
    ConditionFacts ready = podCondition(status == null ? null : status.getConditions(), "Ready");
    ConditionFacts scheduled = podCondition(status == null ? null : status.getConditions(), "PodScheduled");
    var spec = pod.getSpec();
    List<ContainerFacts> init = containers(spec == null ? null : spec.getInitContainers(),
        status == null ? null : status.getInitContainerStatuses(), true);
    List<ContainerFacts> main = containers(spec == null ? null : spec.getContainers(),
        status == null ? null : status.getContainerStatuses(), false);
    return new PodFacts(
        pod.getMetadata().getName(),
        pod.getMetadata().getUid(),
        labels.get(KServe.LABEL_COMPONENT),
        revision,
        Timestamps.parse(pod.getMetadata().getCreationTimestamp()),
        status == null ? null : status.getPhase(),
        pod.getMetadata().getDeletionTimestamp() != null,
        ready != null && ready.isTrue(),
        ready == null ? null : ready.lastTransition(),
        scheduled,
        spec == null ? null : spec.getNodeName(),
        spec == null ? null : spec.getServiceAccountName(),
        spec == null ? null : spec.getNodeSelector(),
        init,
        main);
  }

  /**
   * A node's labels, allocatable, cordon and the taints that keep pods off it (NoSchedule, NoExecute; PreferNoSchedule does
   * not), the taints written as kube-scheduler's tainttoleration plugin writes them: {@code {key: value}}.
   */
  public static NodeFacts node(Node node) {
    List<String> taints = new ArrayList<>();
    boolean cordoned = false;
    if (node.getSpec() != null) {
      cordoned = Boolean.TRUE.equals(node.getSpec().getUnschedulable());
      for (Taint taint : node.getSpec().getTaints() == null ? List.<Taint>of() : node.getSpec().getTaints()) {
        if ("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect())) {
          taints.add("{" + taint.getKey() + ": " + (taint.getValue() == null ? "" : taint.getValue()) + "}");
        }
      }
    }
    return new NodeFacts(node.getMetadata().getName(), node.getMetadata().getLabels(),
        node.getStatus() == null ? Map.of() : quantities(node.getStatus().getAllocatable()), taints, cordoned);
  }

  public static EventFacts event(Event event) {
    ObjectReference about = event.getInvolvedObject();
    Instant first = firstNonNull(Timestamps.parse(event.getFirstTimestamp()),
        event.getEventTime() == null ? null : Timestamps.parse(event.getEventTime().getTime()),
        Timestamps.parse(event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp()));
    Instant last = firstNonNull(Timestamps.parse(event.getLastTimestamp()),
        event.getSeries() == null || event.getSeries().getLastObservedTime() == null ? null
            : Timestamps.parse(event.getSeries().getLastObservedTime().getTime()),
        first);
    int count = event.getCount() != null ? event.getCount()
        : event.getSeries() != null && event.getSeries().getCount() != null ? event.getSeries().getCount() : 1;
    return new EventFacts(
        about == null ? null : about.getKind(),
        about == null ? null : about.getName(),
        about == null ? null : about.getUid(),
        about == null ? null : containerOf(about.getFieldPath()),
        event.getType(),
        event.getReason(),
        withoutAggregationPrefix(event.getMessage()),
        count,
        first,
        last);
  }

  @SuppressWarnings("unchecked")
  public static InferenceServiceFacts inferenceService(GenericKubernetesResource isvc) {
    Map<String, Object> spec = map(isvc.getAdditionalProperties().get("spec"));
    Map<String, Object> status = map(isvc.getAdditionalProperties().get("status"));
    Set<String> components = new LinkedHashSet<>();
    for (String key : spec.keySet()) {
      if (CheckSpec.KNOWN_COMPONENTS.contains(key)) {
        components.add(key);
      }
    }
    List<ConditionFacts> conditions = new ArrayList<>();
    Object rawConditions = status.get("conditions");
    if (rawConditions instanceof List<?> list) {
      for (Object item : list) {
        Map<String, Object> c = map(item);
        conditions.add(new ConditionFacts(text(c.get("type")), text(c.get("status")), text(c.get("reason")),
            text(c.get("message")), Timestamps.parse(text(c.get("lastTransitionTime")))));
      }
    }
    // Serverless only: in raw mode latestCreatedRevision is the Deployment's revision number ("3"), which no pod
    // label carries, so the newest pod-template-hash decides there.
    Map<String, String> revisions = new LinkedHashMap<>();
    String mode = annotation(isvc, KServe.ANNOTATION_DEPLOYMENT_MODE);
    boolean raw = mode != null && KServe.RAW_MODES.contains(mode);
    map(status.get("components")).forEach((component, value) -> {
      String latest = text(map(value).get("latestCreatedRevision"));
      if (latest != null && !raw && !latest.chars().allMatch(Character::isDigit)) {
        revisions.put(component, latest);
      }
    });
    Map<String, Object> modelStatus = map(status.get("modelStatus"));
    Map<String, Object> failure = map(modelStatus.get("lastFailureInfo"));
    String transition = text(modelStatus.get("transitionStatus"));
    InferenceServiceFacts.ModelFailure modelFailure = null;
    if (!failure.isEmpty()) {
      Object exit = failure.get("exitCode");
      modelFailure = new InferenceServiceFacts.ModelFailure(text(failure.get("reason")), text(failure.get("message")),
          exit instanceof Number n ? n.intValue() : null, Timestamps.parse(text(failure.get("time"))));
    }
    Long generation = isvc.getMetadata().getGeneration();
    return new InferenceServiceFacts(isvc.getMetadata().getName(), generation == null ? 0 : generation,
        Timestamps.parse(isvc.getMetadata().getCreationTimestamp()), components, conditions, revisions,
        modelFailure, transition);
  }

  private static String annotation(GenericKubernetesResource object, String name) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(name);
  }

  /** The check's spec, parsed; problems that the schema could not catch end up in {@code problems}. */
  public static CheckSpec spec(DeployCheck check) {
    DeployCheckSpec spec = check.getSpec();
    if (spec == null) {
      return CheckSpec.parse(null, null, null, null).withProblem("spec is missing");
    }
    List<String> components = spec.getComponents() == null ? null
        : spec.getComponents().stream().map(c -> c == null ? "null" : c.value()).toList();
    CheckSpec parsed = CheckSpec.parse(components, spec.getExpectedImage(), spec.getStuckAfter(),
        spec.getProgressDeadline());
    return spec.getInferenceService() == null || spec.getInferenceService().isBlank()
        ? parsed.withProblem("inferenceService is required") : parsed;
  }

  /** What the last status said, for {@code since} continuity and to keep a specific image-pull cause. */
  public static PreviousStatus previous(DeployCheckStatus status) {
    if (status == null || status.getReason() == null) {
      return null;
    }
    List<PodVerdict> pods = new ArrayList<>();
    if (status.getPods() != null) {
      for (PodSummary pod : status.getPods()) {
        Reason reason = reason(pod.getReason());
        if (reason != null) {
          pods.add(new PodVerdict(pod.getName(), pod.getPhase(), Boolean.TRUE.equals(pod.getReady()), reason,
              pod.getRestarts() == null ? 0 : pod.getRestarts(), pod.getImage()));
        }
      }
    }
    Reason reason = reason(status.getReason());
    return reason == null ? null : new PreviousStatus(reason, Timestamps.parse(status.getSince()), pods);
  }

  /** kubelet names a container in fieldPath as spec.containers{name} or spec.initContainers{name}. */
  private static String containerOf(String fieldPath) {
    if (fieldPath == null) {
      return null;
    }
    int open = fieldPath.indexOf('{');
    int close = fieldPath.lastIndexOf('}');
    return open >= 0 && close > open ? fieldPath.substring(open + 1, close) : null;
  }

  /** The event correlator prefixes merged events; the rules want kubelet's own words. */
  private static String withoutAggregationPrefix(String message) {
    return message != null && message.startsWith(COMBINED) ? message.substring(COMBINED.length()) : message;
  }

  private static Reason reason(String name) {
    try {
      return name == null ? null : Reason.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<ContainerFacts> containers(
      List<Container> specs, List<ContainerStatus> statuses, boolean init) {
    List<ContainerFacts> out = new ArrayList<>();
    if (specs == null) {
      return out;
    }
    for (Container container : specs) {
      ContainerStatus status = null;
      if (statuses != null) {
        for (ContainerStatus candidate : statuses) {
          if (container.getName().equals(candidate.getName())) {
            status = candidate;
          }
        }
      }
      var resources = container.getResources();
      out.add(new ContainerFacts(
          container.getName(),
          container.getImage(),
          init,
          KServe.roleOf(container.getName()),
          quantities(resources == null ? null : resources.getRequests()),
          quantities(resources == null ? null : resources.getLimits()),
          probe(container.getStartupProbe()),
          probe(container.getLivenessProbe()),
          probe(container.getReadinessProbe()),
          status == null ? null : state(status.getState()),
          status == null ? null : state(status.getLastState()),
          status != null && Boolean.TRUE.equals(status.getReady()),
          status == null || status.getRestartCount() == null ? 0 : status.getRestartCount()));
    }
    return out;
  }

  private static ContainerState state(io.fabric8.kubernetes.api.model.ContainerState state) {
    if (state == null) {
      return null;
    }
    if (state.getWaiting() != null) {
      return ContainerState.waiting(state.getWaiting().getReason(), state.getWaiting().getMessage());
    }
    if (state.getRunning() != null) {
      return ContainerState.running(Timestamps.parse(state.getRunning().getStartedAt()));
    }
    var terminated = state.getTerminated();
    if (terminated != null) {
      return ContainerState.terminated(terminated.getReason(), terminated.getMessage(),
          terminated.getExitCode() == null ? 0 : terminated.getExitCode(),
          Timestamps.parse(terminated.getStartedAt()), Timestamps.parse(terminated.getFinishedAt()));
    }
    return null;
  }

  private static ProbeFacts probe(Probe probe) {
    if (probe == null) {
      return null;
    }
    int delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
    int period = probe.getPeriodSeconds() == null ? DEFAULT_PERIOD : probe.getPeriodSeconds();
    int threshold = probe.getFailureThreshold() == null ? DEFAULT_FAILURE_THRESHOLD : probe.getFailureThreshold();
    if (probe.getExec() != null) {
      List<String> command = probe.getExec().getCommand() == null ? List.of() : probe.getExec().getCommand();
      return new ProbeFacts(ProbeFacts.Type.EXEC, String.join(" ", command), null, null, delay, period, threshold);
    }
    if (probe.getHttpGet() != null) {
      return new ProbeFacts(ProbeFacts.Type.HTTP_GET, null, probe.getHttpGet().getPath(),
          port(probe.getHttpGet().getPort()), delay, period, threshold);
    }
    if (probe.getTcpSocket() != null) {
      return new ProbeFacts(ProbeFacts.Type.TCP_SOCKET, null, null, port(probe.getTcpSocket().getPort()), delay,
          period, threshold);
    }
    return new ProbeFacts(ProbeFacts.Type.GRPC, null, null,
        probe.getGrpc() == null ? null : String.valueOf(probe.getGrpc().getPort()), delay, period, threshold);
  }

  private static String port(IntOrString port) {
    if (port == null) {
      return null;
    }
    return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }

  /** By resource name, so that the order does not depend on how the map was read. */
  private static Map<String, String> quantities(Map<String, Quantity> quantities) {
    Map<String, String> out = new TreeMap<>();
    if (quantities != null) {
      quantities.forEach((name, quantity) -> out.put(name, quantity.toString()));
    }
    return out;
  }

  private static ConditionFacts podCondition(List<PodCondition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    for (PodCondition c : conditions) {
      if (type.equals(c.getType())) {
        return new ConditionFacts(c.getType(), c.getStatus(), c.getReason(), c.getMessage(),
            Timestamps.parse(c.getLastTransitionTime()));
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
