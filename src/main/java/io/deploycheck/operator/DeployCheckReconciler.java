package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin on purpose: gather evidence from the caches, diagnose, write the status if it changed (server-side apply,
 * by {@link StatusWriter}), emit Events on transitions, and come back exactly when a time-based transition falls
 * due. Deletes are seen too
 * (triggerReconcilerOnAllEvents), so a deleted DeployCheck leaves no metric behind without needing a finalizer.
 */
@ControllerConfiguration(name = DeployCheckReconciler.NAME, triggerReconcilerOnAllEvents = true)
public final class DeployCheckReconciler implements Reconciler<DeployCheck> {
  public static final String NAME = "deploycheck";
  private static final Logger LOG = LoggerFactory.getLogger(DeployCheckReconciler.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final EvidenceSources sources;
  private final DiagnosisEngine engine;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final RepositoryRemedy remedy;
  private final Clock clock;
  private final boolean eventsOnInferenceServices;
  private final String runbook;

  DeployCheckReconciler(EvidenceSources sources, DiagnosisEngine engine, StatusWriter statusWriter,
      EventRecorder events, OperatorMetrics metrics, RepositoryRemedy remedy, Clock clock,
      boolean eventsOnInferenceServices, String runbook) {
    this.sources = sources;
    this.engine = engine;
    this.statusWriter = statusWriter;
    this.events = events;
    this.metrics = metrics;
    this.remedy = remedy;
    this.clock = clock;
    this.eventsOnInferenceServices = eventsOnInferenceServices;
    this.runbook = runbook;
  }

  @Override
  public List<EventSource<?, DeployCheck>> prepareEventSources(EventSourceContext<DeployCheck> context) {
    return sources.prepare(context);
  }

  @Override
  public UpdateControl<DeployCheck> reconcile(DeployCheck check, Context<DeployCheck> context) {
    String namespace = check.getMetadata().getNamespace();
    String name = check.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      metrics.forget(namespace, name);
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    EvidenceSources.Gathered gathered = sources.gather(check, context, now);
    Diagnosis diagnosis = engine.diagnose(gathered.evidence());
    DeployCheckStatus previous = check.getStatus();
    DeployCheckStatus status = StatusMapper.toStatus(check.getMetadata().getGeneration(), gathered.isvcGeneration(),
        diagnosis, previous, now);

    Notice.of(previous, diagnosis, runbook).ifPresent(notice -> {
      LOG.atInfo().addKeyValue("namespace", namespace).addKeyValue("deploycheck", name)
          .addKeyValue("phase", diagnosis.phase()).addKeyValue("reason", diagnosis.reason())
          .log("{}/{} is {}: {}", namespace, name, diagnosis.phase(), diagnosis.reason());
      events.record(check, notice);
      if (eventsOnInferenceServices && gathered.isvc() != null) {
        events.record(gathered.isvc(), notice);
      }
    });
    recordMetrics(check, previous, diagnosis, gathered.evidence().spec().stuckAfter(), now);
    if (remedy != null) {
      remedy.apply(check, gathered.evidence().registry());
    }

    if (!sameStatus(previous, status)) {
      DeployCheck written = statusWriter.write(check, status);
      // The next reconcile may run before the watch brings our write back: let the cache know now, or the same
      // transition would be seen (and announced, and counted) twice.
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(written), written, check);
    }
    UpdateControl<DeployCheck> control = UpdateControl.noUpdate();
    if (diagnosis.nextCheck() != null) {
      control.rescheduleAfter(Duration.between(now, diagnosis.nextCheck()).plusMillis(1));
    }
    return control;
  }

  private void recordMetrics(
      DeployCheck check, DeployCheckStatus previous, Diagnosis d, Duration stuckAfter, Instant now) {
    String namespace = check.getMetadata().getNamespace();
    metrics.observe(namespace, check.getMetadata().getName(), check.getSpec() == null ? null
        : check.getSpec().getInferenceService(), d.phase(), d.reason(), d.phase().isProblem() ? d.since() : null);
    boolean newReason = previous == null || !d.reason().name().equals(previous.getReason());
    if (newReason && d.reason().isProblem()) {
      metrics.transition(d.reason());
    }
    boolean becameReady = d.phase() == Phase.Ready && (previous == null || !Phase.Ready.name().equals(
        previous.getPhase()));
    if (becameReady && d.rolloutStartedAt() != null) {
      metrics.rolloutReady(Duration.between(d.rolloutStartedAt(), now));
    }
    boolean becameStuck = d.phase() == Phase.Stuck && (previous == null || !Phase.Stuck.name().equals(
        previous.getPhase()));
    if (becameStuck && d.since() != null) {
      // The evidence made the verdict due at since (definitive) or since + stuckAfter: the rest is our latency.
      Instant due = d.reason().definitive() ? d.since() : d.since().plus(stuckAfter);
      Duration latency = Duration.between(due, now);
      metrics.detectionLatency(latency.isNegative() ? Duration.ZERO : latency);
    }
  }

  private static boolean sameStatus(DeployCheckStatus before, DeployCheckStatus after) {
    return before != null && Objects.equals(JSON.asJson(before), JSON.asJson(after));
  }
}
