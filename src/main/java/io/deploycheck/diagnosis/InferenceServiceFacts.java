package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an InferenceService's spec and status the engine reads. {@code revisions} maps a component
 * (predictor, transformer, explainer) to its Knative {@code latestCreatedRevision} (Serverless mode only).
 */
public record InferenceServiceFacts(
    String name,
    long generation,
    Instant createdAt,
    Set<String> components,
    List<ConditionFacts> conditions,
    Map<String, String> revisions,
    ModelFailure modelFailure) {

  public InferenceServiceFacts {
    components = components == null ? Set.of() : Set.copyOf(components);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
  }

  /** KServe's {@code status.modelStatus.lastFailureInfo} when the model is blocked by a failed load. */
  public record ModelFailure(String reason, String message, Integer exitCode, Instant time) {}

  public boolean isReady() {
    return conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && c.isTrue());
  }
}
