package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an InferenceService's spec and status the engine reads. {@code revisions} maps a component
 * (predictor, transformer, explainer) to its Knative {@code latestCreatedRevision} (Serverless mode only).
 * {@code modelFailure} and {@code transitionStatus} are KServe's {@code status.modelStatus} as written.
 */
public record InferenceServiceFacts(
    String name,
    long generation,
    Instant createdAt,
    Set<String> components,
    List<ConditionFacts> conditions,
    Map<String, String> revisions,
    ModelFailure modelFailure,
    String transitionStatus) {

  public InferenceServiceFacts {
    components = components == null ? Set.of() : Set.copyOf(components);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
  }

  /** KServe's {@code status.modelStatus.lastFailureInfo}. */
  public record ModelFailure(String reason, String message, Integer exitCode, Instant time) {}

  /**
   * The failure that blocks the model now, or null: lastFailureInfo counts while the transition status is one the
   * catalog's {@code kserve-transition} rows map to ModelLoadFailed (BlockedByFailedLoad, InvalidSpec), or is not
   * written at all (older KServe); UpToDate and InProgress leave an earlier failure behind as history.
   */
  public ModelFailure blockingFailure() {
    if (modelFailure == null || modelFailure.reason() == null) {
      return null;
    }
    MessageCatalog.Match transition = MessageCatalog.find("kserve-transition", transitionStatus);
    boolean blocked = transitionStatus == null || transition != null && transition.row().reason() == Reason.ModelLoadFailed;
    return blocked ? modelFailure : null;
  }

  public boolean isReady() {
    return conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && c.isTrue());
  }
}
