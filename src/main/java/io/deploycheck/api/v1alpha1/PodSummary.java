package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pod of the rollout and its own reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSummary {
  @JsonPropertyDescription("Pod name.")
  private String name;

  @JsonPropertyDescription("Pod phase (Pending, Running ...).")
  private String phase;

  @JsonPropertyDescription("Whether the pod is ready.")
  private Boolean ready;

  @JsonPropertyDescription("This pod's own reason, from the same table as status.reason.")
  private String reason;

  @JsonPropertyDescription("Container restarts, summed over the pod's containers.")
  private Integer restarts;

  @JsonPropertyDescription("Image of the model-server container.")
  private String image;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public Boolean getReady() {
    return ready;
  }

  public void setReady(Boolean ready) {
    this.ready = ready;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Integer getRestarts() {
    return restarts;
  }

  public void setRestarts(Integer restarts) {
    this.restarts = restarts;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }
}
