package io.deploycheck.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.diagnosis.Reason;
import io.deploycheck.kube.ClientErrors;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's API server as the operator's and wait's client meets it (fabric8, configured from the kubeconfig):
 * first without credentials (is it there, and is it the server the CA vouches for), then who the credentials make
 * us, through {@code GET /version} and a SelfSubjectReview (authentication.k8s.io/v1, served since Kubernetes
 * 1.28).
 */
final class ApiServer {
  static final String SELF_SUBJECT_REVIEWS = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
  private static final String SELF_SUBJECT_REVIEW =
      "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";
  private static final int MAX_MESSAGE_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI server;
  private final Duration timeout;

  ApiServer(URI server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
  }

  /** Fails unless {@code text} is an http(s) URL with a host, as kubectl needs. */
  static URI parse(String text, String cluster) {
    if (text == null || text.isBlank()) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "cluster \"" + cluster + "\" has no server");
    }
    try {
      URI uri = new URI(text.strip());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new CheckFailure(Reason.KubeconfigInvalid, "server \"" + text + "\" of cluster \"" + cluster
            + "\" is not an https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "server of cluster \"" + cluster + "\" is not a URL: "
          + e.getMessage());
    }
  }

  /**
   * Reaches the server without credentials ({@code /livez}, which kube-apiserver lets anyone read): any HTTP answer
   * means it is there and, over https, that its certificate is the one the CA vouches for, for this host.
   */
  String reach(Config anonymous) {
    try (KubernetesClient client = Connection.client(anonymous)) {
      send(client, client.getHttpClient().newHttpRequestBuilder().uri(url("/livez")));
    }
    return server + (isHttps() ? " answers over TLS (certificate trusted)" : " accepts connections (plain HTTP, no TLS)");
  }

  /**
   * Who the API server takes the credentials for. A 401 is an expired token or an identity the cluster does not
   * map (on EKS: no access entry or aws-auth mapping).
   */
  String authenticate(Config authenticated) {
    try (KubernetesClient client = Connection.client(authenticated)) {
      HttpClient http = client.getHttpClient();
      HttpResponse<String> version = send(client, http.newHttpRequestBuilder().uri(url("/version")));
      if (version.code() == 401) {
        throw unauthorized("GET /version: " + status(version));
      }
      if (version.code() != 200 && version.code() != 403) {
        throw unreachable("GET /version answered " + status(version) + ": is " + server + " a Kubernetes API server?");
      }
      String kubernetes = version.code() == 200 ? " on Kubernetes " + field(version.body(), "gitVersion") : "";
      HttpResponse<String> review = send(client, http.newHttpRequestBuilder().uri(url(SELF_SUBJECT_REVIEWS))
          .post("application/json", SELF_SUBJECT_REVIEW));
      return who(review, kubernetes);
    }
  }

  private String who(HttpResponse<String> review, String kubernetes) {
    int code = review.code();
    if (code == 401) {
      throw unauthorized("POST " + SELF_SUBJECT_REVIEWS + ": " + status(review));
    }
    if (code == 404) {
      return "GET /version accepted the credentials" + kubernetes + " (SelfSubjectReview v1 is not served before"
          + " Kubernetes 1.28, so the user name is not known)";
    }
    if (code == 403 && message(review).contains("system:anonymous")) {
      throw unauthorized("the API server treats the request as system:anonymous: " + status(review));
    }
    if (code != 200 && code != 201) {
      throw unreachable("POST " + SELF_SUBJECT_REVIEWS + " answered " + status(review));
    }
    JsonNode user = tree(review.body()).path("status").path("userInfo");
    String username = user.path("username").asText("");
    if (username.isEmpty() || "system:anonymous".equals(username)) {
      throw unauthorized("the API server treats the request as system:anonymous: the credentials were not used");
    }
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(g -> groups.add(g.asText()));
    return "authenticated as " + username + (groups.isEmpty() ? "" : " (groups " + String.join(", ", groups) + ")")
        + kubernetes;
  }

  /**
   * The JDK's HTTP client reports a failed connect without the reason; one plain connect gets the operating
   * system's words for it ("Connection refused", "No route to host").
   */
  private String connectError(String fallback) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.getHost(), port()), (int) timeout.toMillis());
      return fallback;
    } catch (IOException e) {
      return e.getMessage() == null ? fallback : e.getMessage();
    }
  }

  private String url(String path) {
    return server.toString().replaceAll("/+$", "") + path;
  }

  /** One request, answered or not within the timeout; a failure to get an answer is told by its network cause. */
  private HttpResponse<String> send(KubernetesClient client, HttpRequest.Builder request) {
    HttpRequest built = request.header("Accept", "application/json").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    String what = built.method() + " " + built.uri().getPath();
    try {
      return client.getHttpClient().sendAsync(built, String.class)
          .get(timeout.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw notReached(what, e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      throw notReached(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(what + " was interrupted");
    }
  }

  /** Why no answer came, in the words of the network layer that failed (see {@link ClientErrors#network}). */
  private CheckFailure notReached(String what, Throwable failure) {
    String host = server.getHost();
    String address = host + ":" + port();
    ClientErrors.Network network = ClientErrors.network(failure);
    return switch (network == null ? ClientErrors.NetworkKind.OTHER : network.kind()) {
      case UNKNOWN_HOST -> unreachable("cannot resolve " + host + ": no such host (was the cluster deleted or"
          + " recreated, or is its endpoint private?)");
      case TIMEOUT -> unreachable("no answer from " + address + " within " + timeout.toSeconds() + "s: a private"
          + " endpoint or a firewall between the runner and the cluster?");
      case REFUSED -> unreachable("cannot connect to " + address + ": "
          + (network.message() != null ? network.message() : connectError(network.cause().toString())));
      case TLS -> unreachable("TLS handshake with " + address + " failed: " + network.message());
      case OTHER -> unreachable(what + " failed: " + ClientErrors.explain(failure));
    };
  }

  /** "HTTP 401 (Unauthorized)": the code and the Status message the API server sent. */
  private static String status(HttpResponse<String> response) {
    String message = message(response);
    return "HTTP " + response.code() + (message.isEmpty() ? "" : " (" + message + ")");
  }

  private static String message(HttpResponse<String> response) {
    String message = tree(response.body()).path("message").asText("");
    if (message.isEmpty()) {
      message = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
    }
    return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
  }

  private static String field(String body, String name) {
    String value = tree(body).path(name).asText("");
    return value.isEmpty() ? "(unknown version)" : value;
  }

  private static JsonNode tree(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private boolean isHttps() {
    return "https".equals(server.getScheme());
  }

  private int port() {
    return server.getPort() != -1 ? server.getPort() : isHttps() ? 443 : 80;
  }

  private static CheckFailure unreachable(String detail) {
    return new CheckFailure(Reason.KubeconfigUnreachable, detail);
  }

  private static CheckFailure unauthorized(String detail) {
    return new CheckFailure(Reason.KubeconfigUnauthorized, detail);
  }
}
