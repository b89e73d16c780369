package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's permissions are exactly what it uses (DESIGN section 8: no Secrets, no pods/exec, no wildcards).
 * The tests follow the bindings of the operator's ServiceAccount to the roles they grant, so they check what the
 * operator can do, not merely which roles exist.
 */
class ChartRbacTest {
  private static final String CLUSTER = "(cluster)";
  private static final Set<String> READ = Set.of("get", "list", "watch");
  private static final Set<String> READ_ALL = Set.of("list", "watch");

  /** One API group and resource with the verbs granted on it, and the only objects it applies to (empty: all). */
  record Grant(String apiGroup, String resource, Set<String> verbs, Set<String> names) {
    Grant(String apiGroup, String resource, Set<String> verbs) {
      this(apiGroup, resource, verbs, Set.of());
    }
  }

  /**
   * Exactly the calls the operator makes, as OperatorCallsIT records them, minus what Kubernetes grants every
   * authenticated client anyway (system:basic-user: SelfSubjectRulesReview, which JOSDK asks before leader election).
   */
  private static final List<Grant> CALLS = calls();
  private static final Set<Grant> CRDS = only(CALLS, "customresourcedefinitions");
  /** Cluster-scoped: granted only when all namespaces are watched; a namespaced operator does not read Nodes. */
  private static final Set<Grant> NODES = only(CALLS, "nodes");
  /**
   * Plus update: JOSDK 5.2's LeaderElectionManager refuses to start unless a SelfSubjectRulesReview grants leases
   * create, update and get, though the lease is only ever patched (e2e: the operator did not start without it).
   */
  private static final Set<Grant> LEASES = only(CALLS, "leases").stream()
      .map(g -> new Grant(g.apiGroup(), g.resource(), concat(g.verbs(), Set.of("update")), g.names()))
      .collect(Collectors.toSet());
  private static final Set<Grant> WATCHED_NAMESPACE = CALLS.stream()
      .filter(g -> !CRDS.contains(g) && !NODES.contains(g) && !g.resource().equals("leases"))
      .collect(Collectors.toSet());

  @Test
  void clusterWideModeGrantsTheWatchRulesAndNodesEverywhereAndTheLeaseInTheReleaseNamespace() {
    assertThat(NODES).containsExactly(new Grant("", "nodes", READ_ALL));
    assertThat(operatorGrants(HelmChart.render())).isEqualTo(Map.of(
        CLUSTER, concat(concat(WATCHED_NAMESPACE, CRDS), NODES),
        HelmChart.NAMESPACE, LEASES));
  }

