package io.deploycheck.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ClientErrorsTest {
  @Test
  void theApiServersOwnWordsWinEvenWhenWrapped() {
    KubernetesClientException refused = new KubernetesClientException(new StatusBuilder().withCode(403)
        .withMessage("pods is forbidden: User \"system:serviceaccount:ci:deployer\" cannot list resource \"pods\"")
        .build());

    assertThat(ClientErrors.explain(new CompletionException(refused)))
        .isEqualTo("HTTP 403: pods is forbidden: User \"system:serviceaccount:ci:deployer\" cannot list resource"
            + " \"pods\"");
  }

  @Test
  void withoutAnAnswerTheNetworkErrorSaysWhy() {
    KubernetesClientException unreachable = new KubernetesClientException("An error has occurred.",
        new UnknownHostException("api.example.invalid"));

    assertThat(ClientErrors.explain(unreachable)).isEqualTo("java.net.UnknownHostException: api.example.invalid");
  }

  @Test
  void otherwiseTheInnermostMessage() {
    assertThat(ClientErrors.explain(new RuntimeException("outer", new IllegalStateException("inner"))))
        .isEqualTo("inner");
    assertThat(ClientErrors.explain(new RuntimeException())).isEqualTo("failed without a message");
  }
}
