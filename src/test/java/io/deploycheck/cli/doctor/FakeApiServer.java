package io.deploycheck.cli.doctor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for kube-apiserver's authentication surface on 127.0.0.1: {@code GET /version} and {@code POST
 * /apis/authentication.k8s.io/v1/selfsubjectreviews}, answering as a real API server does (bodies quoted from public
 * sources below), over plain HTTP or over TLS with the test CA in {@code doctor/tls/}.
 */
final class FakeApiServer implements AutoCloseable {
  /** GET /version of kube-apiserver v1.32.3, from
   * https://github.com/kelseyhightower/kubernetes-the-hard-way/blob/master/docs/08-bootstrapping-kubernetes-controllers.md */
  static final String VERSION = """
      {
        "major": "1",
        "minor": "32",
        "gitVersion": "v1.32.3",
        "gitCommit": "32cc146f75aad04beaaa245a7157eb35063a9f99",
        "gitTreeState": "clean",
        "buildDate": "2025-03-11T19:52:21Z",
        "goVersion": "go1.23.6",
        "compiler": "gc",
        "platform": "linux/arm64"
      }""";

  /** The Status kube-apiserver sends with a 401, from https://github.com/kubernetes/kubernetes/issues/61978 */
  static final String UNAUTHORIZED =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\","
          + "\"reason\":\"Unauthorized\",\"code\":401}";

  /** A SelfSubjectReview answer (kubectl auth whoami -o yaml), from
   * https://kubernetes.io/docs/reference/access-authn-authz/authentication/#self-subject-review */
  static final String REVIEW_JANE = review("jane.doe", "students", "teachers", "system:authenticated");

  private final HttpServer server;
  private final String scheme;
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile boolean unauthorized;

  private FakeApiServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/version", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      answer(exchange, unauthorized ? 401 : 200, unauthorized ? UNAUTHORIZED : VERSION);
    });
    server.createContext("/apis/authentication.k8s.io/v1/selfsubjectreviews", exchange -> {
      exchange.getRequestBody().readAllBytes();
      answer(exchange, unauthorized ? 401 : 201, unauthorized ? UNAUTHORIZED : reviewFor(exchange));
    });
    server.start();
  }

  static FakeApiServer http() {
    try {
      return new FakeApiServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
          "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Over TLS with the test server certificate; client certificates signed by the test CA are asked for. */
  static FakeApiServer https() {
    try {
      HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SSLContext context = serverContext();
      https.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters parameters) {
          SSLParameters ssl = context.getDefaultSSLParameters();
          // kube-apiserver asks for a client certificate but accepts requests without one (tokens)
          ssl.setWantClientAuth(true);
          parameters.setSSLParameters(ssl);
        }
      });
      return new FakeApiServer(https, "https");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every request is answered 401 from now on, like an API server given an expired token. */
  FakeApiServer rejectingCredentials() {
    unauthorized = true;
    return this;
  }

  String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A client certificate is a user named by its CN, as kube-apiserver maps it; else the documented jane.doe. */
  private static String reviewFor(HttpExchange exchange) {
    if (exchange instanceof HttpsExchange https) {
      try {
        X509Certificate client = (X509Certificate) https.getSSLSession().getPeerCertificates()[0];
        String cn = client.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]+).*", "$1");
        return review(cn, "deployers", "system:authenticated");
      } catch (SSLPeerUnverifiedException e) {
        // no client certificate: a token request
      }
    }
    return REVIEW_JANE;
  }

  private static String review(String username, String... groups) {
    return "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\",\"metadata\":"
        + "{\"creationTimestamp\":null},\"status\":{\"userInfo\":{\"username\":\"" + username + "\",\"groups\":[\""
        + String.join("\",\"", groups) + "\"]}}}";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = TestTls.resource("server.p12")) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = TestTls.resource("ca.crt")) {
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
