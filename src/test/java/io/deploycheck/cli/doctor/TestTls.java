package io.deploycheck.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The test-only TLS material under {@code src/test/resources/doctor/tls/} (see its README). */
final class TestTls {
  private TestTls() {}

  static InputStream resource(String name) {
    InputStream in = TestTls.class.getResourceAsStream("/doctor/tls/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource doctor/tls/" + name);
    }
    return in;
  }

  static String pem(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As a kubeconfig's *-data fields hold it. */
  static String base64(String name) {
    return Base64.getEncoder().encodeToString(pem(name).getBytes(StandardCharsets.UTF_8));
  }
}
