package io.deploycheck.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One reading of a failed Kubernetes client call, for every place that reports one ({@code wait}, {@code doctor},
 * the operator's reconcile errors): the API server's own words when it answered (its Status message), otherwise
 * the network error that kept it from answering, since the client's own message is only "An error has occurred.".
 */
public final class ClientErrors {
  /** What kept a request from being answered. */
  public enum NetworkKind { UNKNOWN_HOST, TIMEOUT, REFUSED, TLS, OTHER }

  /** A network failure: its kind, the runtime's own message (null when it gave none), and the exception. */
  public record Network(NetworkKind kind, String message, Throwable cause) {}

  private ClientErrors() {}

  public static String explain(Throwable failure) {
    KubernetesClientException client = null;
    String innermost = null;
    for (Throwable t = failure; t != null; t = next(t)) {
      if (client == null && t instanceof KubernetesClientException k) {
        client = k;
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        innermost = t.getMessage();
      }
    }
    if (client != null && client.getStatus() != null && client.getStatus().getMessage() != null) {
      return "HTTP " + client.getCode() + ": " + client.getStatus().getMessage();
    }
    Network network = network(failure);
    if (network != null) {
      return network.cause().toString();
    }
    return innermost == null ? "failed without a message" : innermost;
  }

  /**
   * The network failure in {@code failure}'s causes, or null when there is none: the innermost cause of the first
   * kind found that has a message (the HTTP client wraps the socket's "Connection refused" in a bare one).
   */
  public static Network network(Throwable failure) {
    Network found = null;
    for (Throwable t = failure; t != null; t = next(t)) {
      NetworkKind kind = kind(t);
      if (kind == null || found != null && found.kind() != kind) {
        continue;
      }
      if (found == null || t.getMessage() != null) {
        found = new Network(kind, t.getMessage(), t);
      }
    }
    return found;
  }

  private static NetworkKind kind(Throwable t) {
    if (t instanceof UnknownHostException) {
      return NetworkKind.UNKNOWN_HOST;
    }
    if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
      return NetworkKind.TIMEOUT;
    }
    if (t instanceof ConnectException) {
      return NetworkKind.REFUSED;
    }
    if (t instanceof SSLException) {
      return NetworkKind.TLS;
    }
    return t instanceof SocketException ? NetworkKind.OTHER : null;
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }
}
