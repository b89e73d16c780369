package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Why the operator could not judge the DeployCheck just now: set while reconciling it keeps failing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReconcileError {
  @JsonPropertyDescription("The last error, e.g. an API server call that was refused.")
  private String message;

  @JsonPropertyDescription("Failed attempts in a row.")
  private Integer attempts;

  @JsonPropertyDescription("When the first of these failed attempts happened (RFC 3339).")
  private String since;

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }
}
