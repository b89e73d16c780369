package io.deploycheck.metrics;

import io.deploycheck.diagnosis.Phase;
import io.deploycheck.diagnosis.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gauges of one DeployCheck. The phase and stuck-seconds gauges live as long as the DeployCheck and read its
 * current state at scrape time; the stuck gauge exists only while the rollout is Stuck or Failed and is replaced
 * when the reason changes, because its labels name the reason.
 *
 * <p>Writers are serialized by {@link OperatorMetrics} (one map entry at a time); scrapes read the volatile state.
 */
final class RolloutSeries {
  private final MeterRegistry registry;
  private final Clock clock;
  private final String inferenceService;
  private final Tags identity;
  private final List<Meter> lifelong = new ArrayList<>();
  private volatile Phase phase = Phase.Progressing;
  private volatile Instant stuckSince;
  private Reason stuckReason;
  private Meter stuck;

  RolloutSeries(MeterRegistry registry, Clock clock, RolloutKey key, String inferenceService) {
    this.registry = registry;
    this.clock = clock;
    this.inferenceService = inferenceService;
    this.identity = Tags.of("namespace", key.namespace(), "deploycheck", key.deployCheck(),
        "inferenceservice", inferenceService);
    for (Phase each : Phase.values()) {
      lifelong.add(Gauge.builder(OperatorMetrics.ROLLOUT_PHASE, this, series -> series.phase == each ? 1 : 0)
          .description("1 for the rollout's current phase, 0 for the others")
          .tags(identity.and("phase", each.name()))
          .strongReference(true)
          .register(registry));
    }
    lifelong.add(Gauge.builder(OperatorMetrics.ROLLOUT_STUCK_SECONDS, this, RolloutSeries::stuckSeconds)
        .description("Seconds since the rollout became Stuck or Failed; 0 while it is neither")
        .baseUnit("seconds")
        .tags(identity)
        .strongReference(true)
        .register(registry));
  }

  String inferenceService() {
    return inferenceService;
  }

  void update(Phase newPhase, Reason reason, Instant newStuckSince) {
    boolean problem = newPhase.isProblem();
    phase = newPhase;
    stuckSince = problem ? newStuckSince : null;
    Reason wanted = problem ? reason : null;
    if (wanted == stuckReason) {
      return;
    }
    removeStuck();
    stuckReason = wanted;
    if (wanted != null) {
      stuck = Gauge.builder(OperatorMetrics.ROLLOUT_STUCK, () -> 1)
          .description("1 while the rollout is Stuck or Failed, labelled with the reason")
          .tags(identity.and("reason", wanted.name(), "category", OperatorMetrics.categoryOf(wanted)))
          .strongReference(true)
          .register(registry);
    }
  }

  void remove() {
    removeStuck();
    lifelong.forEach(registry::remove);
    lifelong.clear();
  }

  private void removeStuck() {
    if (stuck != null) {
      registry.remove(stuck);
      stuck = null;
    }
  }

  private double stuckSeconds() {
    Instant since = stuckSince;
    if (since == null) {
      return 0;
    }
    Duration stuckFor = Duration.between(since, clock.instant());
    return stuckFor.isNegative() ? 0 : stuckFor.toMillis() / 1000.0;
  }
}
