package io.deploycheck.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.cli.CliRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad arguments: exit 2 with one line naming the problem, before any cluster is contacted. */
class WaitCommandTest {
  private static final Supplier<KubernetesClient> NO_CLUSTER = () -> {
    throw new AssertionError("bad arguments must be refused before connecting");
  };

  /** Stands for {@code -n kubeflow-user01 --inference-service california-housing} in the table. */
  private static final String VALID = "-n kubeflow-user01 --inference-service california-housing";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--inference-service california-housing | Missing required option: '--namespace=NS'",
      "-n kubeflow-user01 | Missing required option: '--inference-service=NAME'",
      "$ --timeout 5x | --timeout: \"5x\" is not a duration",
      "$ --timeout 0s | --timeout: \"0s\" must be a whole number",
      "$ --stuck-after 1500ms | --stuck-after: \"1500ms\" must be a whole",
      "$ --timeout 2m --stuck-after 3m | --stuck-after (3m) must be shorter than --timeout (2m)",
      "$ --timeout 1s | --timeout: 1s is too short to tell Progressing from Stuck",
      "$ --port 8080 | --port needs --health-path",
      "$ --health-path health | --health-path: \"health\" must be a URL path",
      "$ --health-path /health --port 70000 | --port: 70000 is not a port number",
      "$ --port http | Invalid value for option '--port'",
      "-n Kubeflow_User01 --inference-service california-housing | --namespace: \"Kubeflow_User01\" is not a valid",
      "-n kubeflow-user01 --inference-service california.housing | --inference-service: \"california.housing\" is not",
      "$ --expected-image HTTPS://ecr/model:1 | --expected-image: \"HTTPS://ecr/model:1\" is not an image",
      "$ -o yaml | Invalid value for option '--output'",
      "$ --wait-for ever | Unknown options: '--wait-for', 'ever'"})
  void badArgumentsExitWith2AndOneLine(String args, String message) {
    CliRun run = WaitRun.start(NO_CLUSTER, Clock.systemUTC(), args.replace("$", VALID).split(" ")).finish();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("deploycheck: ").contains(message);
  }
}
