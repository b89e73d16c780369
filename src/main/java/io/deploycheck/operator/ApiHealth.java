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
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator's own requests say about the API server, for {@code /readyz}: seen by an interceptor on the
 * operator's client, so every call counts (informers, Lease, status and Event writes). Not ready while
 * <ul>
 *   <li>the API server is unreachable (connection failures, 5xx, 429) and nothing has succeeded since, or</li>
 *   <li>writes are refused (401 or 403 on a write) and no write has succeeded since.</li>
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
  private Trouble refused;
  private Instant lastSuccess = Instant.EPOCH;
  private Instant lastWrite = Instant.EPOCH;

  private record Trouble(Instant at, String what) {}

  ApiHealth(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    int code = response.code();
    boolean write = WRITES.contains(request.method());
    if (code == 401 || code == 403 && write) {
      refused(new Trouble(clock.instant(), "writes refused: HTTP " + code + " on " + request.method() + " "
          + request.uri().getPath()));
    } else if (code == 429 || code >= 500) {
      unreachable(new Trouble(clock.instant(), "API server answers HTTP " + code + " to " + request.method() + " "
          + request.uri().getPath()));
    } else if (code < 400) {
      succeeded(write);
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    unreachable(new Trouble(clock.instant(), "API server unreachable: " + detail(failure)));
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
    Instant now = clock.instant();
    for (Trouble trouble : new Trouble[] {refused, unreachable}) {
      if (trouble != null && trouble.at().isAfter(now.minus(FORGET))
          && trouble.at().isAfter(trouble == refused ? lastWrite : lastSuccess)) {
        return SafeText.text(trouble.what(), REASON_LIMIT);
      }
    }
    return null;
  }

  private synchronized void refused(Trouble trouble) {
    refused = trouble;
  }

  private synchronized void unreachable(Trouble trouble) {
    unreachable = trouble;
  }

  private synchronized void succeeded(boolean write) {
    Instant now = clock.instant();
    lastSuccess = now;
    if (write) {
      lastWrite = now;
    }
  }
}