  @Test
  void namespacedModeGrantsTheWatchRulesPerNamespaceAndOnlyCrdReadingClusterWide() {
    Rendering rendering = HelmChart.render(HelmChart.NAMESPACED_VALUES);

    assertThat(operatorGrants(rendering)).isEqualTo(Map.of(
        CLUSTER, CRDS,
        "kubeflow-user01", WATCHED_NAMESPACE,
        "kubeflow-user02", WATCHED_NAMESPACE,
        HelmChart.NAMESPACE, LEASES));
    assertThat(rendering.all(Role.class)).extracting(role -> role.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("kubeflow-user01", "kubeflow-user02", HelmChart.NAMESPACE);
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseAccess() {
    Rendering rendering = HelmChart.render(Map.of("leaderElection.enabled", false));

    assertThat(operatorGrants(rendering)).containsOnlyKeys(CLUSTER);
  }

  @Test
  void noRoleHasWildcardsSecretsOrExec() {
    for (Rendering rendering : List.of(HelmChart.render(), HelmChart.render(HelmChart.NAMESPACED_VALUES))) {
      List<PolicyRule> rules = Stream.concat(
              rendering.all(Role.class).stream().flatMap(role -> role.getRules().stream()),
              rendering.all(ClusterRole.class).stream().flatMap(role -> role.getRules().stream()))
          .toList();
      assertThat(rules).isNotEmpty().allSatisfy(rule -> {
        assertThat(rule.getApiGroups()).doesNotContain("*");
        assertThat(rule.getResources()).doesNotContain("*", "secrets", "pods/exec", "pods/attach",
            "pods/portforward", "pods/proxy");
        assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
        assertThat(rule.getNonResourceURLs()).isEmpty();
      });
    }
  }

  @Test
  void defaultRolesLetViewersReadAndEditorsWriteDeployChecks() {
    Rendering rendering = HelmChart.render();
    ClusterRole view = clusterRole(rendering, "deploycheck-view");
    ClusterRole edit = clusterRole(rendering, "deploycheck-edit");

    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
    assertThat(grants(view.getRules())).containsExactly(
        new Grant("deploycheck.io", "deploychecks", READ), new Grant("deploycheck.io", "deploychecks/status", READ));
    assertThat(edit.getMetadata().getLabels())
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-view");
    assertThat(grants(edit.getRules())).containsExactly(new Grant("deploycheck.io", "deploychecks",
        Set.of("create", "update", "patch", "delete", "deletecollection")));

    assertThat(HelmChart.render(Map.of("rbac.aggregateToDefaultRoles", false)).all(ClusterRole.class))
        .extracting(role -> role.getMetadata().getName()).containsExactly("deploycheck");
  }

  @Test
  void rbacCanBeLeftToTheCluster() {
    Rendering rendering = HelmChart.render(Map.of("rbac.create", false));

    assertThat(rendering.manifests()).map(manifest -> manifest.object().getKind())
        .doesNotContain("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")
        .contains("ServiceAccount", "Deployment");
  }

  @Test
  void anExistingServiceAccountIsBoundWhenTheChartDoesNotCreateOne() {
    Rendering rendering = HelmChart.render(Map.of("serviceAccount.create", false, "serviceAccount.name", "platform-sa"));

    assertThat(rendering.all(ServiceAccount.class)).isEmpty();
    assertThat(rendering.all(ClusterRoleBinding.class).get(0).getSubjects()).extracting(Subject::getName)
        .containsExactly("platform-sa");
    assertThatThrownBy(() -> HelmChart.render(Map.of("serviceAccount.create", false)))
        .hasMessageContaining("serviceAccount.name is required");
  }

  /** Scope (a namespace, or the cluster) to the grants the operator's ServiceAccount holds there. */
  private static Map<String, Set<Grant>> operatorGrants(Rendering rendering) {
    Map<String, Set<Grant>> grants = new TreeMap<>();
    for (RoleBinding binding : rendering.all(RoleBinding.class, ChartRbacTest::bindsOperator)) {
      List<PolicyRule> rules = binding.getRoleRef().getKind().equals("Role")
          ? role(rendering, binding.getMetadata().getNamespace(), binding.getRoleRef()).getRules()
          : clusterRole(rendering, binding.getRoleRef().getName()).getRules();
      grants.computeIfAbsent(binding.getMetadata().getNamespace(), scope -> new HashSet<>()).addAll(grants(rules));
    }
    for (ClusterRoleBinding binding : rendering.all(ClusterRoleBinding.class, ChartRbacTest::bindsOperator)) {
      grants.computeIfAbsent(CLUSTER, scope -> new HashSet<>())
          .addAll(grants(clusterRole(rendering, binding.getRoleRef().getName()).getRules()));
    }
    return grants;
  }

  private static boolean bindsOperator(HasMetadata binding) {
    List<Subject> subjects = binding instanceof RoleBinding roleBinding
        ? roleBinding.getSubjects() : ((ClusterRoleBinding) binding).getSubjects();
    return subjects.stream().anyMatch(subject -> subject.getKind().equals("ServiceAccount")
        && subject.getName().equals(HelmChart.RELEASE) && subject.getNamespace().equals(HelmChart.NAMESPACE));
  }

  private static List<Grant> grants(List<PolicyRule> rules) {
    List<Grant> grants = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          assertThat(rule.getVerbs()).as("verbs of %s", resource).doesNotHaveDuplicates();
          grants.add(new Grant(group, resource, Set.copyOf(rule.getVerbs()), Set.copyOf(rule.getResourceNames())));
        }
      }
    }
    return grants;
  }

  private static List<Grant> calls() {
    try {
      return Files.readAllLines(Path.of("src/test/resources/operator/api-calls.txt")).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split(" "))
          .filter(f -> !f[0].equals("authorization.k8s.io"))
          .map(f -> new Grant(f[0].equals("core") ? "" : f[0], f[1], Set.of(f[2].split(",")),
              f.length > 3 ? Set.of(f[3]) : Set.of()))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<Grant> only(List<Grant> grants, String resource) {
    return grants.stream().filter(g -> g.resource().equals(resource)).collect(Collectors.toSet());
  }

  private static Role role(Rendering rendering, String namespace, RoleRef ref) {
    return rendering.all(Role.class, role -> role.getMetadata().getName().equals(ref.getName())
        && role.getMetadata().getNamespace().equals(namespace)).get(0);
  }

  private static ClusterRole clusterRole(Rendering rendering, String name) {
    return rendering.all(ClusterRole.class, role -> role.getMetadata().getName().equals(name)).get(0);
  }

  private static <T> Set<T> concat(Set<T> first, Set<T> second) {
    return Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet());
  }
}
