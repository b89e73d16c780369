package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.testing.MutableClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiHealthTest {
  private static final String STATUS = "/apis/deploycheck.io/v1alpha1/namespaces/ns/deploychecks/model/status";
  private static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/deploycheck-system/leases/deploycheck-operator";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T19:00:00Z"));
  private final ApiHealth health = new ApiHealth(clock);

  @Test
  void aFailureIsDescribedInItsOwnWordsWithoutJavaClassNames() {
    assertThat(ApiHealth.detail(new IOException(new HttpTimeoutException("request timed out").toString())))
        .isEqualTo("request timed out");
    assertThat(ApiHealth.detail(new IOException(new ConnectException()))).isEqualTo("no connection");
    assertThat(ApiHealth.detail(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
  }

  @Test
  void leaseRenewalsDoNotHideRefusedStatusWrites() {
    health.answered("PATCH", STATUS, 403);
    clock.advance(Duration.ofSeconds(5));
    health.answered("PUT", LEASE, 200);
    health.answered("GET", STATUS.replace("/status", ""), 200);

    assertThat(health.problem()).isEqualTo("writes refused: HTTP 403 on PATCH " + STATUS);

    health.answered("PATCH", STATUS.replace("/model/", "/other/"), 200);
    assertThat(health.problem()).isNull();
  }

  @Test
  void aRefusedCreationIsNotARefusalOfTheOperatorsWrites() {
    // what a namespace being deleted answers to every creation, an Event about a check in it included
    health.answered("POST", "/api/v1/namespaces/leaving/events", 403);
    assertThat(health.problem()).isNull();
  }

  @Test
  void aRejectedTokenLastsUntilAnyRequestSucceeds() {
    health.answered("GET", LEASE, 401);
    health.answered("GET", LEASE, 401);
    assertThat(health.problem()).isEqualTo("writes refused: HTTP 401 on GET " + LEASE);

    clock.advance(Duration.ofSeconds(1));
    health.answered("GET", LEASE, 200);
    assertThat(health.problem()).isNull();
  }

  @Test
  void theNewestTroubleIsTheReasonAndEachIsForgottenWhenItStopsRecurring() {
    health.answered("PATCH", STATUS, 403);
    clock.advance(Duration.ofSeconds(10));
    health.answered("PUT", LEASE, 503);
    assertThat(health.problem()).startsWith("API server answers HTTP 503 to PUT");

    clock.advance(Duration.ofSeconds(1));
    health.answered("PUT", LEASE, 200);
    assertThat(health.problem()).startsWith("writes refused: HTTP 403");

    clock.advance(ApiHealth.FORGET);
    assertThat(health.problem()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      STATUS + ", deploycheck.io/deploychecks/status",
      "/api/v1/namespaces/ns/events, /events",
      "/api/v1/namespaces/ns/events/model.1877, /events",
      LEASE + ", coordination.k8s.io/leases",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x, apiextensions.k8s.io/customresourcedefinitions"})
  void aPathsKindLeavesOutNamespaceAndName(String path, String kind) {
    assertThat(ApiHealth.kind(path)).isEqualTo(kind);
  }
}
