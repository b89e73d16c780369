package io.deploycheck.metrics;

import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The operator's own meters, named as DESIGN section 4 fixes them (Micrometer's Prometheus naming turns
 * {@code deploycheck.rollout.stuck} into {@code deploycheck_rollout_stuck}, adds {@code _total} to counters and
 * {@code _seconds} to timers). See {@code docs/metrics.md} for what each series means.
 *
 * <p>Cardinality is bounded by design: per-rollout series carry only namespace, DeployCheck and InferenceService
 * (plus reason/category or phase, both closed sets), never a pod; {@link #forget} drops them all.
 */
public final class OperatorMetrics {
  static final String ROLLOUT_STUCK = "deploycheck.rollout.stuck";
  static final String ROLLOUT_PHASE = "deploycheck.rollout.phase";
  static final String ROLLOUT_STUCK_SECONDS = "deploycheck.rollout.stuck.seconds";
  static final String ROLLOUT_DURATION = "deploycheck.rollout.duration";
  static final String DIAGNOSES = "deploycheck.diagnoses";
  static final String DETECTION_LATENCY = "deploycheck.detection.latency";
  static final String EVIDENCE_AGE = "deploycheck.evidence.age";
  static final String REGISTRY_REQUESTS = "deploycheck.registry.requests";
  static final String EVENTS_DROPPED = "deploycheck.events.dropped";
  static final String EVENTS_PENDING = "deploycheck.events.pending";

  /** The category label of Ready and Progressing, which have no category; an empty value would drop the label. */
  static final String NO_CATEGORY = "None";

  // Rollouts take minutes: buckets around stuckAfter (3m) and progressDeadline (10m) defaults.
  private static final Duration[] ROLLOUT_BUCKETS = {
      Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
      Duration.ofMinutes(3), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
      Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1)};
  // The quality bar is p99 under 250 ms (DESIGN section 8): fine buckets below it, coarse ones for the tail.
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1)};

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<RolloutKey, RolloutSeries> rollouts = new ConcurrentHashMap<>();
  private final Map<Reason, Counter> diagnoses = new ConcurrentHashMap<>();
  private final Timer rolloutDuration;
  private final Timer detectionLatency;
  private final Timer evidenceAge;
  private final Counter eventsDropped;

  public OperatorMetrics(MeterRegistry registry, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    // Every problem the operator can report starts at 0, so increase() sees the first transition into it after a
    // restart too; the pipeline-side reasons and Ready/Progressing would only be series that stay 0 forever.
    for (Reason reason : Reason.values()) {
      if (reason.isProblem() && reason.category().inCluster()) {
        diagnoses.put(reason, diagnosesCounter(reason));
      }
    }
    rolloutDuration = Timer.builder(ROLLOUT_DURATION)
        .description("Time from rollout start to Ready")
        .serviceLevelObjectives(ROLLOUT_BUCKETS)
        .register(registry);
    detectionLatency = Timer.builder(DETECTION_LATENCY)
        .description("Time from the evidence reaching the operator (watch delivery) to the Stuck status write"
            + " acknowledged")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
    evidenceAge = Timer.builder(EVIDENCE_AGE)
        .description("Age of the evidence, by its own timestamps, when the Stuck status write was acknowledged")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
    eventsDropped = Counter.builder(EVENTS_DROPPED)
        .description("Kubernetes Events not written because the queue of pending Events was full")
        .register(registry);
  }

  /**
   * Records where a DeployCheck's rollout stands now. Call after every status write; series whose labels no
   * longer apply (an older reason, another InferenceService) are removed, not left at their last value.
   *
   * @param stuckSince when the rollout became stuck; used only while the phase is Stuck or Failed
   */
  public void observe(String namespace, String deployCheck, String inferenceService, Phase phase, Reason reason,
      Instant stuckSince) {
    Objects.requireNonNull(inferenceService, "inferenceService");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(reason, "reason");
    RolloutKey key = new RolloutKey(namespace, deployCheck);
    rollouts.compute(key, (k, series) -> {
      RolloutSeries current = series;
      if (current != null && !current.inferenceService().equals(inferenceService)) {
        current.remove();
        current = null;
      }
      if (current == null) {
        current = new RolloutSeries(registry, clock, k, inferenceService);
      }
      current.update(phase, reason, stuckSince);
      return current;
    });
  }

  /** Removes every series of a deleted DeployCheck. */
  public void forget(String namespace, String deployCheck) {
    rollouts.computeIfPresent(new RolloutKey(namespace, deployCheck), (k, series) -> {
      series.remove();
      return null;
    });
  }

  /** A DeployCheck moved into {@code reason} (a phase or reason change). */
  public void transition(Reason reason) {
    diagnoses.computeIfAbsent(Objects.requireNonNull(reason, "reason"), this::diagnosesCounter).increment();
  }

  private Counter diagnosesCounter(Reason reason) {
    return Counter.builder(DIAGNOSES)
        .description("Transitions of a DeployCheck into a reason")
        .tags("reason", reason.name(), "category", categoryOf(reason))
        .register(registry);
  }

  public void rolloutReady(Duration startToReady) {
    rolloutDuration.record(notNegative(startToReady));
  }

  /** From the watch delivery of the evidence to the Stuck status write acknowledged: the operator's own delay. */
  public void detectionLatency(Duration latency) {
    detectionLatency.record(notNegative(latency));
  }

  /** Evidence timestamps come from node clocks; a skewed node's "future" evidence counts as age 0. */
  public void evidenceAge(Duration age) {
    evidenceAge.record(notNegative(age));
  }

  /** An Event was dropped: the queue of Events waiting to be written was full. */
  public void eventDropped() {
    eventsDropped.increment();
  }

  /** Reports how many Events wait to be written (refused writes being retried included). */
  public void eventsPending(IntSupplier pending) {
    Gauge.builder(EVENTS_PENDING, pending::getAsInt)
        .description("Kubernetes Events waiting to be written, refused ones being retried included")
        .register(registry);
  }

  /** One call to the registry (ECR): {@code operation} and {@code outcome} are small fixed vocabularies. */
  public void registryRequest(String operation, String outcome) {
    Counter.builder(REGISTRY_REQUESTS)
        .description("Calls to the image registry's API")
        .tags("operation", Objects.requireNonNull(operation, "operation"),
            "outcome", Objects.requireNonNull(outcome, "outcome"))
        .register(registry)
        .increment();
  }

  static String categoryOf(Reason reason) {
    return reason.category() == null ? NO_CATEGORY : reason.category().name();
  }

  private static Duration notNegative(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
