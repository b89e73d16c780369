package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  /**
   * kube-apiserver ends an HTTP/2 connection with a GOAWAY after an anonymous or a 401 answer, which the JDK 17 HTTP
   * client turns into a failed request: doctor must ask over HTTP/1.1, with and without credentials.
   */
  @Test
  void asksOverHttp11SoTheApiServersGoawayAfterAnAnonymousAnswerIsNoFailure() {
    Kubeconfig kubeconfig = Kubeconfig.parse("the kubeconfig", Kubeconfigs.token("https://x.example"), Path.of("/work"),
        new Secrets());
    Kubeconfig.Selected selected = kubeconfig.current();

    Config anonymous = Connection.anonymous(kubeconfig, selected.cluster(), null, Duration.ofSeconds(5));
    Config authenticated = Connection.withCredentials(anonymous, null, Credentials.NONE);

    assertThat(anonymous.isHttp2Disable()).isTrue();
    assertThat(authenticated.isHttp2Disable()).isTrue();
  }
}
