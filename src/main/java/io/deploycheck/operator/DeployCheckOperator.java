package io.deploycheck.operator;

import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.metrics.OperatorMetrics;
import io.deploycheck.registry.RegistryInspector;
import io.deploycheck.registry.RegistryVerification;
import io.deploycheck.registry.RepositoryCreationPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the running operator: JOSDK with the DeployCheck controller on the chosen namespaces, leader election
 * through a Lease, and the readiness the HTTP endpoint reports.
 */
public final class DeployCheckOperator implements AutoCloseable {
  /** Reconciliations in flight get this long to finish on shutdown (the pod's grace period is 30 s). */
  static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(DeployCheckOperator.class);

  private final Operator operator;
  private final AtomicBoolean closing = new AtomicBoolean();

  /**
   * @param apiServerFeatures false against the fabric8 mock server, which has neither server-side apply nor Event
   *     field selectors
   */
  public DeployCheckOperator(KubernetesClient client, OperatorSettings settings, Clock clock, OperatorMetrics metrics,
      Metrics reconcileMetrics, RegistryInspector registry, boolean apiServerFeatures) {
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withReconciliationTerminationTimeout(TERMINATION_TIMEOUT)
          .withCloseClientOnStop(false);
      if (reconcileMetrics != null) {
        o.withMetrics(reconcileMetrics);
      }
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(leaderElection(settings.leaseNamespace()));
      }
    });
    boolean verify = settings.verifyRegistry() && registry != null;
    EventRecorder events = new EventRecorder(client, clock);
    RepositoryRemedy remedy = verify && settings.allowCreateRepository()
        ? new RepositoryRemedy(registry, new RepositoryCreationPolicy(true), events) : null;
    DeployCheckReconciler reconciler = new DeployCheckReconciler(
        new EvidenceSources(verify ? new RegistryVerification(registry) : null, apiServerFeatures),
        new DiagnosisEngine(), new StatusWriter(client, apiServerFeatures), events, metrics, remedy, clock,
        settings.eventsOnInferenceServices(), settings.runbookUrl());
    operator.register(reconciler, o -> {
      if (!settings.namespaces().isEmpty()) {
        o.settingNamespaces(settings.namespaces());
      }
    });
  }

  public void start() {
    operator.start();
  }

  /** Informers synced and watching: what /readyz reports. */
  public boolean isReady() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Why not ready, for /readyz's body. */
  public String notReadyReason() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return "starting: informers not synced yet";
    }
    return "unhealthy event sources: " + operator.getRuntimeInfo().unhealthyEventSources().keySet();
  }

  @Override
  public void close() {
    closing.set(true);
    operator.stop();
  }

  /**
   * A replica that loses its Lease must stop reconciling at once, so it exits, as JOSDK does by default. But JOSDK
   * exits from inside stop() too, which on SIGTERM means System.exit within a shutdown hook: a deadlock. So the
   * exit happens here, and only when leadership is lost while running.
   */
  private LeaderElectionConfiguration leaderElection(String namespace) {
    Runnable lost = () -> {
      if (!closing.get()) {
        LOG.error("lost the leader-election Lease {}/{}: exiting so that another replica takes over", namespace,
            OperatorSettings.LEASE_NAME);
        new Thread(() -> System.exit(1), "deploycheck-lost-lease").start();
      }
    };
    return new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, namespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null,
        new LeaderCallbacks(() -> { }, lost, leader -> { }), false);
  }
}
