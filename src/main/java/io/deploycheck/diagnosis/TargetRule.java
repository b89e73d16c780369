package io.deploycheck.diagnosis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Is there anything to check: KServe installed, the InferenceService present, the DeployCheck spec workable. */
final class TargetRule implements Rule {
  @Override
  public void inspect(Evidence evidence, List<PodFacts> pods, Findings out) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("namespace", evidence.namespace());
    values.put("isvc", evidence.inferenceService());
    if (evidence.target() == TargetState.KSERVE_NOT_INSTALLED) {
      out.add(finding(evidence, Reason.KServeNotInstalled,
          "the InferenceService kind (serving.kserve.io/v1beta1) is not served by this cluster", values));
    }
    if (evidence.target() == TargetState.NOT_FOUND) {
      out.add(finding(evidence, Reason.InferenceServiceNotFound,
          "inferenceservice " + evidence.inferenceService() + " not found in namespace " + evidence.namespace(),
          values));
    }
    if (!evidence.spec().problems().isEmpty()) {
      String problems = String.join("; ", evidence.spec().problems());
      values.put("problem", problems);
      out.add(finding(evidence, Reason.InvalidSpec, "spec: " + problems, values));
    }
  }

  private static Finding finding(Evidence evidence, Reason reason, String message, Map<String, String> values) {
    return Finding.of(reason).since(evidence.rolloutStartedAt()).lastSeen(evidence.now()).message(message)
        .values(values).build();
  }
}
