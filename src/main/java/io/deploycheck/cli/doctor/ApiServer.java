package io.deploycheck.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.diagnosis.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The cluster's API server as kubectl would meet it: first a TCP connection and TLS handshake (is it there, and
 * is it the server the CA vouches for), then who the credentials make us, through {@code GET /version} and a
 * SelfSubjectReview (authentication.k8s.io/v1, served since Kubernetes 1.28).
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

  /** Connects (and for https completes the TLS handshake); returns what was reached. */
  String reach(SSLContext tls) {
    String host = server.getHost();
    int port = port();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      if (!isHttps()) {
        return server + " accepts connections (plain HTTP, no TLS)";
      }
      try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true)) {
        SSLParameters parameters = ssl.getSSLParameters();
        // the check kubectl makes: the certificate must name this host (skipped only by insecure-skip-tls-verify)
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) timeout.toMillis());
        ssl.startHandshake();
        return server + " answers (" + ssl.getSession().getProtocol() + ", certificate trusted)";
      }
    } catch (UnknownHostException e) {
      throw unreachable("cannot resolve " + host + ": no such host (was the cluster deleted or recreated, or is its"
          + " endpoint private?)");
    } catch (SocketTimeoutException e) {
      throw unreachable("no answer from " + host + ":" + port + " within " + timeout.toSeconds() + "s ("
          + e.getMessage() + "): a private endpoint or a firewall between the runner and the cluster?");
    } catch (ConnectException e) {
      throw unreachable("cannot connect to " + host + ":" + port + ": " + e.getMessage());
    } catch (SSLException e) {
      throw unreachable("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage());
    } catch (IOException e) {
      throw unreachable("cannot reach " + host + ":" + port + ": " + e);
    }
  }

  /**
   * Who the API server takes the credentials for. A 401 is an expired token or an identity the cluster does not
   * map (on EKS: no access entry or aws-auth mapping).
   */
  String authenticate(SSLContext tls, Credentials credentials) {
    HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> version = send(client, request("/version", credentials).GET().build());
    if (version.statusCode() == 401) {
      throw unauthorized("GET /version: " + status(version));
    }
    if (version.statusCode() != 200 && version.statusCode() != 403) {
      throw unreachable("GET /version answered " + status(version) + ": is " + server + " a Kubernetes API server?");
    }
    String kubernetes = version.statusCode() == 200 ? " on Kubernetes " + field(version.body(), "gitVersion") : "";
    HttpResponse<String> review = send(client, request(SELF_SUBJECT_REVIEWS, credentials)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(SELF_SUBJECT_REVIEW)).build());
    int code = review.statusCode();
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

  private HttpRequest.Builder request(String path, Credentials credentials) {
    String base = server.toString().replaceAll("/+$", "");
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", "application/json");
    if (credentials.token() != null) {
      builder.header("Authorization", "Bearer " + credentials.token());
    } else if (credentials.username() != null) {
      String pair = credentials.username() + ":" + (credentials.password() == null ? "" : credentials.password());
      builder.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return builder;
  }

  private HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(request.method() + " " + request.uri().getPath() + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(request.method() + " " + request.uri().getPath() + " was interrupted");
    }
  }

  /** "HTTP 401 (Unauthorized)": the code and the Status message the API server sent. */
  private static String status(HttpResponse<String> response) {
    String message = message(response);
    return "HTTP " + response.statusCode() + (message.isEmpty() ? "" : " (" + message + ")");
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
