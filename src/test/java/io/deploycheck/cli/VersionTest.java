package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.operator.OperatorSettings;
import io.deploycheck.testing.Pom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void versionOptionPrintsTheProjectVersionOfThePom() {
    CliRun run = CliRun.run("", "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("deploycheck " + Pom.version());
    assertThat(Pom.version()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  }

  @Test
  void operatorFirstLogLineNamesVersionWatchedNamespacesPortAndFeatures() {
    OperatorSettings clusterWide = new OperatorSettings(Set.of(), 8080, "deploycheck-system", true, false, true);
    OperatorSettings namespaced = new OperatorSettings(Set.of("team-b", "team-a"), 9090, null, false, true, false);

    assertThat(OperatorCommand.startupLine(Version.number(), clusterWide)).isEqualTo("deploycheck " + Pom.version()
        + " operator starting: watching all namespaces; /metrics, /healthz, /readyz on port 8080;"
        + " leader election on (Lease deploycheck-system/deploycheck-operator); ECR verification on;"
        + " ECR repository creation off; Events on InferenceServices on");
    assertThat(OperatorCommand.startupLine("1.2.3", namespaced)).isEqualTo("deploycheck 1.2.3 operator starting:"
        + " watching namespaces team-a,team-b; /metrics, /healthz, /readyz on port 9090; leader election off;"
        + " ECR verification off; ECR repository creation on; Events on InferenceServices off");
  }

  @Test
  void completionPrintsABashScriptThatCompletesEveryCommand() {
    CliRun run = CliRun.run("", "completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_deploycheck", "bashcompinit")
        .contains("diagnose", "operator", "doctor", "wait", "kubeconfig", "--inference-service");
  }
}
