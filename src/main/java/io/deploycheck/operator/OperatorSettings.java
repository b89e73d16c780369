package io.deploycheck.operator;

import io.deploycheck.diagnosis.Reason;
import java.util.Set;

/**
 * How the operator runs, from the {@code operator} command's flags and their environment equivalents.
 *
 * @param namespaces watched namespaces; empty means all
 * @param leaseNamespace where the leader-election Lease lives; null turns leader election off
 * @param runbookUrl the runbook's address, which Warning Events link to
 */
public record OperatorSettings(
    Set<String> namespaces,
    int port,
    String leaseNamespace,
    boolean verifyRegistry,
    boolean allowCreateRepository,
    boolean eventsOnInferenceServices,
    String runbookUrl) {

  public static final String LEASE_NAME = "deploycheck-operator";

  public OperatorSettings {
    namespaces = Set.copyOf(namespaces);
  }

  /** With the project's published runbook. */
  public OperatorSettings(Set<String> namespaces, int port, String leaseNamespace, boolean verifyRegistry,
      boolean allowCreateRepository, boolean eventsOnInferenceServices) {
    this(namespaces, port, leaseNamespace, verifyRegistry, allowCreateRepository, eventsOnInferenceServices,
        Reason.DEFAULT_RUNBOOK);
  }

  public boolean leaderElection() {
    return leaseNamespace != null;
  }
}
