package io.deploycheck.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * One reading of a failed Kubernetes client call, for every place that reports one ({@code wait}, the operator's
 * reconcile errors): the API server's own words when it answered (its Status message), otherwise the network error
 * that kept it from answering, since the client's own message is only "An error has occurred.".
 */
public final class ClientErrors {
  private ClientErrors() {}

  public static String explain(Throwable failure) {
    KubernetesClientException client = null;
    String innermost = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
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
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof UnknownHostException
          || cause instanceof SocketTimeoutException || cause instanceof SSLException) {
        return cause.toString();
      }
    }
    return innermost == null ? "failed without a message" : innermost;
  }
}
