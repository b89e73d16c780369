package io.deploycheck.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.diagnosis.RegistryFact;
import io.deploycheck.registry.RepositoryCreationPolicy.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryCreationPolicyTest {
  private static final String IMAGE =
      "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1";

  @ParameterizedTest(name = "spec={0} operator={1} outcome={2} suggestion={3} -> {4}")
  @CsvSource(nullValues = "-", value = {
      "true,true,REPOSITORY_MISSING,-,CREATE",
      "false,true,REPOSITORY_MISSING,-,NOT_REQUESTED",
      "-,true,REPOSITORY_MISSING,-,NOT_REQUESTED",            // the spec's default is false
      "true,false,REPOSITORY_MISSING,-,NOT_ALLOWED",
      "false,false,REPOSITORY_MISSING,-,NOT_REQUESTED",
      "true,true,IMAGE_MISSING,-,NOT_MISSING",
      "true,true,PRESENT,-,NOT_MISSING",
      "true,true,ACCESS_DENIED,-,NOT_MISSING",                // not knowing is not "missing"
      "true,true,UNAVAILABLE,-,NOT_MISSING",
      "true,true,REPOSITORY_MISSING,ml-model-california-housng,LOOKS_MISSPELT"})
  void createsOnlyWhenBothSwitchesAreOnAndEcrSaysMissing(Boolean spec, boolean operator,
      RegistryFact.Outcome outcome, String suggestion, Decision expected) {
    RegistrySpec registry = new RegistrySpec();
    registry.setCreateMissingRepository(spec);
    RegistryFact fact = new RegistryFact(IMAGE, outcome, "ECR said so", suggestion, List.of());
    assertThat(new RepositoryCreationPolicy(operator).decide(registry, fact)).isEqualTo(expected);
  }

  @Test
  void withoutSpecOrFactNothingIsCreated() {
    RegistrySpec on = new RegistrySpec();
    on.setCreateMissingRepository(true);
    RepositoryCreationPolicy policy = new RepositoryCreationPolicy(true);
    assertThat(policy.decide(null, null)).isEqualTo(Decision.NOT_REQUESTED);
    assertThat(policy.decide(on, null)).isEqualTo(Decision.NOT_MISSING);
    assertThat(Decision.NOT_ALLOWED.explanation()).contains("allowCreateRepository");
  }
}
