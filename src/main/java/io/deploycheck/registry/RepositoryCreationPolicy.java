package io.deploycheck.registry;

import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.diagnosis.RegistryFact;

/**
 * Whether to create a missing ECR repository (the guide's problem 1, method C). Both switches must be on: the
 * DeployCheck's {@code spec.registry.createMissingRepository} and the operator's {@code allowCreateRepository}.
 * ECR itself must have said that the repository is missing, and no existing repository may look like the intended
 * one: a misspelt path is fixed by correcting the image, not by creating a second, empty repository.
 *
 * @param operatorAllows the operator's {@code allowCreateRepository} flag
 */
public record RepositoryCreationPolicy(boolean operatorAllows) {

  public enum Decision {
    CREATE("the repository is missing and both switches are on"),
    NOT_REQUESTED("spec.registry.createMissingRepository is not true"),
    NOT_ALLOWED("the operator runs without allowCreateRepository"),
    NOT_MISSING("ECR has not reported the repository missing"),
    LOOKS_MISSPELT("a repository with a similar name exists, so the image path looks misspelt");

    private final String explanation;

    Decision(String explanation) {
      this.explanation = explanation;
    }

    public String explanation() {
      return explanation;
    }
  }

  /**
   * @param spec the DeployCheck's registry settings, null when it has none
   * @param fact what ECR said about the image, null when it was not asked
   */
  public Decision decide(RegistrySpec spec, RegistryFact fact) {
    if (spec == null || !Boolean.TRUE.equals(spec.getCreateMissingRepository())) {
      return Decision.NOT_REQUESTED;
    }
    if (!operatorAllows) {
      return Decision.NOT_ALLOWED;
    }
    if (fact == null || fact.outcome() != RegistryFact.Outcome.REPOSITORY_MISSING) {
      return Decision.NOT_MISSING;
    }
    return fact.suggestion() != null ? Decision.LOOKS_MISSPELT : Decision.CREATE;
  }
}
