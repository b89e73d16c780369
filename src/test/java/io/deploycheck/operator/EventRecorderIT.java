package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Events are a courtesy: an API server that refuses them must not break reconciliation. */
@EnableKubernetesMockClient
class EventRecorderIT {
  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void forbiddenEventsAreSwallowedAndTried() {
    String events = "/api/v1/namespaces/kubeflow-user01/events";
    // No GET expectation: the mock answers 404, so the recorder tries to create the Event.
    // The API server's 403 body (a metav1.Status), as apiserver/pkg/endpoints/handlers/responsewriters writes it.
    server.expect().post().withPath(events).andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"status\":\"Failure\",\"message\":\"events is forbidden: User"
        + " \\\"system:serviceaccount:deploycheck-system:deploycheck\\\" cannot create resource \\\"events\\\" in"
        + " API group \\\"\\\" in the namespace \\\"kubeflow-user01\\\"\",\"reason\":\"Forbidden\",\"code\":403}")
        .always();
    DeployCheck check = new DeployCheck();
    check.getMetadata().setName("california-housing");
    check.getMetadata().setNamespace("kubeflow-user01");
    check.getMetadata().setUid("0b6a1c7e-2f0a-4b38-9d4e-6f1e2d3c4b5a");
    EventRecorder recorder = new EventRecorder(client, Clock.systemUTC());
    Notice notice = new Notice("Warning", "ImageNotFound", "tag missing");

    assertThatCode(() -> recorder.record(check, notice)).doesNotThrowAnyException();
    assertThatCode(() -> recorder.record(check, notice)).doesNotThrowAnyException();
    assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void eventNamesAreStablePerObjectTypeAndReason() {
    DeployCheck check = new DeployCheck();
    check.getMetadata().setName("california-housing");
    check.getMetadata().setUid("0b6a1c7e-2f0a-4b38-9d4e-6f1e2d3c4b5a");
    String warning = EventRecorder.eventName(check, new Notice("Warning", "ImageNotFound", "a"));
    assertThat(EventRecorder.eventName(check, new Notice("Warning", "ImageNotFound", "b"))).isEqualTo(warning);
    assertThat(EventRecorder.eventName(check, new Notice("Warning", "OOMKilled", "a"))).isNotEqualTo(warning);
    assertThat(warning).startsWith("california-housing.").hasSize("california-housing.".length() + 16);
  }
}
