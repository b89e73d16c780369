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
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin on purpose, a table of contents: gather evidence from the caches, diagnose, compute the {@link Transition}
 * from the status last written, write the status if something a user sees changed (server-side apply, by
 * {@link StatusWriter}; paced by {@link WritePacer}), then announce the transition (log line, queued Events) and
 * record metrics, and plan the one wake-up ({@link WakeUps}) for when a time-based transition falls due.
 * Deletes are seen too (triggerReconcilerOnAllEvents), so a deleted DeployCheck leaves no metric, pending Event or
 * wake-up behind without needing a finalizer. JOSDK's max-reconciliation interval is off: the caches are watched, and
 * its timer would keep one more task per reconcile until it fell due.
 */
@ControllerConfiguration(name = DeployCheckReconciler.NAME, triggerReconcilerOnAllEvents = true,
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 0))
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
  private final Arrivals arrivals;
  private final WakeUps wakeUps;
  private final WritePacer pacer;
  private final Clock clock;
  private final boolean eventsOnInferenceServices;
  private final String runbook;

  DeployCheckReconciler(EvidenceSources sources, DiagnosisEngine engine, StatusWriter statusWriter,
      EventRecorder events, OperatorMetrics metrics, RepositoryRemedy remedy, Arrivals arrivals, WakeUps wakeUps,
      WritePacer pacer, Clock clock, boolean eventsOnInferenceServices, String runbook) {
    this.sources = sources;
    this.engine = engine;
    this.statusWriter = statusWriter;
    this.events = events;
    this.metrics = metrics;
    this.remedy = remedy;
    this.arrivals = arrivals;
    this.wakeUps = wakeUps;
    this.pacer = pacer;
    this.clock = clock;
    this.eventsOnInferenceServices = eventsOnInferenceServices;
    this.runbook = runbook;
  }

  @Override
  public List<EventSource<?, DeployCheck>> prepareEventSources(EventSourceContext<DeployCheck> context) {
    List<EventSource<?, DeployCheck>> all = new ArrayList<>(sources.prepare(context));
    all.add(wakeUps);
    return all;
  }

  @Override
  public UpdateControl<DeployCheck> reconcile(DeployCheck check, Context<DeployCheck> context) {
    ResourceID id = ResourceID.fromResource(check);
    if (context.isPrimaryResourceDeleted()) {
      forget(check, id);
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    Instant arrived = Objects.requireNonNullElse(arrivals.take(id), now);
    Gatherer.Gathered gathered = sources.gather(check, context, now);
    Diagnosis diagnosis = engine.diagnose(gathered.evidence());
    Transition transition = new Transition(check.getStatus(), diagnosis);
    DeployCheckStatus status = StatusMapper.toStatus(check.getMetadata().getGeneration(), gathered.isvcGeneration(),
        diagnosis, check.getStatus(), now);
    boolean visible = !sameStatus(check.getStatus(), status);
    Instant held = visible ? pacer.holdUntil(id, transition, now) : null;
    if (held != null) {
      arrivals.keep(id, arrived);
      wakeUps.at(id, earliest(held, diagnosis.nextCheck()));
      return UpdateControl.noUpdate();
    }
    if (visible) {
      // Status first: a refused write ends this attempt before anything is announced, and the retry compares with
      // the status then written, so a transition is announced (and counted) once however often it is retried.
      writeStatus(check, status, context, transition, arrived, gathered.evidence().spec().stuckAfter());
    }
    announce(check, gathered.isvc(), transition);
    recordMetrics(check, transition, now);
    if (remedy != null) {
      remedy.apply(check, gathered.evidence().registry());
    }
    wakeUps.at(id, diagnosis.nextCheck());
    return UpdateControl.noUpdate();
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

  private void recordMetrics(DeployCheck check, Transition transition, Instant now) {
    Diagnosis d = transition.diagnosis();
    metrics.observe(check.getMetadata().getNamespace(), check.getMetadata().getName(), check.getSpec() == null
        ? null : check.getSpec().getInferenceService(), d.phase(), d.reason(), d.phase().isProblem() ? d.since() : null);
    if (transition.newReason() && d.reason().isProblem()) {
      metrics.transition(d.reason());
    }
    transition.rolloutDuration(now).ifPresent(metrics::rolloutReady);
  }

  /** A Stuck verdict written: how long the operator took since the evidence arrived, and how old that evidence was. */
  private void recordLatency(Transition transition, Duration stuckAfter, Instant arrived, Instant acknowledged) {
    if (transition.becameStuck()) {
      metrics.detectionLatency(Duration.between(arrived, acknowledged));
      transition.evidenceAge(stuckAfter, acknowledged).ifPresent(metrics::evidenceAge);
    }
  }

  private void writeStatus(DeployCheck check, DeployCheckStatus status, Context<DeployCheck> context,
      Transition transition, Instant arrived, Duration stuckAfter) {
    ResourceID id = ResourceID.fromResource(check);
    Instant acknowledged;
    try {
      acknowledged = write(check, status, context);
    } catch (KubernetesClientException refused) {
      arrivals.keep(id, arrived); // the retry still answers this evidence
      throw refused;
    }
    pacer.wrote(id, acknowledged);
    recordLatency(transition, stuckAfter, arrived, acknowledged);
  }

  /** Everything kept for a DeployCheck that is gone. */
  private void forget(DeployCheck check, ResourceID id) {
    metrics.forget(check.getMetadata().getNamespace(), check.getMetadata().getName());
    events.forget(check);
    wakeUps.cancel(id);
    arrivals.forget(id);
    pacer.forget(id);
  }

  /**
   * Writes the status and returns when the API server acknowledged it. The next reconcile may run before the
   * watch brings our write back: let the cache know now, or the same transition would be seen (and announced, and
   * counted) twice, and a failing reconcile's own error write would trigger the next attempt at once instead of
   * after JOSDK's retry backoff.
   */
  private Instant write(DeployCheck check, DeployCheckStatus status, Context<DeployCheck> context) {
    DeployCheck written = statusWriter.write(check, status);
    Instant acknowledged = clock.instant();
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(written), written, check);
    return acknowledged;
  }

  private static Instant earliest(Instant a, Instant b) {
    return b == null || a.isBefore(b) ? a : b;
  }

  private static boolean sameStatus(DeployCheckStatus before, DeployCheckStatus after) {
    return before != null && Objects.equals(JSON.asJson(before), JSON.asJson(after));
  }
}
