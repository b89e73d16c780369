package io.deploycheck.cli.wait;

import io.deploycheck.cli.InputException;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.GoDuration;
import io.deploycheck.diagnosis.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code deploycheck wait} was asked, checked. The timeout is also the rollout's progress deadline, so the
 * operator (or the in-process engine) reports Failed exactly when wait gives up, and {@code kubectl get dchk} agrees
 * with the job's log.
 *
 * @param expectedImage null when the rollout may run any image
 * @param stuckAfterAdapted true when no --stuck-after was given and the default did not fit in the timeout, so
 *     stuckAfter is a third of the timeout (said in the output)
 * @param health null when no health check was asked for
 */
record WaitRequest(String namespace, String inferenceService, String expectedImage, Duration timeout,
    Duration stuckAfter, boolean stuckAfterAdapted, HealthProbe health) {

  /** A DNS-1123 label: what Kubernetes accepts as a namespace and KServe as an InferenceService name. */
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final int MAX_LABEL = 63;
  private static final int MAX_PORT = 65535;

  /** The health endpoint to ask through the API server's pod proxy. */
  record HealthProbe(String path, int port) {}

  /**
   * Checks the command line's values; throws {@link InputException} (exit 2, one line) on the first bad one.
   *
   * @param stuckAfter null when not given: the default, or a third of a timeout too short for it
   */
  static WaitRequest parse(String namespace, String inferenceService, String expectedImage, Duration limit,
      Duration stuckAfter, String healthPath, Integer port) {
    name("--namespace", namespace);
    name("--inference-service", inferenceService);
    if (expectedImage != null && ImageRef.parse(expectedImage) == null) {
      throw new InputException("--expected-image: \"" + expectedImage + "\" is not an image reference such as"
          + " 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/model:3f9c2e1");
    }
    boolean adapted = stuckAfter == null && CheckSpec.DEFAULT_STUCK_AFTER.compareTo(limit) >= 0;
    Duration stuck = stuckAfter != null ? stuckAfter
        : adapted ? Duration.ofSeconds(Math.max(1, limit.toSeconds() / 3)) : CheckSpec.DEFAULT_STUCK_AFTER;
    if (adapted && stuck.compareTo(limit) >= 0) {
      throw new InputException("--timeout: " + GoDuration.format(limit) + " is too short to tell Progressing from"
          + " Stuck (at least 2s)");
    }
    if (stuck.compareTo(limit) >= 0) {
      throw new InputException("--stuck-after (" + GoDuration.format(stuck) + ") must be shorter than --timeout ("
          + GoDuration.format(limit) + "): a problem is reported Stuck only after lasting that long");
    }
    return new WaitRequest(namespace, inferenceService, expectedImage, limit, stuck, adapted,
        health(healthPath, port));
  }

  /** The check the rollout is judged by: the predictor, as a DeployCheck with these values would be. */
  CheckSpec spec() {
    return new CheckSpec(List.of(CheckSpec.PREDICTOR), expectedImage, stuckAfter, timeout, List.of());
  }

  String target() {
    return namespace + "/" + inferenceService;
  }

  private static void name(String option, String value) {
    if (value.length() > MAX_LABEL || !DNS_LABEL.matcher(value).matches()) {
      throw new InputException(option + ": \"" + value + "\" is not a valid name (lower-case letters, digits and"
          + " '-', at most 63 characters)");
    }
  }

  private static HealthProbe health(String path, Integer port) {
    if (path == null) {
      if (port != null) {
        throw new InputException("--port needs --health-path: it is the port of the health endpoint");
      }
      return null;
    }
    if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
      throw new InputException("--health-path: \"" + path + "\" must be a URL path such as /health");
    }
    int chosen = port == null ? HealthCheck.DEFAULT_PORT : port;
    if (chosen < 1 || chosen > MAX_PORT) {
      throw new InputException("--port: " + chosen + " is not a port number (1-65535)");
    }
    return new HealthProbe(path, chosen);
  }
}
