package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A status condition in the shape of metav1.Condition, with descriptions for kubectl explain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  @JsonPropertyDescription("Ready, Stalled or Reconciling.")
  @Required
  private String type;

  @JsonPropertyDescription("True, False or Unknown.")
  @Required
  private String status;

  @JsonPropertyDescription("The DeployCheck generation the condition was set for.")
  private Long observedGeneration;

  @JsonPropertyDescription("When the status last changed (RFC 3339); unchanged while the status stays the same.")
  private String lastTransitionTime;

  @JsonPropertyDescription("The diagnosis reason, e.g. ImageNotFound.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  public Condition() {}

  public Condition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
