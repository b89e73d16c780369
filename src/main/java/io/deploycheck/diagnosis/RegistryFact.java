package io.deploycheck.diagnosis;

import java.util.List;

/**
 * What the registry itself said about an image (ECR DescribeRepositories / DescribeImages), when it was asked.
 * {@code suggestion} is the closest existing repository name when the repository is missing; {@code recentTags}
 * the most recently pushed tags when the tag is missing.
 */
public record RegistryFact(String image, Outcome outcome, String detail, String suggestion, List<String> recentTags) {

  public enum Outcome { REPOSITORY_MISSING, IMAGE_MISSING, PRESENT, ACCESS_DENIED, THROTTLED, UNAVAILABLE }

  public RegistryFact {
    recentTags = recentTags == null ? List.of() : List.copyOf(recentTags);
  }
}
