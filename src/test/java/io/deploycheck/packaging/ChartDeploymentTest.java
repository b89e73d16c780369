package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator's Deployment, ServiceAccount, Service and PodDisruptionBudget as the chart renders them. */
class ChartDeploymentTest {
  private static final String IRSA = "eks.amazonaws.com/role-arn";

  @Test
  void podMeetsTheRestrictedPodSecurityStandard() {
    PodSpec pod = pod(HelmChart.render());
    PodSecurityContext podContext = pod.getSecurityContext();
    SecurityContext context = operator(pod).getSecurityContext();

    assertThat(podContext.getRunAsNonRoot()).isTrue();
    assertThat(podContext.getRunAsUser()).isEqualTo(65532L);
    assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(context.getRunAsNonRoot()).isTrue();
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getPrivileged()).isNull();
    assertThat(context.getReadOnlyRootFilesystem()).isTrue();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getCapabilities().getAdd()).isEmpty();
    assertThat(pod.getHostNetwork()).isNull();
    assertThat(pod.getHostPID()).isNull();
    assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
  }

  @Test
  void hostNetworkIsOptInKeepsClusterDnsAndUpgradesOnePodAtATime() {
    Rendering rendering = HelmChart.render(Map.of("hostNetwork", true));
    PodSpec pod = pod(rendering);

    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    // The Lease holder's identity: the pod's name, not the node's hostname that every replica on it shares.
    assertThat(operator(pod).getEnv()).filteredOn(env -> env.getName().equals("HOSTNAME")).singleElement()
        .satisfies(env -> assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
    // The old pod holds the node's port until it is gone: an upgrade stops one pod before it starts one.
    assertThat(rendering.one(Deployment.class).getSpec().getStrategy().getRollingUpdate())
        .satisfies(update -> {
          assertThat(update.getMaxSurge().getIntVal()).isZero();
          assertThat(update.getMaxUnavailable().getIntVal()).isEqualTo(1);
        });
    assertThat(HelmChart.render().one(Deployment.class).getSpec().getStrategy()).isNull();
    PodSpec byDefault = pod(HelmChart.render());
    assertThat(byDefault.getDnsPolicy()).isNull();
    assertThat(operator(byDefault).getEnv()).extracting(EnvVar::getName).doesNotContain("HOSTNAME");
  }

  @Test
  void tmpIsTheOnlyWritablePath() {
    PodSpec pod = pod(HelmChart.render());

    assertThat(operator(pod).getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).singleElement().satisfies(volume -> {
        assertThat(volume.getName()).isEqualTo(mount.getName());
        assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("64Mi"));
      });
    });
  }

  @Test
  void probesUseTheHealthEndpointsOnTheMetricsPort() {
    Container operator = operator(pod(HelmChart.render()));

    assertThat(operator.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http-metrics");
      assertThat(port.getContainerPort()).isEqualTo(8080);
    });
    assertHttpGet(operator.getStartupProbe(), "/healthz");
    assertHttpGet(operator.getLivenessProbe(), "/healthz");
    assertHttpGet(operator.getReadinessProbe(), "/readyz");
    assertThat(operator.getStartupProbe().getFailureThreshold() * operator.getStartupProbe().getPeriodSeconds())
        .as("seconds the JVM gets to start").isEqualTo(60);
  }

  @Test
  void resourcesHaveRequestsAndLimitsAndShutdownHasThirtySeconds() {
    PodSpec pod = pod(HelmChart.render());
    var resources = operator(pod).getResources();

    assertThat(resources.getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsOnlyKeys("cpu", "memory");
    assertThat(resources.getLimits().get("memory")).isEqualTo(new Quantity("512Mi"));
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
  }

  @Test
  void defaultsBecomeTheOperatorsEnvironment() {
    Map<String, String> env = env(operator(pod(HelmChart.render())));

    assertThat(env).containsExactly(
        Map.entry("POD_NAMESPACE", "fieldRef:metadata.namespace"),
        Map.entry("DEPLOYCHECK_NAMESPACES", ""),
        Map.entry("DEPLOYCHECK_PORT", "8080"),
        Map.entry("DEPLOYCHECK_LEADER_ELECTION", "true"),
        Map.entry("DEPLOYCHECK_LEADER_ELECTION_NAMESPACE", "$(POD_NAMESPACE)"),
        Map.entry("DEPLOYCHECK_VERIFY_REGISTRY", "true"),
        Map.entry("DEPLOYCHECK_ALLOW_CREATE_REPOSITORY", "false"),
        Map.entry("DEPLOYCHECK_EVENTS_ON_INFERENCE_SERVICES", "true"),
        Map.entry("DEPLOYCHECK_RUNBOOK_URL", "https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md"),
        Map.entry("DEPLOYCHECK_LOG_FORMAT", "json"));
  }

  @ParameterizedTest(name = "{0}={1} -> {2}={3}")
  @CsvSource({
      "metrics.port,                   9090,  DEPLOYCHECK_PORT,                         9090",
      "leaderElection.enabled,         false, DEPLOYCHECK_LEADER_ELECTION,              false",
      "registry.verify,                false, DEPLOYCHECK_VERIFY_REGISTRY,              false",
      "registry.allowCreateRepository, true,  DEPLOYCHECK_ALLOW_CREATE_REPOSITORY,      true",
      "eventsOnInferenceServices,      false, DEPLOYCHECK_EVENTS_ON_INFERENCE_SERVICES, false",
      "logFormat,                      text,  DEPLOYCHECK_LOG_FORMAT,                   text",
      "runbookUrl, https://wiki.example.com/runbook, DEPLOYCHECK_RUNBOOK_URL, https://wiki.example.com/runbook",
      "extraEnv[0].value,              ap-northeast-2, AWS_REGION,                      ap-northeast-2"})
  void valueReachesTheOperatorsEnvironment(String value, String setting, String variable, String expected) {
    Map<String, Object> values = new LinkedHashMap<>(Map.of(value, setting));
    values.put("extraEnv[0].name", "AWS_REGION");

    assertThat(env(operator(pod(HelmChart.render(values))))).containsEntry(variable, expected);
  }

  @Test
  void watchedNamespacesBecomeACommaList() {
    assertThat(env(operator(pod(HelmChart.render(HelmChart.NAMESPACED_VALUES)))))
        .containsEntry("DEPLOYCHECK_NAMESPACES", "kubeflow-user01,kubeflow-user02");
  }

  @Test
  void metricsPortMovesTheContainerPort() {
    assertThat(operator(pod(HelmChart.render(Map.of("metrics.port", 9090)))).getPorts().get(0).getContainerPort())
        .isEqualTo(9090);
  }

  @Test
  void imageDefaultsToTheAppVersionAndADigestWins() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);

    assertThat(operator(pod(HelmChart.render())).getImage()).isEqualTo("ghcr.io/deploycheck/deploycheck:0.1.0");
    assertThat(operator(pod(HelmChart.render(Map.of("image.digest", digest)))).getImage())
        .isEqualTo("ghcr.io/deploycheck/deploycheck@" + digest);
    assertThat(operator(pod(HelmChart.render())).getArgs()).as("the image's CMD (operator) runs").isEmpty();
  }

  @Test
  void serviceAccountCarriesTheIrsaRoleOnlyWhenOneIsGiven() {
    ServiceAccount account = HelmChart.render(HelmChart.NAMESPACED_VALUES).one(ServiceAccount.class);

    assertThat(account.getMetadata().getAnnotations())
        .containsEntry(IRSA, "arn:aws:iam::123456789012:role/deploycheck-ecr-read");
    assertThat(HelmChart.render().one(ServiceAccount.class).getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(pod(HelmChart.render()).getServiceAccountName()).isEqualTo(HelmChart.RELEASE);
  }

  @Test
  void serviceSelectsTheOperatorPodsOnTheMetricsPort() {
    Rendering rendering = HelmChart.render();
    Service service = rendering.one(Service.class);
    Deployment deployment = rendering.one(Deployment.class);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http-metrics");
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http-metrics");
    });
  }

  @Test
  void schedulingValuesReachThePod() {
    PodSpec pod = pod(HelmChart.render(Map.of(
        "nodeSelector.kubernetes\\.io/os", "linux",
        "tolerations[0].key", "dedicated",
        "tolerations[0].operator", "Exists",
        "priorityClassName", "system-cluster-critical")));

    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations()).singleElement().satisfies(toleration ->
        assertThat(toleration.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
  }

  @Test
  void podDisruptionBudgetIsOptIn() {
    assertThat(HelmChart.render().all(PodDisruptionBudget.class)).isEmpty();

    PodDisruptionBudget budget = HelmChart.render(HelmChart.NAMESPACED_VALUES).one(PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getMaxUnavailable()).isNull();

    PodDisruptionBudget percentage = HelmChart.render(Map.of(
        "podDisruptionBudget.enabled", true, "podDisruptionBudget.maxUnavailable", "50%")).one(PodDisruptionBudget.class);
    assertThat(percentage.getSpec().getMaxUnavailable().getStrVal()).isEqualTo("50%");
    assertThat(percentage.getSpec().getMinAvailable()).isNull();
  }

  private static PodSpec pod(Rendering rendering) {
    return rendering.one(Deployment.class).getSpec().getTemplate().getSpec();
  }

  private static Container operator(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  private static void assertHttpGet(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
  }

  /** Name to value, in order; a downward-API variable as fieldRef:PATH. */
  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    List<EnvVar> variables = container.getEnv();
    for (EnvVar variable : variables) {
      env.put(variable.getName(), variable.getValueFrom() == null
          ? variable.getValue() : "fieldRef:" + variable.getValueFrom().getFieldRef().getFieldPath());
    }
    return env;
  }
}
