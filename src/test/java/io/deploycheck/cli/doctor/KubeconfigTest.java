package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploycheck.diagnosis.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeconfigTest {
  private static final Path HERE = Path.of("/work");

  @Test
  void readsWhatKubectlNeeds() {
    Secrets secrets = new Secrets();
    Kubeconfig kubeconfig = Kubeconfig.parse("the kubeconfig", Kubeconfigs.awsEks("https://x.example"), HERE, secrets);
    Kubeconfig.Selected selected = kubeconfig.current();

    assertThat(kubeconfig.shape()).isEqualTo("1 cluster, 1 user, 1 context");
    assertThat(selected.cluster().server()).isEqualTo("https://x.example");
    assertThat(selected.user().method()).isEqualTo("exec plugin aws");
    assertThat(selected.user().exec().commandLine())
        .isEqualTo("aws --region ap-northeast-2 eks get-token --cluster-name mlops-training-cluster --output json");
  }

  @Test
  void remembersEveryCredentialItReads() {
    Secrets secrets = new Secrets();
    Kubeconfig.parse("the kubeconfig", Kubeconfigs.clientCertificate("https://x.example")
        + "- name: other\n  user:\n    token: " + Kubeconfigs.TOKEN + "\n    password: hunter2-hunter2\n", HERE,
        secrets);

    assertThat(secrets.mask("a " + Kubeconfigs.TOKEN + " b hunter2-hunter2 c " + TestTls.base64("client.key")))
        .isEqualTo("a *** b *** c ***");
  }

  @Test
  void aYamlErrorNamesLineAndProblemButNotTheLine() {
    String broken = "apiVersion: v1\nusers:\n- name: ci\n  user:\n    token: " + Kubeconfigs.TOKEN + ": x\n";

    assertThatThrownBy(() -> Kubeconfig.parse("the kubeconfig", broken, HERE, new Secrets()))
        .isInstanceOf(CheckFailure.class)
        .hasMessage("the kubeconfig is not valid YAML at line 5, column " + (12 + Kubeconfigs.TOKEN.length())
            + ": mapping values are not allowed here");
  }

  @Test
  void tabsInIndentationAreNamed() {
    assertThatThrownBy(() -> Kubeconfig.parse("the kubeconfig", "apiVersion: v1\n\tclusters: []\n", HERE,
        new Secrets()))
        .hasMessageContaining("at line 2, column 1: found character '\\t(TAB)' that cannot start any token");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|the kubeconfig is empty",
      "- a\\n- b|the kubeconfig is a YAML list, not a kubeconfig",
      "YXBpVmVyc2lvbjogdjEKa2luZDogQ29uZmlnCg==|it looks base64-encoded, decode it first (base64 -d)",
      "kind: Pod\\n|has kind Pod, expected a kubeconfig (kind: Config)",
      "kind: Config\\nusers: []\\n|the kubeconfig has no clusters",
      "clusters: {a: b}\\n|clusters is not a list",
      "clusters:\\n- cluster: {server: x}\\n|an entry of clusters has no name",
      "clusters:\\n- name: a\\n|cluster \"a\" has no cluster: section"})
  void shapeProblemsAreKubeconfigInvalid(String text, String expected) {
    assertThatThrownBy(() -> Kubeconfig.parse("the kubeconfig", text.replace("\\n", "\n"), HERE, new Secrets()))
        .isInstanceOfSatisfying(CheckFailure.class, f -> {
          assertThat(f.reason()).isEqualTo(Reason.KubeconfigInvalid);
          assertThat(f.detail()).contains(expected);
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "current-context: test|current-context: \"\"|current-context is not set, so kubectl falls back to localhost:8080;"
          + " contexts: test",
      "current-context: test|current-context: prod|current-context \"prod\" is not among the contexts (test)",
      "cluster: test|cluster: gone|context \"test\" names cluster \"gone\", which is not among the clusters (test)",
      "user: ci|user: nobody|context \"test\" names user \"nobody\", which is not among the users (ci)"})
  void currentContextMustResolve(String from, String to, String expected) {
    String text = Kubeconfigs.token("https://x.example").replace(from, to);
    Kubeconfig kubeconfig = Kubeconfig.parse("the kubeconfig", text, HERE, new Secrets());

    assertThatThrownBy(kubeconfig::current).isInstanceOf(CheckFailure.class).hasMessageStartingWith(expected);
  }
}
