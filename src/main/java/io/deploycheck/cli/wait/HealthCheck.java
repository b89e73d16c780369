package io.deploycheck.cli.wait;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.cli.Verdict;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.PodVerdict;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.ClientErrors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Asks a ready predictor pod's health endpoint through the API server's pod proxy
 * ({@code /api/v1/namespaces/NS/pods/POD:PORT/proxy/PATH}): nothing is needed in the image (no curl, guide problem
 * 3), no exec and no port-forward (guide problem 2), only RBAC {@code get} on {@code pods/proxy}. A 2xx answer passes
 * unless it says {@code "model_loaded": false}, the guide's own test of a loaded model.
 */
final class HealthCheck {
  static final int DEFAULT_PORT = 8080;
  /** The guide's urllib check waited as long. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Longest answer body kept for the output. */
  static final int MAX_BODY = 4000;
  private static final String MODEL_LOADED = "model_loaded";

  private final KubernetesClient client;

  HealthCheck(KubernetesClient client) {
    this.client = client;
  }

  HealthResult check(WaitRequest request, Verdict verdict) {
    WaitRequest.HealthProbe probe = request.health();
    String pod;
    try {
      pod = readyPredictor(request, verdict);
    } catch (KubernetesClientException e) {
      return HealthResult.unanswered(null, probe, "cannot list the pods: " + ClientErrors.explain(e));
    }
    if (pod == null) {
      return HealthResult.unanswered(null, probe, "no ready predictor pod to ask");
    }
    String url = client.getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/"
        + request.namespace() + "/pods/" + pod + ":" + probe.port() + "/proxy" + probe.path();
    // One request: the client would retry a 503 with back-off and answer with a timeout instead of the status.
    HttpClient http = client.getHttpClient().newBuilder().tag(new RequestConfigBuilder(
        client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build()).build();
    HttpRequest get = http.newHttpRequestBuilder().uri(url)
        .header("Accept", "application/json, */*").timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
    HttpResponse<String> response;
    try {
      response = http.sendAsync(get, String.class).get(TIMEOUT.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return HealthResult.unanswered(pod, probe, "no answer: " + cause.getMessage());
    } catch (TimeoutException e) {
      return HealthResult.unanswered(pod, probe, "no answer within " + TIMEOUT.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HealthResult.unanswered(pod, probe, "interrupted");
    }
    String body = response.body() == null ? "" : response.body().strip();
    JsonNode json = parse(body);
    JsonNode loaded = json == null ? null : json.get(MODEL_LOADED);
    Boolean modelLoaded = loaded != null && loaded.isBoolean() ? loaded.booleanValue() : null;
    String problem = !response.isSuccessful() ? "HTTP " + response.code()
        : Boolean.FALSE.equals(modelLoaded) ? MODEL_LOADED + " is false: the server is up but its model is not"
        : null;
    String kept = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "..." : body;
    return new HealthResult(pod, probe, response.code(), kept, json, modelLoaded, problem);
  }

  /**
   * A ready pod of the verdict (so of the newest revision, running the expected image) that is a predictor. The
   * verdict lists the pods of the checked components; one LIST of the InferenceService's pods tells which of them
   * are predictors.
   */
  private String readyPredictor(WaitRequest request, Verdict verdict) {
    Set<String> ready = verdict.pods().stream().filter(PodVerdict::ready).map(PodVerdict::name)
        .collect(Collectors.toCollection(TreeSet::new));
    if (ready.isEmpty()) {
      return null;
    }
    Set<String> predictors = client.pods().inNamespace(request.namespace())
        .withLabel(KServe.LABEL_INFERENCE_SERVICE, request.inferenceService()).list().getItems().stream()
        .filter(HealthCheck::isPredictor).map(p -> p.getMetadata().getName())
        .collect(Collectors.toSet());
    return ready.stream().filter(predictors::contains).findFirst().orElse(null);
  }

  /** Pods without KServe's component label are judged as predictors by the engine too. */
  private static boolean isPredictor(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    String component = labels == null ? null : labels.get(KServe.LABEL_COMPONENT);
    return component == null || CheckSpec.PREDICTOR.equals(component);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = new ObjectMapper().readTree(body);
      return node != null && node.isContainerNode() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
