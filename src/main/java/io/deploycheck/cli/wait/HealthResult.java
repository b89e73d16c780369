package io.deploycheck.cli.wait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the health endpoint answered.
 *
 * @param pod the pod asked; null when no ready predictor pod was found
 * @param status the HTTP status; 0 when there was no answer
 * @param json the body when it is a JSON object or array, else null
 * @param modelLoaded the body's {@code model_loaded}, when it has a boolean one
 * @param problem why the check failed; null when it passed
 */
record HealthResult(String pod, WaitRequest.HealthProbe probe, int status, String body, JsonNode json,
    Boolean modelLoaded, String problem) {

  static HealthResult unanswered(String pod, WaitRequest.HealthProbe probe, String problem) {
    return new HealthResult(pod, probe, 0, null, null, null, problem);
  }

  boolean ok() {
    return problem == null;
  }
}
