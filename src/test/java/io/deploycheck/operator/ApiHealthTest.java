package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ApiHealthTest {
  @Test
  void aFailureIsDescribedInItsOwnWordsWithoutJavaClassNames() {
    assertThat(ApiHealth.detail(new IOException(new HttpTimeoutException("request timed out").toString())))
        .isEqualTo("request timed out");
    assertThat(ApiHealth.detail(new IOException(new ConnectException()))).isEqualTo("no connection");
    assertThat(ApiHealth.detail(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
  }
}
