package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Base64;

/**
 * How doctor connects: the fabric8 client the operator and {@code wait} use, configured from the kubeconfig's
 * selected cluster (server, CA or insecure-skip-tls-verify) and, for authentication, the user's credentials. One
 * attempt per request and the doctor's timeout, so a failure is reported as it happened.
 */
final class Connection {
  /** A client certificate and key, each as base64 data (as in a kubeconfig) or as an absolute file path. */
  record ClientCertificate(String certData, String certFile, String keyData, String keyFile) {

    static ClientCertificate of(Kubeconfig kubeconfig, Kubeconfig.User user) {
      if (user.certData() == null && user.certFile() == null) {
        return null;
      }
      return new ClientCertificate(user.certData(), absolute(kubeconfig, user.certFile()), user.keyData(),
          absolute(kubeconfig, user.keyFile()));
    }

    /** From an exec plugin's ExecCredential, which carries PEM text rather than base64. */
    static ClientCertificate ofPem(Credentials credentials) {
      Base64.Encoder encoder = Base64.getEncoder();
      return new ClientCertificate(encoder.encodeToString(credentials.certificatePem().getBytes(StandardCharsets.UTF_8)),
          null, encoder.encodeToString(credentials.keyPem().getBytes(StandardCharsets.UTF_8)), null);
    }
  }

  private Connection() {}

  /**
   * The cluster without credentials, checked: its CA and the user's client certificate must load, or the run stops
   * here naming what does not (the client would fail on every request otherwise). Over HTTP/1.1: kube-apiserver
   * answers an anonymous or unauthorized request over HTTP/2 and then ends the connection with a GOAWAY
   * (UnauthenticatedHTTP2DOSMitigation, k8s.io/apiserver pkg/endpoints/filters/authentication.go), and the JDK 17
   * HTTP client fails the request on that GOAWAY ("GOAWAY received") instead of returning the answer, so
   * {@code /livez} and a 401 would both read as an unreachable server (seen in the e2e's cli-install scenario).
   */
  static Config anonymous(Kubeconfig kubeconfig, Kubeconfig.Cluster cluster, ClientCertificate client,
      Duration timeout) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(cluster.server())
        .withCaCertData(cluster.caData())
        .withCaCertFile(absolute(kubeconfig, cluster.caFile()))
        .withTrustCerts(cluster.insecure())
        .withConnectionTimeout((int) timeout.toMillis())
        .withRequestTimeout((int) timeout.toMillis())
        .withRequestRetryBackoffLimit(0)
        .withHttp2Disable(true)
        .build();
    if (client != null && client.keyData() == null && client.keyFile() == null) {
      throw invalid("the user has a client certificate but no client-key-data or client-key");
    }
    try (KubernetesClient loaded = client(withCredentials(config, client, Credentials.NONE))) {
      loaded.getHttpClient();
    } catch (RuntimeException e) {
      throw invalid("the TLS material does not load (" + (cluster.caData() != null ? "certificate-authority-data"
          : cluster.caFile() != null ? "certificate-authority " + cluster.caFile() : "no CA")
          + " of cluster \"" + cluster.name() + "\"" + (client == null ? "" : ", the user's client certificate")
          + "): " + cause(e));
    }
    return config;
  }

  /** The same cluster with the user's credentials: a client certificate, a bearer token or a user and password. */
  static Config withCredentials(Config anonymous, ClientCertificate client, Credentials credentials) {
    ConfigBuilder builder = new ConfigBuilder(anonymous)
        .withOauthToken(credentials.token())
        .withUsername(credentials.username())
        .withPassword(credentials.password());
    if (client != null) {
      builder.withClientCertData(client.certData()).withClientCertFile(client.certFile())
          .withClientKeyData(client.keyData()).withClientKeyFile(client.keyFile())
          .withClientKeyAlgo(Config.getKeyAlgorithm(client.keyFile(), client.keyData()));
    }
    return builder.build();
  }

  static KubernetesClient client(Config config) {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String absolute(Kubeconfig kubeconfig, String path) {
    return path == null ? null : kubeconfig.resolve(path).toString();
  }

  /** The innermost reason: fabric8 wraps the key store's own complaint. */
  private static String cause(Throwable e) {
    Throwable innermost = e;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    if (innermost instanceof NoSuchFileException missing) {
      return "no such file " + missing.getFile();
    }
    String message = innermost.getMessage();
    return message == null ? "it does not parse" : message.lines().findFirst().orElse(message);
  }

  private static CheckFailure invalid(String detail) {
    return new CheckFailure(Reason.KubeconfigInvalid, detail);
  }
}
