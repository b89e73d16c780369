package io.deploycheck.metrics;

import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The operator process's one Prometheus registry and the three meter sets on it: JVM/process meters,
 * java-operator-sdk's reconciliation meters and {@link OperatorMetrics}. Build it once at start-up: each meter set
 * registers its meters when built, so a second instance on the same registry would fight over them.
 *
 * <pre>{@code
 * Monitoring monitoring = Monitoring.create(clock);
 * new Operator(o -> o.withMetrics(monitoring.josdk()) ...);
 * new HealthServer(monitoring.registry(), ready, notReadyReason).start(port);
 * }</pre>
 */
public final class Monitoring implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final OperatorMetrics operator;
  private final MicrometerMetrics josdk;

  private Monitoring(PrometheusMeterRegistry registry, JvmGcMetrics gc, Clock clock) {
    this.registry = registry;
    this.gc = gc;
    this.operator = new OperatorMetrics(registry, clock);
    // Per-resource labels would add a series per DeployCheck to every JOSDK meter; ours already carry that detail.
    this.josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
  }

  public static Monitoring create(Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new Monitoring(registry, gc, clock);
  }

  /** What {@code /metrics} serves. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public OperatorMetrics operator() {
    return operator;
  }

  /** For {@code ConfigurationServiceOverrider.withMetrics}: reconciliation meters aggregated per resource type. */
  public MicrometerMetrics josdk() {
    return josdk;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
