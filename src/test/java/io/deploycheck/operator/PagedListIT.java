package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A restart lists the cluster in pages: every initial LIST carries {@code limit} and the informers follow the
 * {@code continue} token to the last page, so a start-up holds one page of objects at a time. The fabric8 mock
 * server ignores {@code limit}; {@link Pages} serves its lists in pages as the API server does.
 */
class PagedListIT {
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final int PODS = 501;

  @Test
  void theInitialListsArePagedAndFollowContinueToTheLastPage() throws IOException {
    Pages pages = new Pages(new KubernetesMixedDispatcher(new HashMap<>()));
    KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), pages, false);
    server.init();
    MockCluster cluster = null;
    try (KubernetesClient client = server.createClient()) {
      cluster = new MockCluster(client).withDeployCheckCrd().withKServe();
      cluster.inferenceService(NS, ISVC, 1);
      for (int i = 0; i < PODS; i++) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(ISVC + "-predictor-" + i)
            .addToLabels("serving.kserve.io/inferenceservice", ISVC).addToLabels("component", "predictor")
            .addToLabels("pod-template-hash", "5558d7dfcc").withCreationTimestamp("2026-12-05T17:00:26Z")
            .endMetadata().withNewSpec().addNewContainer().withName("kserve-container").withImage("model:v1")
            .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
      }
      cluster.apply(NS, ISVC, ISVC, "3m");
      cluster.start(Instant.now());
      MockCluster started = cluster;
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        var status = started.get(NS, ISVC).getStatus();
        return status != null && status.getTotalPods() != null && status.getTotalPods() == PODS;
      });
    } finally {
      if (cluster != null) {
        cluster.stop();
      }
      server.destroy();
    }

    for (String path : List.of("/api/v1/pods", "/api/v1/events", "/apis/deploycheck.io/v1alpha1/deploychecks",
        "/apis/serving.kserve.io/v1beta1/inferenceservices")) {
      assertThat(pages.gets(path)).as("LISTs of " + path).isNotEmpty()
          .allSatisfy(query -> assertThat(query).containsEntry("limit", String.valueOf(EvidenceSources.LIST_PAGE)));
    }
    // 501 pods are two pages: the first request, then the continue token the server handed out
    assertThat(pages.gets("/api/v1/pods")).extracting(query -> query.get("continue")).containsExactly(null, "500");
  }

  /**
   * The CRUD mock's answer to a LIST with {@code limit}, cut into pages as the API server cuts it: a page of
   * {@code limit} items and a {@code continue} token (here the offset) while items remain. Records every GET.
   */
  static final class Pages extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Dispatcher crud;
    private final Map<String, List<Map<String, String>>> gets = Collections.synchronizedMap(new LinkedHashMap<>());

    Pages(Dispatcher crud) {
      this.crud = crud;
    }

    /** The query of every GET but watches, by path. */
    List<Map<String, String>> gets(String path) {
      return gets.getOrDefault(path, List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String[] pathAndQuery = request.getPath().split("\\?", 2);
      Map<String, String> query = pathAndQuery.length < 2 ? Map.of() : Arrays.stream(pathAndQuery[1].split("&"))
          .map(p -> p.split("=", 2))
          .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
              (a, b) -> b, LinkedHashMap::new));
      if (!"GET".equals(request.getMethod()) || "true".equals(query.get("watch"))) {
        return crud.dispatch(request);
      }
      gets.computeIfAbsent(pathAndQuery[0], k -> Collections.synchronizedList(new ArrayList<>())).add(query);
      if (!query.containsKey("limit")) {
        return crud.dispatch(request);
      }
      String rest = query.entrySet().stream().filter(e -> !Map.of("limit", "", "continue", "").containsKey(e.getKey()))
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
      MockResponse whole = crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
          pathAndQuery[0] + (rest.isEmpty() ? "" : "?" + rest), request.getHeaders(), request.getBody()));
      if (whole.code() != 200) {
        return whole;
      }
      try {
        ObjectNode list = (ObjectNode) JSON.readTree(whole.getBody().readUtf8());
        JsonNode items = list.path("items");
        int limit = Integer.parseInt(query.get("limit"));
        int from = query.containsKey("continue") ? Integer.parseInt(query.get("continue")) : 0;
        ArrayNode page = JSON.createArrayNode();
        for (int i = from; i < Math.min(items.size(), from + limit); i++) {
          page.add(items.get(i));
        }
        list.set("items", page);
        ObjectNode metadata = list.with("metadata");
        if (from + limit < items.size()) {
          metadata.put("continue", String.valueOf(from + limit));
        }
        return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(list));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
