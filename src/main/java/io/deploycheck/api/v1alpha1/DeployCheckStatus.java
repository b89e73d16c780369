package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What the operator found, written by the operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeployCheckStatus {
  @JsonPropertyDescription("The DeployCheck generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Progressing, Ready, Stuck or Failed.")
  private String phase;

  @JsonPropertyDescription("Why: a reason from docs/runbook.md, e.g. ImageNotFound, OOMKilled, InsufficientResources.")
  private String reason;

  @JsonPropertyDescription("The reason's family: Target, Model, ImagePull, Startup, Crash, Probe, Scheduling, Timeout.")
  private String category;

  @JsonPropertyDescription("Problem number in the troubleshooting guide this reason comes from, when one applies.")
  private Integer guideProblem;

  @JsonPropertyDescription("What was seen, e.g. the kubelet message of the failing pod.")
  private String message;

  @JsonPropertyDescription("What to do about it, with the real names filled in.")
  private String hint;

  @JsonPropertyDescription("The hint's first sentence, for the HINT column of kubectl get -o wide.")
  private String shortHint;

  @JsonPropertyDescription("When the current reason was first seen (RFC 3339).")
  private String since;

  @JsonPropertyDescription("When the current rollout started (RFC 3339); progressDeadline counts from here.")
  private String rolloutStartedAt;

  @JsonPropertyDescription("The InferenceService generation the current rollout is for; a new one starts a new rollout.")
  private Long inferenceServiceGeneration;

  @JsonPropertyDescription("Ready pods of the newest revision of the selected components.")
  private Integer readyPods;

  @JsonPropertyDescription("Pods of the newest revision of the selected components.")
  private Integer totalPods;

  @JsonPropertyDescription("readyPods/totalPods, as kubectl get shows it.")
  private String ready;

  @JsonPropertyDescription("Each pod's own reason; at most 10, the most severe first.")
  private List<PodSummary> pods;

  @JsonPropertyDescription("Problems that do not block the rollout, e.g. a liveness probe whose command is missing.")
  private List<Warning> warnings;

  @JsonPropertyDescription("Ready, Stalled and Reconciling (kstatus convention), so kubectl wait understands the object.")
  private List<Condition> conditions;

  @JsonPropertyDescription("Set while reconciling this DeployCheck keeps failing (the rest of the status is then the"
      + " last good one); cleared by the next successful reconcile.")
  private ReconcileError reconcileError;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }

  public Integer getGuideProblem() {
    return guideProblem;
  }

  public void setGuideProblem(Integer guideProblem) {
    this.guideProblem = guideProblem;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getHint() {
    return hint;
  }

  public void setHint(String hint) {
    this.hint = hint;
  }

  public String getShortHint() {
    return shortHint;
  }

  public void setShortHint(String shortHint) {
    this.shortHint = shortHint;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }

  public String getRolloutStartedAt() {
    return rolloutStartedAt;
  }

  public void setRolloutStartedAt(String rolloutStartedAt) {
    this.rolloutStartedAt = rolloutStartedAt;
  }

  public Long getInferenceServiceGeneration() {
    return inferenceServiceGeneration;
  }

  public void setInferenceServiceGeneration(Long inferenceServiceGeneration) {
    this.inferenceServiceGeneration = inferenceServiceGeneration;
  }

  public Integer getReadyPods() {
    return readyPods;
  }

  public void setReadyPods(Integer readyPods) {
    this.readyPods = readyPods;
  }

  public Integer getTotalPods() {
    return totalPods;
  }

  public void setTotalPods(Integer totalPods) {
    this.totalPods = totalPods;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public List<PodSummary> getPods() {
    return pods;
  }

  public void setPods(List<PodSummary> pods) {
    this.pods = pods;
  }

  public List<Warning> getWarnings() {
    return warnings;
  }

  public void setWarnings(List<Warning> warnings) {
    this.warnings = warnings;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ReconcileError getReconcileError() {
    return reconcileError;
  }

  public void setReconcileError(ReconcileError reconcileError) {
    this.reconcileError = reconcileError;
  }
}
