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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /** One API group and resource with the verbs granted on it. */
  record Grant(String apiGroup, String resource, Set<String> verbs) {}

  private static final List<Grant> WATCHED_NAMESPACE = List.of(
      new Grant("", "pods", READ),
      new Grant("", "events", Set.of("get", "list", "watch", "create", "patch", "update")),
      new Grant("serving.kserve.io", "inferenceservices", READ),
      new Grant("deploycheck.io", "deploychecks", READ),
      new Grant("deploycheck.io", "deploychecks/status", Set.of("get", "update", "patch")));
  private static final List<Grant> CRDS = List.of(
      new Grant("apiextensions.k8s.io", "customresourcedefinitions", READ));
  private static final List<Grant> LEASES = List.of(
      new Grant("coordination.k8s.io", "leases", Set.of("get", "list", "watch", "create", "update", "patch")));

  @Test
  void clusterWideModeGrantsTheWatchRulesEverywhereAndTheLeaseInTheReleaseNamespace() {
    assertThat(operatorGrants(HelmChart.render())).isEqualTo(Map.of(
        CLUSTER, concat(WATCHED_NAMESPACE, CRDS),
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
  private static Map<String, List<Grant>> operatorGrants(Rendering rendering) {
    Map<String, List<Grant>> grants = new TreeMap<>();
    for (RoleBinding binding : rendering.all(RoleBinding.class, ChartRbacTest::bindsOperator)) {
      List<PolicyRule> rules = binding.getRoleRef().getKind().equals("Role")
          ? role(rendering, binding.getMetadata().getNamespace(), binding.getRoleRef()).getRules()
          : clusterRole(rendering, binding.getRoleRef().getName()).getRules();
      grants.computeIfAbsent(binding.getMetadata().getNamespace(), scope -> new ArrayList<>()).addAll(grants(rules));
    }
    for (ClusterRoleBinding binding : rendering.all(ClusterRoleBinding.class, ChartRbacTest::bindsOperator)) {
      grants.computeIfAbsent(CLUSTER, scope -> new ArrayList<>())
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
      assertThat(rule.getResourceNames()).as("rules apply to whole resources").isEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          assertThat(rule.getVerbs()).as("verbs of %s", resource).doesNotHaveDuplicates();
          grants.add(new Grant(group, resource, Set.copyOf(rule.getVerbs())));
        }
      }
    }
    return grants;
  }

  private static Role role(Rendering rendering, String namespace, RoleRef ref) {
    return rendering.all(Role.class, role -> role.getMetadata().getName().equals(ref.getName())
        && role.getMetadata().getNamespace().equals(namespace)).get(0);
  }

  private static ClusterRole clusterRole(Rendering rendering, String name) {
    return rendering.all(ClusterRole.class, role -> role.getMetadata().getName().equals(name)).get(0);
  }

  private static List<Grant> concat(List<Grant> first, List<Grant> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}
