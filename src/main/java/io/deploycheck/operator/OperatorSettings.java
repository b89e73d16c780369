package io.deploycheck.operator;

import java.util.Set;

/**
 * How the operator runs, from the {@code operator} command's flags and their environment equivalents.
 *
 * @param namespaces watched namespaces; empty means all
 * @param leaseNamespace where the leader-election Lease lives; null turns leader election off
 */
public record OperatorSettings(
    Set<String> namespaces,
    int port,
    String leaseNamespace,
    boolean verifyRegistry,
    boolean allowCreateRepository,
    boolean eventsOnInferenceServices) {

  public static final String LEASE_NAME = "deploycheck-operator";

  public OperatorSettings {
    namespaces = Set.copyOf(namespaces);
  }

  public boolean leaderElection() {
    return leaseNamespace != null;
  }
}
