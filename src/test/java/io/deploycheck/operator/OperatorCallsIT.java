package io.deploycheck.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deploycheck.api.v1alpha1.DeployCheckStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Derives the operator's permissions from the calls it makes: the operator runs against the mock API server with
 * leader election on, through a rollout that exercises every write (status, a new Event, a repeated Event on the
 * DeployCheck and the InferenceService, the Lease), and every request of its client is turned into the RBAC verb,
 * group, resource and name the API server would authorize. The result must equal {@value #CALLS}, which
 * {@code ChartRbacTest} compares with the chart's roles. Rewrite the file with {@code -Dcalls.update=true}.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorCallsIT {
  static final String CALLS = "src/test/resources/operator/api-calls.txt";
  private static final String AGENT = "deploycheck-operator-calls";
  private static final String NS = "kubeflow-user01";
  private static final String ISVC = "california-housing";
  private static final String LEASE_NAMESPACE = "deploycheck-system";
  /** /api/v1/... or /apis/group/version/..., then an optional namespace, the resource, a name, a subresource. */
  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<ns>[^/?]+))?/(?<resource>[^/?]+)"
          + "(?:/(?<name>[^/?]+))?(?:/(?<sub>[^/?]+))?(?:\\?(?<query>.*))?$");

  private static final Pattern DISCOVERY = Pattern.compile("^/(?:version|api(?:/v1)?|apis(?:/[^/?]+){0,2})/?(?:\\?.*)?$");

  /**
   * Verbs on Leases that JOSDK's LeaderElectionManager.checkLeaseAccess demands (by a SelfSubjectRulesReview)
   * before it runs for leader, whether or not the elector then calls them: without update it refuses to start.
   */
  private static final Set<String> LEASE_CHECK = Set.of("create", "update", "get");

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void theCallsTheOperatorMakesAreTheCommittedList() throws Exception {
    MockCluster setup = new MockCluster(client).withDeployCheckCrd().withKServe();
    // JOSDK asks what it may do with Leases before it runs for leader; the mock server answers with what the
    // committed list grants, so a list that lacks a verb JOSDK demands fails here as the real cluster would
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs(committedLeaseVerbs())
            .endResourceRule().withIncomplete(false).endStatus().build())
        .always();
    KubernetesClient audited = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build()).build();
    MockCluster operator = new MockCluster(audited);
    try {
      operator.start(Instant.now(), new OperatorSettings(Set.of(), 0, LEASE_NAMESPACE, false, false, true), null);
      setup.apply(NS, ISVC, ISVC, "1s");
      // no InferenceService: Stuck after a second (status, Warning Events on the check)
      awaitStatus(setup, s -> "Stuck".equals(s.getPhase()));
      // someone else touches the Event (as a restart forgets what was written): the repeat's update conflicts, and
      // the operator reads the Event before it bumps the count
      Event warning = await().atMost(Duration.ofSeconds(30)).until(
          () -> setup.eventsAbout(NS, "DeployCheck", ISVC), events -> !events.isEmpty()).get(0);
      warning.getMetadata().setLabels(Map.of("touched-by", "test"));
      setup.client.v1().events().resource(warning).update();
      // it appears: Progressing; it goes again: Stuck for the same reason, so the same Events are updated
      setup.inferenceService(NS, ISVC, 1);
      awaitStatus(setup, s -> "Progressing".equals(s.getPhase()));
      setup.client.genericKubernetesResources(MockCluster.ISVC_API, "InferenceService").inNamespace(NS)
          .withName(ISVC).delete();
      awaitStatus(setup, s -> "Stuck".equals(s.getPhase()));
      await().atMost(Duration.ofSeconds(30)).until(() -> setup.eventsAbout(NS, "DeployCheck", ISVC).stream()
          .anyMatch(e -> e.getCount() != null && e.getCount() >= 2));
      // and the Lease renewed at least once after it was taken
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(OperatorSettings.LEASE_NAME).get();
        return lease != null && lease.getSpec().getRenewTime() != null
            && lease.getSpec().getRenewTime().isAfter(lease.getSpec().getAcquireTime());
      });
    } finally {
      operator.stop();
      audited.close();
    }

    String calls = render(calls());
    if (Boolean.getBoolean("calls.update")) {
      Files.writeString(Path.of(CALLS), calls);
    }
    assertThat(calls).as("the operator's calls drifted from " + CALLS + ": run mvn verify -Dtest=none"
        + " -Dit.test=OperatorCallsIT -Dcalls.update=true and update the chart's RBAC")
        .isEqualTo(Files.readString(Path.of(CALLS)));
  }

  /** group resource -> verbs, and names where every call names one object (RBAC resourceNames). */
  private Map<String, Set<String>> calls() throws InterruptedException {
    Map<String, Set<String>> verbs = new TreeMap<>();
    Map<String, Set<String>> names = new TreeMap<>();
    Set<String> fixedNames = new TreeSet<>();
    for (RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS); request != null;
        request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if (!AGENT.equals(request.getHeader("User-Agent")) || DISCOVERY.matcher(request.getPath()).matches()) {
        continue; // the test's own calls, or discovery, which Kubernetes grants every client (system:discovery)
      }
      Matcher path = PATH.matcher(request.getPath());
      assertThat(path.matches()).as("an API path: " + request.getPath()).isTrue();
      String group = path.group("group") == null ? "core" : path.group("group");
      String resource = path.group("resource") + (path.group("sub") == null ? "" : "/" + path.group("sub"));
      String query = path.group("query") == null ? "" : URLDecoder.decode(path.group("query"), StandardCharsets.UTF_8);
      String name = path.group("name");
      Matcher selected = Pattern.compile("fieldSelector=metadata\\.name=([^&,]+)").matcher(query);
      if (name == null && selected.find()) {
        name = selected.group(1);
        fixedNames.add(group + " " + resource);
      }
      String verb = switch (request.getMethod()) {
        case "GET" -> path.group("name") != null ? "get" : query.contains("watch=true") ? "watch" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> path.group("name") != null ? "delete" : "deletecollection";
        default -> throw new AssertionError("unexpected method " + request.getMethod());
      };
      String key = group + " " + resource;
      verbs.computeIfAbsent(key, k -> new TreeSet<>()).add(verb);
      names.computeIfAbsent(key, k -> new TreeSet<>()).add(name == null ? "*" : name);
    }
    verbs.computeIfAbsent("coordination.k8s.io leases", k -> new TreeSet<>()).addAll(LEASE_CHECK);
    Map<String, Set<String>> lines = new TreeMap<>();
    verbs.forEach((key, set) -> {
      Set<String> named = names.get(key);
      // a resource whose list and watch the code itself limits to one name, and whose every call names it
      String limit = fixedNames.contains(key) && named.size() == 1 && !named.contains("*")
          ? " " + named.iterator().next() : "";
      lines.put(key + " " + String.join(",", set) + limit, set);
    });
    return lines;
  }

  private static List<String> committedLeaseVerbs() throws IOException {
    return Files.readAllLines(Path.of(CALLS)).stream().filter(line -> line.startsWith("coordination.k8s.io leases "))
        .map(line -> List.of(line.split(" ")[2].split(","))).findFirst().orElse(List.of("*"));
  }

  private static String render(Map<String, Set<String>> lines) {
    StringBuilder out = new StringBuilder("# group resource verbs [resourceName]: the calls the operator makes, as"
        + " OperatorCallsIT records them.\n# ChartRbacTest checks that the chart grants exactly these.\n");
    lines.keySet().forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  private static DeployCheckStatus awaitStatus(MockCluster cluster, Predicate<DeployCheckStatus> wanted) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> {
      var check = cluster.get(NS, ISVC);
      return check == null ? null : check.getStatus();
    }, status -> status != null && wanted.test(status));
  }
}
