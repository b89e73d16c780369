package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code doctor kubeconfig} found: every check that ran, in order, and, when one failed, the reason it stands
 * for with the reason's hint filled in. Built only through {@link #of}, which masks every credential.
 */
public record Report(List<Check> checks, Reason reason, String hint) {

  static Report of(List<Check> checks, Map<String, String> hintValues, Secrets secrets) {
    List<Check> masked = checks.stream().map(c -> c.masked(secrets)).toList();
    Check failed = masked.stream().filter(c -> !c.ok()).findFirst().orElse(null);
    if (failed == null) {
      return new Report(masked, null, null);
    }
    Map<String, String> values = new HashMap<>(hintValues);
    values.put("detail", failed.detail());
    return new Report(masked, failed.reason(), secrets.mask(failed.reason().hint(values)));
  }

  public boolean problemFound() {
    return reason != null;
  }
}
