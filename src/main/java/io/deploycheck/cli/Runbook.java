package io.deploycheck.cli;

import io.deploycheck.diagnosis.Reason;

/**
 * Where the CLI's {@code Runbook:} lines point: the address in {@value #ENV} (an internal copy of the runbook), else
 * the project's published one. Absolute, so the link opens from a CI log.
 */
public final class Runbook {
  /** Also the operator's {@code --runbook-url} environment variable: one setting for both. */
  public static final String ENV = "DEPLOYCHECK_RUNBOOK_URL";

  private Runbook() {}

  public static String url(Reason reason) {
    String base = System.getenv(ENV);
    return reason.runbookUrl(base == null || base.isBlank() ? Reason.DEFAULT_RUNBOOK : base.trim());
  }
}
