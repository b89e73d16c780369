package io.deploycheck.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deploycheck.text.SafeText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP port: {@code GET /metrics} (Prometheus text format), {@code /healthz} (200 while the process
 * serves requests) and {@code /readyz} (200 while {@code ready} says so, else 503 with a short reason).
 */
public final class HealthServer {
  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  /** What PrometheusMeterRegistry.scrape() writes: the text exposition format 0.0.4, which Prometheus 2 and 3 read. */
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final int MAX_REASON_LENGTH = 200;
  static final String READY_METRIC = "deploycheck_operator_ready";
  /** How long stop() lets in-flight requests finish; a scrape takes milliseconds. */
  private static final int STOP_GRACE_SECONDS = 1;
  private static final int THREADS = 2;

  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier ready;
  private final Supplier<String> notReadyReason;
  private HttpServer server;
  private ExecutorService executor;

  public HealthServer(PrometheusMeterRegistry registry, BooleanSupplier ready, Supplier<String> notReadyReason) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.ready = Objects.requireNonNull(ready, "ready");
    this.notReadyReason = Objects.requireNonNull(notReadyReason, "notReadyReason");
    // /readyz as a series: alerting and dashboards see an outage or refused writes without probing the pod
    Gauge.builder(READY_METRIC, ready, r -> r.getAsBoolean() ? 1 : 0)
        .description("1 while the operator is ready (informers watching, API server reachable and accepting"
            + " writes), else 0; /readyz gives the reason")
        .register(registry);
  }

  /**
   * Listens on all interfaces (kubelet probes the pod IP).
   *
   * @param port the port, or 0 for any free one
   * @return the port actually bound
   */
  public synchronized int start(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("health server already started on port " + port());
    }
    HttpServer created = HttpServer.create(new InetSocketAddress(port), 0);
    // One context for everything: HttpServer matches contexts by prefix, so "/metrics" would also answer "/metricsx".
    created.createContext("/", this::handle);
    executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "health-server");
      thread.setDaemon(true);
      return thread;
    });
    created.setExecutor(executor);
    created.start();
    server = created;
    return port();
  }

  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("health server not started");
    }
    return server.getAddress().getPort();
  }

  /** Stops listening at once and gives in-flight requests a short grace; a no-op when not started. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdownNow();
    server = null;
    executor = null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
      } catch (RuntimeException e) {
        LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
        response = new Response(500, TEXT, "internal error\n");
      }
      send(exchange, response);
    }
  }

  private Response route(String method, String path) {
    if (!"GET".equals(method)) {
      return new Response(405, TEXT, "method not allowed\n");
    }
    return switch (path) {
      case "/metrics" -> new Response(200, PROMETHEUS_TEXT, registry.scrape());
      case "/healthz" -> new Response(200, TEXT, "ok\n");
      case "/readyz" -> ready.getAsBoolean()
          ? new Response(200, TEXT, "ok\n")
          : new Response(503, TEXT, shortLine(notReadyReason.get()) + "\n");
      default -> new Response(404, TEXT, "not found\n");
    };
  }

  /** One bounded line: the reason may quote an API server's message. */
  static String shortLine(String reason) {
    if (reason == null || reason.isBlank()) {
      return "not ready";
    }
    return SafeText.text(reason.strip(), MAX_REASON_LENGTH);
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    if (response.status() == 405) {
      exchange.getResponseHeaders().set("Allow", "GET");
    }
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Response(int status, String contentType, String body) {}
}
