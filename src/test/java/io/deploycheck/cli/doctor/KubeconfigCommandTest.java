package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and sources of {@code deploycheck doctor kubeconfig} that need no server. */
class KubeconfigCommandTest {
  @TempDir
  Path dir;

  @Test
  void isRegisteredUnderDoctor() {
    CliRun run = CliRun.run("", "doctor", "kubeconfig", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--kubeconfig=FILE", "--kubeconfig-data=BASE64", "Exit code: 0 all checks pass");
  }

  @Test
  void doctorAloneIsABadArgument() {
    CliRun run = CliRun.run("", "doctor");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand");
  }

  @Test
  void bothSourcesAtOnceIsABadArgument() {
    CliRun run = CliRun.run("", "doctor", "kubeconfig", "--kubeconfig", "a", "--kubeconfig-data", "b");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive").doesNotContain("Exception");
  }

  @Test
  void anUnreadableFileIsABadArgument() {
    CliRun missing = CliRun.run("", "doctor", "kubeconfig", "--kubeconfig", dir.resolve("absent").toString());
    CliRun directory = CliRun.run("", "doctor", "kubeconfig", "--kubeconfig", dir.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("deploycheck: --kubeconfig " + dir.resolve("absent")
        + ": no such file");
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory");
    assertThat(missing.out() + directory.out()).isEmpty();
  }

  @Test
  void aBadTimeoutIsABadArgument() {
    CliRun run = CliRun.run("", "doctor", "kubeconfig", "--kubeconfig-data", "eA==", "--timeout", "5x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("deploycheck: --timeout: ");
  }

  @Test
  void anEmptySecretIsAFindingNotABadArgument() {
    CliRun run = DoctorRun.run(new Environment(Map.of("KUBECONFIG_DATA", ""), dir));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[FAIL]  source          KUBECONFIG_DATA is set but empty")
        .contains("Reason:   KubeconfigInvalid");
  }

  @Test
  void garbageInTheSecretIsKubeconfigInvalidWithWhereItIs() {
    CliRun run = DoctorRun.run(new Environment(Map.of("KUBECONFIG_DATA", "YXBp*dmVy"), dir));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[FAIL]  base64          KUBECONFIG_DATA environment variable is not base64: '*'"
        + " at position 5 is not a base64 character").contains("Reason:   KubeconfigInvalid");
  }

  @Test
  void aYamlErrorOnTheTokensLineDoesNotPrintTheToken() throws IOException {
    Path file = Files.writeString(dir.resolve("config"),
        Kubeconfigs.token("https://127.0.0.1:6443").replace("token: " + Kubeconfigs.TOKEN,
            "token: " + Kubeconfigs.TOKEN + ": broken"));
    CliRun run = DoctorRun.run(new Environment(Map.of(), dir), "--kubeconfig", file.toString(), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"reason\" : \"KubeconfigInvalid\"")
        .contains("is not valid YAML at line 16, column 87: mapping values are not allowed here");
  }

  @Test
  void noKubeconfigAnywhereIsAFinding() {
    CliRun run = DoctorRun.run(new Environment(Map.of(), dir), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"reason\" : \"KubeconfigInvalid\"")
        .contains("no kubeconfig: KUBECONFIG_DATA and KUBECONFIG are not set and " + dir.resolve(".kube/config")
            + " does not exist");
  }

  @Test
  void aMissingKubeconfigFileFromTheEnvironmentIsAFinding() {
    CliRun run = DoctorRun.run(new Environment(Map.of("KUBECONFIG", dir.resolve("gone").toString()), dir));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(dir.resolve("gone") + " (first file of KUBECONFIG): no such file");
  }
}
