package io.deploycheck.diagnosis;

import java.time.Instant;

/** A status condition (pod or InferenceService). */
public record ConditionFacts(String type, String status, String reason, String message, Instant lastTransition) {
  public boolean isTrue() {
    return "True".equals(status);
  }
}
