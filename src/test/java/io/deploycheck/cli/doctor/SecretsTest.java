package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  @Test
  void knownValuesAreMaskedWherever() {
    Secrets secrets = new Secrets();
    secrets.add("s3cr3t-value");
    secrets.add("abc"); // too short to mask without blanking ordinary words

    assertThat(secrets.mask("x s3cr3t-value y abc")).isEqualTo("x *** y abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "token " + Kubeconfigs.EKS_TOKEN,
      "Authorization: Bearer opaque-value-123",
      "id " + Kubeconfigs.TOKEN,
      "token: plain-static-token",
      "\"password\": \"hunter2\"",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"})
  void credentialShapesAreMaskedEvenWhenUnknown(String text) {
    String masked = new Secrets().mask(text);

    assertThat(masked).contains(Secrets.MASK)
        .doesNotContain("aHR0cHM6", "opaque-value-123", "c2VjcmV0", "plain-static-token", "hunter2", "MIIEow");
  }

  @Test
  void ordinaryWordsAboutTokensStay() {
    assertThat(new Secrets().mask("user \"ci\" (bearer token); the token expired"))
        .isEqualTo("user \"ci\" (bearer token); the token expired");
  }
}
