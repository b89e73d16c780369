package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.registry.RegistryInspector;
import io.deploycheck.registry.RepositoryCreation;
import io.deploycheck.registry.RepositoryCreationPolicy;
import java.util.List;

/**
 * The one change the operator may make outside its own objects, and only when both switches say so: create the ECR
 * repository that ECR itself reported missing (the guide's problem 1, method C), then say so with a Normal Event.
 * The inspector forgets its cached answer for that repository, so the next look sees the repository exist.
 */
final class RepositoryRemedy {
  static final String REPOSITORY_CREATED = "RepositoryCreated";

  private final RegistryInspector inspector;
  private final RepositoryCreationPolicy policy;
  private final EventRecorder events;

  RepositoryRemedy(RegistryInspector inspector, RepositoryCreationPolicy policy, EventRecorder events) {
    this.inspector = inspector;
    this.policy = policy;
    this.events = events;
  }

  void apply(DeployCheck check, List<RegistryFact> facts) {
    RegistrySpec spec = check.getSpec() == null ? null : check.getSpec().getRegistry();
    for (RegistryFact fact : facts) {
      if (policy.decide(spec, fact) != RepositoryCreationPolicy.Decision.CREATE) {
        continue;
      }
      inspector.createRepository(fact.image(), spec.getRegion())
          .filter(created -> created.status() == RepositoryCreation.Status.CREATED)
          .ifPresent(created -> events.record(check, check, new Notice("Normal", REPOSITORY_CREATED,
              Text.bounded(created.describe(), Text.EVENT_MESSAGE))));
    }
  }
}
