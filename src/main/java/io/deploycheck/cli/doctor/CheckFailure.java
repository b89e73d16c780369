package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;

/** Thrown by a check's step to end that check as failed; {@link KubeconfigDoctor} turns it into a {@link Check}. */
final class CheckFailure extends RuntimeException {
  private final Reason reason;

  CheckFailure(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
