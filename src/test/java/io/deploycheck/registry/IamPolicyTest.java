package io.deploycheck.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped IAM policies grant exactly what the inspector calls: nothing that could pull, push, delete or change. */
class IamPolicyTest {
  private static Set<String> allowedActions(String file) throws IOException {
    JsonNode policy = new ObjectMapper().readTree(Path.of("deploy", "iam", file).toFile());
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      assertThat(statement.path("Resource").asText()).isEqualTo("arn:aws:ecr:*:*:repository/*");
      statement.path("Action").forEach(action -> actions.add(action.asText()));
    }
    return actions;
  }

  @Test
  void readPolicyOnlyDescribes() throws IOException {
    assertThat(allowedActions("iam-policy.json")).containsExactly("ecr:DescribeImages", "ecr:DescribeRepositories");
  }

  @Test
  void creationPolicyAddsOnlyCreateRepository() throws IOException {
    assertThat(allowedActions("iam-policy-create-repository.json"))
        .containsExactly("ecr:CreateRepository", "ecr:DescribeImages", "ecr:DescribeRepositories");
  }
}
