package io.deploycheck.registry;

/**
 * The result of creating a missing repository.
 *
 * @param detail the new repository's URI when created, otherwise the registry's answer
 */
public record RepositoryCreation(Status status, String repository, String region, String detail) {

  public enum Status { CREATED, ALREADY_EXISTS, FAILED }

  /** One line for the {@code RepositoryCreated} Event or the log. */
  public String describe() {
    return switch (status) {
      case CREATED -> "Created ECR repository " + repository + " in " + region
          + " (scan on push, mutable tags): " + detail;
      case ALREADY_EXISTS -> "ECR repository " + repository + " in " + region + " already exists: " + detail;
      case FAILED -> "Could not create ECR repository " + repository + " in " + region + ": " + detail;
    };
  }
}
