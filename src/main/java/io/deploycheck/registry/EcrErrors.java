package io.deploycheck.registry;

import io.deploycheck.diagnosis.RegistryFact;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * What an ECR failure means: the outcome label of {@code deploycheck_registry_requests_total}, the fact it makes
 * when ECR could not answer the question, and one short line saying why.
 */
final class EcrErrors {
  /** Codes that mean "these credentials may not do this" rather than "ECR is unwell". */
  private static final Set<String> DENIED = Set.of("AccessDeniedException", "UnrecognizedClientException",
      "ExpiredTokenException", "InvalidSignatureException");

  /** The start of the SDK's message when the credential provider chain found nothing (AwsCredentialsProviderChain). */
  private static final String NO_CREDENTIALS = "Unable to load credentials";

  private EcrErrors() {}

  /** The metric's outcome label for a failed request. */
  static String label(RuntimeException e) {
    if (e instanceof RepositoryNotFoundException) {
      return "repository_not_found";
    }
    if (e instanceof ImageNotFoundException) {
      return "image_not_found";
    }
    if (e instanceof RepositoryAlreadyExistsException) {
      return "repository_already_exists";
    }
    return switch (outcome(e)) {
      case ACCESS_DENIED -> "access_denied";
      case THROTTLED -> "throttled";
      default -> e instanceof AwsServiceException ? "error" : "unavailable";
    };
  }

  /** The fact's outcome when ECR could not answer: denied, throttled (after the SDK's retries) or unavailable. */
  static RegistryFact.Outcome outcome(RuntimeException e) {
    if (e instanceof AwsServiceException service) {
      if (service.isThrottlingException()) {
        return RegistryFact.Outcome.THROTTLED;
      }
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if (service.statusCode() == 403 || DENIED.contains(String.valueOf(code))) {
        return RegistryFact.Outcome.ACCESS_DENIED;
      }
    }
    return RegistryFact.Outcome.UNAVAILABLE;
  }

  /** One line on why ECR did not answer, without stack traces or credentials. */
  static String why(RuntimeException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
    }
    if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().startsWith(NO_CREDENTIALS)) {
      return "no AWS credentials found";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return "ECR endpoint unreachable: " + firstLine(cause.toString());
      }
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
