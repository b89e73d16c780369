package io.deploycheck.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pods that the scheduler cannot place (from FailedScheduling events and the PodScheduled condition), and a
 * rollout whose pods were never created at all.
 */
final class SchedulingRule implements Rule {
  /**
   * kube-scheduler's plugin messages (noderesources, nodeaffinity, tainttoleration, volumebinding ...): the catalog's
   * {@code scheduling} rows.
   */
  static final MessagePatterns CAUSES = MessageCatalog.patterns("scheduling");

  @Override
  public void inspect(PodContext pod, Findings out) {
    PodFacts facts = pod.pod();
    ConditionFacts scheduled = facts.scheduled();
    if (facts.nodeName() != null || (scheduled != null && scheduled.isTrue())) {
      return;
    }
    List<EventFacts> failures = pod.events("FailedScheduling", null);
    EventFacts newest = PodContext.newest(failures);
    String message = newest != null ? newest.text()
        : scheduled != null && "Unschedulable".equals(scheduled.reason()) ? scheduled.message() : null;
    if (message == null || message.isBlank()) {
      return;
    }
    Reason reason = CAUSES.best(message);
    String fix = reason == Reason.InsufficientResources ? NodeRoom.fix(facts, pod.evidence().nodes(), message) : null;
    Instant since = PodContext.earliest(failures);
    if (since == null && scheduled != null) {
      since = scheduled.lastTransition();
    }
    out.add(pod.finding(reason == null ? Reason.Unschedulable : reason, null).since(since)
        .lastSeen(newest == null ? pod.now() : newest.lastSeen()).message(message)
        .evidence(newest != null ? PodContext.describe(newest) : "condition PodScheduled=False Unschedulable: " + message)
        .value("detail", nodeReasons(message)).value("requests", requests(facts)).value("fix", fix).build());
  }

  /**
   * The scheduler's per-node reasons in words: "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3
   * nodes are available: ..." (schedule_one.go and the preemption plugin) reads "none of the 3 nodes fits (3
   * Insufficient memory)"; other texts stay as they are.
   */
  static String nodeReasons(String message) {
    MessageCatalog.Match summary = MessageCatalog.find("nodes-available", message);
    return summary != null
        ? "none of the " + summary.group("nodes") + " nodes fits (" + summary.group("reasons") + ")" : message;
  }

  @Override
  public void inspect(Evidence evidence, List<PodFacts> pods, Findings out) {
    if (!pods.isEmpty() || evidence.target() != TargetState.PRESENT && evidence.target() != TargetState.UNKNOWN) {
      return;
    }
    Instant start = evidence.rolloutStartedAt();
    Instant due = start.plus(evidence.spec().stuckAfter());
    if (due.isAfter(evidence.now())) {
      out.wakeAt(due);
      return;
    }
    String components = String.join(", ", evidence.spec().components());
    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    values.put("component", components);
    values.put("elapsed", GoDuration.format(Duration.between(start, evidence.now())));
    EventFacts failedCreate = PodContext.newest(evidence.events().stream()
        .filter(e -> "Warning".equals(e.type()) && e.objectName() != null
            && e.objectName().startsWith(evidence.inferenceService() + "-") && !"Pod".equals(e.objectKind()))
        .toList());
    String message = "no " + components + " pods for inferenceservice " + evidence.inferenceService()
        + (evidence.spec().expectedImage() == null ? "" : " running " + evidence.spec().expectedImage());
    String evidenceLine = message;
    values.put("fix", notCreatedFix(failedCreate == null ? "" : failedCreate.text(), evidence.namespace()));
    if (failedCreate != null) {
      values.put("detail", failedCreate.text());
      message = message + ": " + failedCreate.text();
      evidenceLine = PodContext.describe(failedCreate);
    }
    out.add(Finding.of(Reason.PodsNotCreated).since(start).lastSeen(evidence.now()).message(message)
        .evidence(evidenceLine).values(values).build());
  }

  /** What to change, by what the API server's admission said to the ReplicaSet controller (FailedCreate). */
  static String notCreatedFix(String refusal, String namespace) {
    MessageCatalog.Match podSecurity = MessageCatalog.find("pod-security", refusal);
    if (podSecurity != null) {
      return "Namespace " + namespace + " enforces Pod Security level " + podSecurity.group("detail") + ": give the "
          + "predictor the securityContext the message lists, or change the namespace's pod-security label.";
    }
    MessageCatalog.Match webhook = MessageCatalog.find("webhook-denied", refusal);
    if (webhook != null) {
      return "Admission webhook " + webhook.group("detail") + " refuses the pod: change the InferenceService so it passes"
          + " that policy, or ask the policy's owners.";
    }
    if (MessageCatalog.find("psp-denied", refusal) != null) {
      return "PodSecurityPolicy admission refuses the pod: no policy may be used by the pod's or the ReplicaSet's"
          + " service account; bind one to it (PodSecurityPolicy is gone since Kubernetes 1.25).";
    }
    if (refusal.contains("failed calling webhook")) {
      return "An admission webhook cannot be reached: check its Service and pods, then the ReplicaSet retries.";
    }
    if (MessageCatalog.find("service-account-missing", refusal) != null) {
      return "Create the service account the InferenceService names, or fix its serviceAccountName.";
    }
    return "Check quotas and the controllers: kubectl describe resourcequota -n " + namespace + "; kubectl get events"
        + " -n " + namespace + " --field-selector reason=FailedCreate";
  }

  /** "cpu=4, memory=64Gi, nvidia.com/gpu=1" over the pod's containers, as the scheduler adds them up. */
  private static String requests(PodFacts pod) {
    Map<String, String> sums = new TreeMap<>();
    for (ContainerFacts container : pod.containers()) {
      container.requests().forEach((name, quantity) -> sums.merge(name, quantity, (a, b) -> a + "+" + b));
    }
    StringBuilder out = new StringBuilder();
    sums.forEach((name, quantity) -> out.append(out.length() == 0 ? "" : ", ").append(name).append('=').append(quantity));
    return out.toString();
  }
}
