package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;

/**
 * One named check of {@code doctor kubeconfig} and its outcome. A failed check carries the reason it stands for;
 * a warning passes (the kubeconfig works) but says what to change.
 */
public record Check(String name, Outcome outcome, String detail, Reason reason) {

  /** How a check ended. */
  public enum Outcome {
    passed,
    warning,
    failed
  }

  public static Check passed(String name, String detail) {
    return new Check(name, Outcome.passed, detail, null);
  }

  public static Check warning(String name, String detail) {
    return new Check(name, Outcome.warning, detail, null);
  }

  public static Check failed(String name, Reason reason, String detail) {
    return new Check(name, Outcome.failed, detail, reason);
  }

  /** The JSON "ok": a warning is ok. */
  public boolean ok() {
    return outcome != Outcome.failed;
  }

  Check masked(Secrets secrets) {
    return new Check(name, outcome, secrets.mask(detail), reason);
  }
}
