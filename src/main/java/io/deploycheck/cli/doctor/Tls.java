package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS side of a kubeconfig: the cluster's CA (or insecure-skip-tls-verify) and the client certificate, turned
 * into an SSLContext. PEM parsing (PKCS#1, PKCS#8 and EC keys) is fabric8's, the same code the operator's client
 * uses, so doctor and the operator agree on what loads.
 */
final class Tls {
  /** Protects only the in-memory key store fabric8 builds; never written anywhere. */
  private static final String IN_MEMORY_PASSPHRASE = "changeit";

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

  private Tls() {}

  /** The SSLContext for talking to {@code cluster}; fails naming the field whose material does not load. */
  static SSLContext context(Kubeconfig kubeconfig, Kubeconfig.Cluster cluster, ClientCertificate client) {
    TrustManager[] trust;
    try {
      trust = SSLUtils.trustManagers(cluster.caData(), absolute(kubeconfig, cluster.caFile()), cluster.insecure(),
          null, null);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw invalid((cluster.caData() != null ? "certificate-authority-data" : "certificate-authority "
          + cluster.caFile()) + " of cluster \"" + cluster.name() + "\" is not a usable PEM certificate: " + cause(e));
    }
    KeyManager[] keys = null;
    if (client != null) {
      if (client.keyData() == null && client.keyFile() == null) {
        throw invalid("the user has a client certificate but no client-key-data or client-key");
      }
      try {
        keys = SSLUtils.keyManagers(client.certData(), client.certFile(), client.keyData(), client.keyFile(),
            Config.getKeyAlgorithm(client.keyFile(), client.keyData()), IN_MEMORY_PASSPHRASE, null, null);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw invalid("the client certificate or key does not load: " + cause(e));
      }
    }
    return SSLUtils.sslContext(keys, trust);
  }

  private static String absolute(Kubeconfig kubeconfig, String path) {
    return path == null ? null : kubeconfig.resolve(path).toString();
  }

  private static String cause(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "no such file " + missing.getFile();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }

  private static CheckFailure invalid(String detail) {
    return new CheckFailure(Reason.KubeconfigInvalid, detail);
  }
}
