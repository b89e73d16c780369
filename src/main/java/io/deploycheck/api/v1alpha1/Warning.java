package io.deploycheck.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A problem that does not block the rollout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Warning {
  @JsonPropertyDescription("Reason, from the same table as status.reason.")
  private String reason;

  @JsonPropertyDescription("What was seen.")
  private String message;

  @JsonPropertyDescription("What to do about it.")
  private String hint;

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

  public String getHint() {
    return hint;
  }

  public void setHint(String hint) {
    this.hint = hint;
  }
}
