package io.deploycheck.operator;

import io.deploycheck.text.SafeText;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator's own requests say about the API server, for {@code /readyz}: seen by an interceptor on the
 * operator's client, so every call counts (informers, Lease, status and Event writes). Not ready while
 * <ul>
 *   <li>the API server is unreachable (connection failures, 5xx, 429) and nothing has succeeded since, or</li>
 *   <li>the token is rejected (401) and no request has succeeded since, or</li>
 *   <li>updates are refused (403 on PUT, PATCH or DELETE) and no write to the same kind of resource has succeeded
 *       since: the Lease keeps being renewed when only the cluster-wide RBAC is gone, and its writes must not hide
 *       refused status writes (the e2e fault-rbac-removed saw /readyz flap to 200 every 5 s). A refused creation
 *       does not count: a namespace being deleted refuses every creation (an Event about a check in it) with 403,
 *       which says nothing about the operator, while lost RBAC refuses the status updates too.</li>
 * </ul>
 * A trouble that has not recurred within {@link #FORGET} is forgotten: failed writes are retried at least every 30 s
 * ({@link CappedBackoff}) and a dead connection is retried by the informers, so a trouble that persists keeps
 * recurring, while one whose DeployCheck was deleted must not keep the operator unready.
 */
final class ApiHealth implements Interceptor {
  static final Duration FORGET = Duration.ofSeconds(90);
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int REASON_LIMIT = 160;
  /** "java.net.http.HttpTimeoutException: " and the like. */
  private static final Pattern CLASS_NAMES = Pattern.compile("(?:[a-z][a-z0-9_]{0,30}\\.){1,10}+[A-Z]\\w{0,60}: ");
  private static final Pattern ONLY_CLASS_NAME = Pattern.compile("(?:[a-z][a-z0-9_]{0,30}\\.){1,10}+[A-Z]\\w{0,60}");

  private final Clock clock;
  private Trouble unreachable;
  private Trouble unauthorized;
  /** Refused writes by kind of resource ({@link #kind}); an entry goes when a write of that kind succeeds. */
  private final Map<String, Trouble> refused = new HashMap<>();
  private Instant lastSuccess = Instant.EPOCH;

  private record Trouble(Instant at, String what) {}

  ApiHealth(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    answered(request.method(), request.uri().getPath(), response.code());
  }

  /** What one answer of the API server says about it. */
  synchronized void answered(String method, String path, int code) {
    boolean write = WRITES.contains(method);
    Instant now = clock.instant();
    if (code == 401) {
      unauthorized = new Trouble(now, "writes refused: HTTP 401 on " + method + " " + path);
    } else if (code == 403 && write && !"POST".equals(method)) {
      refused.put(kind(path), new Trouble(now, "writes refused: HTTP 403 on " + method + " " + path));
    } else if (code == 429 || code >= 500) {
      unreachable = new Trouble(now, "API server answers HTTP " + code + " to " + method + " " + path);
    } else if (code < 400) {
      lastSuccess = now;
      if (write) {
        refused.remove(kind(path));
      }
    }
  }

  /**
   * The kind of resource a path names, without namespace and name: {@code /apis/G/V/namespaces/NS/R/NAME/SUB} and
   * {@code /api/v1/namespaces/NS/R} become {@code G/R/SUB} and {@code /R}.
   */
  static String kind(String path) {
    String[] parts = path.split("/");
    int at = parts.length > 1 && "api".equals(parts[1]) ? 3 : 4;
    String group = at == 4 && parts.length > 2 ? parts[2] : "";
    if (parts.length > at + 1 && "namespaces".equals(parts[at])) {
      at += 2;
    }
    StringBuilder kind = new StringBuilder(group).append('/').append(parts.length > at ? parts[at] : "");
    if (parts.length > at + 2) {
      kind.append('/').append(parts[at + 2]);
    }
    return kind.toString();
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    synchronized (this) {
      unreachable = new Trouble(clock.instant(), "API server unreachable: " + detail(failure));
    }
  }

  /** The failure's own words, without the Java class names a wrapped exception puts in front of them. */
  static String detail(Throwable failure) {
    String message = failure.getMessage() == null ? "" : CLASS_NAMES.matcher(failure.getMessage()).replaceAll("");
    if (message.isBlank() || ONLY_CLASS_NAME.matcher(message).matches()) {
      return failure.getCause() != null && failure.getCause() != failure ? detail(failure.getCause())
          : "no connection";
    }
    return message;
  }

  /** Null while the API server is reachable and accepts writes; else why not, in one bounded line. */
  synchronized String problem() {
    Instant since = clock.instant().minus(FORGET);
    List<Trouble> current = new ArrayList<>();
    refused.values().stream().filter(trouble -> trouble.at().isAfter(since)).forEach(current::add);
    for (Trouble trouble : new Trouble[] {unauthorized, unreachable}) {
      if (trouble != null && trouble.at().isAfter(since) && trouble.at().isAfter(lastSuccess)) {
        current.add(trouble);
      }
    }
    return current.stream().max(Comparator.comparing(Trouble::at))
        .map(trouble -> SafeText.text(trouble.what(), REASON_LIMIT)).orElse(null);
  }
}
