package io.deploycheck.operator;

import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.kube.LeanSerialization;
import io.deploycheck.metrics.OperatorMetrics;
import io.deploycheck.registry.RegistryInspector;
import io.deploycheck.registry.RegistryVerification;
import io.deploycheck.registry.RepositoryCreationPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the running operator: JOSDK with the DeployCheck controller on the chosen namespaces, leader election
 * through a Lease, and the readiness the HTTP endpoint reports. It rides out API outages in-process: informers
 * that cannot start or lose their watch keep retrying (with the client's capped backoff) instead of stopping the
 * operator, failed reconciliations are retried without limit ({@link CappedBackoff}), and the Lease tolerates an
 * outage of {@link #RENEW_DEADLINE} before it is given up.
 */
public final class DeployCheckOperator implements AutoCloseable {
  /** Reconciliations in flight get this long to finish on shutdown (the pod's grace period is 30 s). */
  static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(DeployCheckOperator.class);

  /**
   * Lease timings: a leader keeps renewing for 40 s without the API server before it gives up, so an outage of
   * half a minute costs nothing; a standby takes over 45 s after a leader died (Kubernetes' own controllers use
   * 15 s and 10 s, and lose their Lease in such an outage).
   */
  static final Duration LEASE_DURATION = Duration.ofSeconds(45);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(40);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(5);
  /** The first wait of an informer retrying a failed list or watch; its waits double up to 32 times this. */
  static final Duration WATCH_RECONNECT_INTERVAL = Duration.ofMillis(250);

  private final Operator operator;
  private final ApiHealth api;
  private final KubernetesClient client;
  private final EventRecorder events;
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Who this replica is in the Lease: the pod's name, as JOSDK would choose it; null without leader election. */
  private final String identity;
  private final String leaseNamespace;

  /**
   * @param apiServerFeatures false against the fabric8 mock server, which has neither server-side apply nor Event
   *     field selectors
   */
  public DeployCheckOperator(KubernetesClient client, OperatorSettings settings, Clock clock, OperatorMetrics metrics,
      Metrics reconcileMetrics, RegistryInspector registry, boolean apiServerFeatures) {
    this(client, settings, clock, metrics, reconcileMetrics, registry, apiServerFeatures, CappedBackoff.DEFAULT,
        WritePacer.WINDOW);
  }

  DeployCheckOperator(KubernetesClient client, OperatorSettings settings, Clock clock, OperatorMetrics metrics,
      Metrics reconcileMetrics, RegistryInspector registry, boolean apiServerFeatures, CappedBackoff retry,
      Duration statusWriteWindow) {
    this.api = new ApiHealth(clock);
    // An informer retries a failed list or watch after watchReconnectInterval x 2^n, n up to 5: fabric8's default
    // 1 s lets the wait grow to 32 s, so after a long outage the operator was ready 52 s after the API server's
    // return (e2e fault-api-outage-3m); from 250 ms it is at most 8 s.
    client.getConfiguration().setWatchReconnectInterval((int) WATCH_RECONNECT_INTERVAL.toMillis());
    // The operator's own client, with the interceptor that tells /readyz what the API server answers, and a
    // serialization that leaves out of the caches what the engine never reads. HTTP/1.1: kube-apiserver closes an
    // HTTP/2 connection that carried an unauthenticated request (GOAWAY, its UnauthenticatedHTTP2DOSMitigation), and
    // the JDK 17 HTTP/2 client then fails the request ("GOAWAY received") instead of returning the 401, so a revoked
    // token looked like an unreachable API server and fabric8 never re-read the renewed token on a 401 (e2e
    // fault-token-revoked: the Lease was lost meanwhile).
    KubernetesClient watched = new KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withKubernetesSerialization(LeanSerialization.create())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("deploycheck-api-health", api)
            .preferHttp11())
        .build();
    this.client = watched;
    this.leaseNamespace = settings.leaseNamespace();
    this.identity = settings.leaderElection() ? identity() : null;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(watched)
          .withReconciliationTerminationTimeout(TERMINATION_TIMEOUT)
          .withStopOnInformerErrorDuringStartup(false)
          .withCloseClientOnStop(false);
      if (reconcileMetrics != null) {
        o.withMetrics(reconcileMetrics);
      }
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(leaderElection(settings.leaseNamespace()));
      }
    });
    boolean verify = settings.verifyRegistry() && registry != null;
    this.events = new EventRecorder(watched, clock, metrics, retry);
    RepositoryRemedy remedy = verify && settings.allowCreateRepository()
        ? new RepositoryRemedy(registry, new RepositoryCreationPolicy(true), events) : null;
    Arrivals arrivals = new Arrivals(clock);
    DeployCheckReconciler reconciler = new DeployCheckReconciler(
        new EvidenceSources(verify ? new RegistryVerification(registry) : null, apiServerFeatures,
            settings.namespaces().isEmpty(), arrivals),
        new DiagnosisEngine(), new StatusWriter(watched, apiServerFeatures), events, metrics, remedy, arrivals,
        new WakeUps(clock, arrivals), new WritePacer(statusWriteWindow), clock, settings.eventsOnInferenceServices(),
        settings.runbookUrl());
    operator.register(reconciler, o -> {
      o.withRetry(retry);
      o.withInformerListLimit(EvidenceSources.LIST_PAGE);
      if (!settings.namespaces().isEmpty()) {
        o.settingNamespaces(settings.namespaces());
      }
    });
  }

  public void start() {
    awaitApiServer();
    if (!closing.get()) {
      operator.start();
    }
  }

  /**
   * Waits until the API server answers before JOSDK starts: JOSDK gives up on an informer that cannot sync after its
   * cache-sync timeout (2 min) and then reconciles on empty caches. A replica restarted during a 3-minute outage
   * judged a Ready check Progressing once the API was back, then Ready again, and announced it a second time (e2e
   * fault-api-outage-3m). The waits grow from 250 ms to 8 s, as the informers' retries do.
   */
  private void awaitApiServer() {
    long longest = WATCH_RECONNECT_INTERVAL.toMillis() << 5;
    for (long wait = WATCH_RECONNECT_INTERVAL.toMillis(); !closing.get(); wait = Math.min(wait * 2, longest)) {
      try {
        client.getKubernetesVersion();
        return;
      } catch (KubernetesClientException e) {
        LOG.info("waiting for the API server: {}", ApiHealth.detail(e));
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * What /readyz reports: informers synced and watching, the API server reachable and accepting writes. Null when
   * ready, else why not, in one line.
   */
  public String notReady() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return "starting: informers not synced yet";
    }
    String apiProblem = api.problem();
    if (apiProblem != null) {
      return apiProblem;
    }
    if (!operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
      return "unhealthy event sources: " + operator.getRuntimeInfo().unhealthyEventSources().keySet();
    }
    return null;
  }

  public boolean isReady() {
    return notReady() == null;
  }

  @Override
  public void close() {
    closing.set(true);
    operator.stop();
    releaseLease();
    events.close();
    client.close();
  }

  /**
   * A replica that loses its Lease must stop reconciling at once, so it exits, as JOSDK does by default (JOSDK's
   * elector cannot run for leader again in the same process); that is the documented contract (docs/metrics.md:
   * the kubelet restarts it, and since informer errors no longer stop a start-up, the restarted replica waits for
   * the API server and is ready as soon as it answers). But JOSDK exits from inside stop() too, which on SIGTERM
   * means System.exit within a shutdown hook: a deadlock. So the exit happens here, and only when leadership is lost
   * while running.
   */
  private LeaderElectionConfiguration leaderElection(String namespace) {
    Runnable lost = () -> {
      if (!closing.get()) {
        LOG.error("lost the leader-election Lease {}/{}: exiting so that another replica takes over", namespace,
            OperatorSettings.LEASE_NAME);
        new Thread(() -> System.exit(1), "deploycheck-lost-lease").start();
      }
    };
    return new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, namespace, LEASE_DURATION, RENEW_DEADLINE,
        RETRY_PERIOD, identity,
        new LeaderCallbacks(() -> { }, lost, leader -> { }), false);
  }

  private static String identity() {
    String hostname = System.getenv("HOSTNAME");
    return hostname == null || hostname.isBlank() ? UUID.randomUUID().toString() : hostname;
  }

  /**
   * Hands the Lease back on a clean stop, as client-go's ReleaseOnCancel does: JOSDK stops its elector without
   * releasing, so after every helm upgrade or drain the new replica waited out the whole lease duration (45 s) before
   * it reconciled anything (e2e helm-install, then the next scenario's first reconcile 43 s late). fabric8's elector
   * does the release: only while this replica still holds the Lease, and with the Lease's resourceVersion, so a
   * successor that already took it is left alone. A failure costs nothing but that wait.
   */
  private void releaseLease() {
    if (identity == null) {
      return;
    }
    LeaderElectionConfig config = new LeaderElectionConfig(
        new LeaseLock(leaseNamespace, OperatorSettings.LEASE_NAME, identity), LEASE_DURATION, RENEW_DEADLINE,
        RETRY_PERIOD, new LeaderCallbacks(() -> { }, () -> { }, leader -> { }), true, OperatorSettings.LEASE_NAME);
    try {
      if (new LeaderElectorBuilder(client, Runnable::run).withConfig(config).build().release()) {
        LOG.info("released the leader-election Lease {}/{}", leaseNamespace, OperatorSettings.LEASE_NAME);
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not release the leader-election Lease {}/{}: {}", leaseNamespace, OperatorSettings.LEASE_NAME,
          ApiHealth.detail(e));
    }
  }
}
