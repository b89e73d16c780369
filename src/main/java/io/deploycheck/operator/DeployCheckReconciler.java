package io.deploycheck.operator;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.kube.ClientErrors;
import io.deploycheck.kube.Gatherer;
import io.deploycheck.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
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
 * Thin on purpose, a table of contents: gather evidence from the caches, diagnose, compute the {@link Transition}
 * from the status last written, write the status if it changed (server-side apply, by {@link StatusWriter}), then
 * announce the transition (log line, Events) and record metrics, and come back exactly when a time-based transition
 * falls due.
 * Deletes are seen too (triggerReconcilerOnAllEvents), so a deleted DeployCheck leaves no metric behind without
 * needing a finalizer.
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
    if (context.isPrimaryResourceDeleted()) {
      metrics.forget(check.getMetadata().getNamespace(), check.getMetadata().getName());
      events.forget(check);
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    Gatherer.Gathered gathered = sources.gather(check, context, now);
    Diagnosis diagnosis = engine.diagnose(gathered.evidence());
    Transition transition = new Transition(check.getStatus(), diagnosis);
    // Status first: a refused write ends this attempt before anything is announced, and the retry compares with
    // the status then written, so a transition is announced (and counted) once however often the write is retried.
    writeIfChanged(check, StatusMapper.toStatus(check.getMetadata().getGeneration(), gathered.isvcGeneration(),
        diagnosis, check.getStatus(), now), context);
    announce(check, gathered.isvc(), transition);
    recordMetrics(check, transition, gathered.evidence().spec().stuckAfter(), now);
    if (remedy != null) {
      remedy.apply(check, gathered.evidence().registry());
    }
    return comeBackAt(diagnosis.nextCheck(), now);
  }

  /**
   * A reconcile failed (JOSDK retries it with backoff): the error goes on the status, on top of the last verdict,
   * until a reconcile succeeds and writes a status without it. JOSDK counts the failure in
   * operator_sdk_reconciliations_failed_total.
   */
  @Override
  public ErrorStatusUpdateControl<DeployCheck> updateErrorStatus(DeployCheck check, Context<DeployCheck> context,
      Exception e) {
    String error = ClientErrors.explain(e);
    LOG.atWarn().addKeyValue("namespace", check.getMetadata().getNamespace())
        .addKeyValue("deploycheck", check.getMetadata().getName())
        .log("{}/{} could not be reconciled: {}", check.getMetadata().getNamespace(), check.getMetadata().getName(),
            error);
    try {
      write(check, StatusMapper.withError(check.getStatus(), error, clock.instant()), context);
    } catch (KubernetesClientException writeFailed) {
      LOG.debug("the reconcile error could not be written to the status either: {}", writeFailed.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }


  /**
   * The log line and the Events of a transition worth one, on the DeployCheck and (by default) its target. The
   * Events are queued, not written here: the status is already written and the reconcile does not wait for them.
   */
  private void announce(DeployCheck check, GenericKubernetesResource isvc, Transition transition) {
    transition.notice(runbook).ifPresent(notice -> {
      String namespace = check.getMetadata().getNamespace();
      String name = check.getMetadata().getName();
      Diagnosis d = transition.diagnosis();
      LOG.atInfo().addKeyValue("namespace", namespace).addKeyValue("deploycheck", name)
          .addKeyValue("phase", d.phase()).addKeyValue("reason", d.reason())
          .log("{}/{} is {}: {}", namespace, name, d.phase(), d.reason());
      events.record(check, check, notice);
      if (eventsOnInferenceServices && isvc != null) {
        events.record(check, isvc, notice);
      }
    });
  }

  private void recordMetrics(DeployCheck check, Transition transition, Duration stuckAfter, Instant now) {
    Diagnosis d = transition.diagnosis();
    metrics.observe(check.getMetadata().getNamespace(), check.getMetadata().getName(), check.getSpec() == null
        ? null : check.getSpec().getInferenceService(), d.phase(), d.reason(), d.phase().isProblem() ? d.since() : null);
    if (transition.newReason() && d.reason().isProblem()) {
      metrics.transition(d.reason());
    }
    transition.rolloutDuration(now).ifPresent(metrics::rolloutReady);
    transition.detectionLatency(stuckAfter, now).ifPresent(metrics::detectionLatency);
  }

  private void writeIfChanged(DeployCheck check, DeployCheckStatus status, Context<DeployCheck> context) {
    if (!sameStatus(check.getStatus(), status)) {
      write(check, status, context);
    }
  }

  /**
   * The next reconcile may run before the watch brings our write back: let the cache know now, or the same
   * transition would be seen (and announced, and counted) twice, and a failing reconcile's own error write would
   * trigger the next attempt at once instead of after JOSDK's retry backoff.
   */
  private void write(DeployCheck check, DeployCheckStatus status, Context<DeployCheck> context) {
    DeployCheck written = statusWriter.write(check, status);
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(written), written, check);
  }

  /** Time-based transitions happen exactly when due: come back then, never poll. */
  private static UpdateControl<DeployCheck> comeBackAt(Instant nextCheck, Instant now) {
    UpdateControl<DeployCheck> control = UpdateControl.noUpdate();
    if (nextCheck != null) {
      control.rescheduleAfter(Duration.between(now, nextCheck).plusMillis(1));
    }
    return control;
  }

  private static boolean sameStatus(DeployCheckStatus before, DeployCheckStatus after) {
    return before != null && Objects.equals(JSON.asJson(before), JSON.asJson(after));
  }
}
