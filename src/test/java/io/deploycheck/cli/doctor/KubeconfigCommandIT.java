package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.cli.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor kubeconfig} end to end against a local API server stand-in, with fake credential plugins. */
class KubeconfigCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the AWS CLI prints when it has no credentials (exit code 255), from test_aws_configure_in_error_message_no_
   * credentials in https://github.com/aws/aws-cli/blob/develop/tests/unit/test_clidriver.py
   */
  private static final String AWS_NO_CREDENTIALS =
      "Unable to locate credentials. You can configure credentials by running \"aws configure\".";

  /**
   * The ExecCredential {@code aws eks get-token} prints (see _run_main in
   * https://github.com/aws/aws-cli/blob/develop/awscli/customizations/eks/get_token.py), with a fake token.
   */
  private static final String EXEC_CREDENTIAL = "{\"kind\": \"ExecCredential\", \"apiVersion\": "
      + "\"client.authentication.k8s.io/v1beta1\", \"spec\": {}, \"status\": {\"expirationTimestamp\": "
      + "\"2026-11-27T10:14:00Z\", \"token\": \"" + Kubeconfigs.EKS_TOKEN + "\"}}";

  @TempDir
  Path dir;

  private Path bin;
  private Path home;
  private FakeApiServer server;

  @BeforeEach
  void directories() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    home = Files.createDirectories(dir.resolve("home"));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tokenKubeconfigPassesEveryCheckAndSendsTheToken() throws IOException {
    server = FakeApiServer.http();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.token(server.url())).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("all checks passed")
        .contains("authenticated as jane.doe (groups students, teachers, system:authenticated) on Kubernetes v1.32.3")
        .contains("[ok]    context         \"test\": server " + server.url() + ", user \"ci\" with bearer token");
    assertThat(server.authorizations).contains("Bearer " + Kubeconfigs.TOKEN);
  }

  @Test
  void rejectedTokenIsKubeconfigUnauthorizedWithTheGuidesFix() throws IOException {
    server = FakeApiServer.http().rejectingCredentials();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.token(server.url())).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[FAIL]  authentication  GET /version: HTTP 401 (Unauthorized)")
        .contains("Reason:   KubeconfigUnauthorized (guide problem 5)")
        .contains("aws eks update-kubeconfig for the cluster's name and region").doesNotContain("<cluster>")
        .contains("base64 -w 0");
  }

  @Test
  void awsEksExecPluginIsRunAndItsTokenSent() throws IOException {
    server = FakeApiServer.http();
    script("aws", "echo \"$@\" > \"" + dir.resolve("aws-args") + "\"\necho \"$KUBERNETES_EXEC_INFO\" > \""
        + dir.resolve("exec-info") + "\"\ncat <<'EOF'\n" + EXEC_CREDENTIAL + "\nEOF\n");
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.awsEks(server.url())).toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(server.authorizations).containsOnly("Bearer " + Kubeconfigs.EKS_TOKEN);
    assertThat(Files.readString(dir.resolve("aws-args")).strip())
        .isEqualTo("--region ap-northeast-2 eks get-token --cluster-name mlops-training-cluster --output json");
    assertThat(Files.readString(dir.resolve("exec-info"))).contains("\"interactive\":false");
    assertThat(run.out()).contains("aws found at " + bin.resolve("aws"));
  }

  @Test
  void awsEksUnauthorizedHintNamesTheClusterAndRegion() throws IOException {
    server = FakeApiServer.http().rejectingCredentials();
    script("aws", "cat <<'EOF'\n" + EXEC_CREDENTIAL + "\nEOF\n");
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.awsEks(server.url())).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("KubeconfigUnauthorized")
        .contains("aws eks update-kubeconfig --name mlops-training-cluster --region ap-northeast-2");
  }

  @Test
  void missingAuthenticatorIsKubeconfigExecPluginMissingAndTheServerIsStillTried() throws IOException {
    server = FakeApiServer.http();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.iamAuthenticator(server.url())).toString(),
        "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("reason").asText()).isEqualTo("KubeconfigExecPluginMissing");
    assertThat(report.path("hint").asText()).contains("from aws-iam-authenticator, which is not on PATH");
    assertThat(names(report)).containsExactly("source", "yaml", "context", "exec-plugin", "server");
    assertThat(report.path("checks").path(3).path("detail").asText())
        .startsWith("aws-iam-authenticator is not on PATH")
        .contains("aws-iam-authenticator token -i mlops-training-cluster");
    assertThat(report.path("checks").path(4).path("ok").asBoolean()).isTrue();
  }

  @Test
  void pluginWithoutAwsCredentialsIsUnauthorizedWithTheCliError() throws IOException {
    server = FakeApiServer.http();
    script("aws", "echo '" + AWS_NO_CREDENTIALS + "' >&2\nexit 255\n");
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.awsEks(server.url())).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("exited with code 255: " + AWS_NO_CREDENTIALS)
        .contains("Reason:   KubeconfigUnauthorized");
    assertThat(server.authorizations).isEmpty();
  }

  @Test
  void pluginThatHangsIsStoppedAtTheTimeout() throws IOException {
    server = FakeApiServer.http();
    script("aws", "exec sleep 30\n");
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.awsEks(server.url())).toString(),
        "--timeout", "1s");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("did not finish within 1s");
  }

  @Test
  void pluginOutputNeverShowsTheTokenItPrints() throws IOException {
    server = FakeApiServer.http();
    script("aws", "echo 'debug: token " + Kubeconfigs.EKS_TOKEN + "' >&2\nexit 1\n");
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.awsEks(server.url())).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("exited with code 1: debug: token ***");
  }

  @Test
  void closedPortIsKubeconfigUnreachableWithTheRuntimesError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CliRun run = DoctorRun.run(env(), "--kubeconfig",
        file(Kubeconfigs.token("http://127.0.0.1:" + port)).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[FAIL]  server          cannot connect to 127.0.0.1:" + port
            + ": Connection refused")
        .contains("Reason:   KubeconfigUnreachable")
        .contains("The API server http://127.0.0.1:" + port + " cannot be reached");
    assertThat(run.out()).doesNotContain("authentication");
  }

  @Test
  void clientCertificateAuthenticatesOverTls() throws IOException {
    server = FakeApiServer.https();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.clientCertificate(server.url())).toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("certificate trusted")
        .contains("authenticated as ci-deployer (groups deployers, system:authenticated)");
    assertThat(server.authorizations).containsOnly("null");
  }

  @Test
  void serverCertificateFromAnotherCaIsUnreachableWithTheHandshakeError() throws IOException {
    server = FakeApiServer.https();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.token(server.url())).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("TLS handshake with 127.0.0.1:")
        .contains("PKIX path building failed")
        .contains("Reason:   KubeconfigUnreachable");
  }

  @Test
  void readsKubeconfigDataFirst() throws IOException {
    server = FakeApiServer.http();
    file(Kubeconfigs.token("http://127.0.0.1:1")); // a broken KUBECONFIG must not be used instead
    CliRun run = DoctorRun.run(env(Map.of("KUBECONFIG_DATA", Kubeconfigs.base64(Kubeconfigs.token(server.url())),
        "KUBECONFIG", dir.resolve("kubeconfig").toString())));

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("source          KUBECONFIG_DATA environment variable")
        .contains("base64          decodes to");
  }

  @Test
  void readsTheFirstFileOfKubeconfigNext() throws IOException {
    server = FakeApiServer.http();
    Path first = file(Kubeconfigs.token(server.url()));
    CliRun run = DoctorRun.run(env(Map.of("KUBECONFIG", first + ":" + dir.resolve("absent"))));

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("source          " + first + " (first file of KUBECONFIG)")
        .doesNotContain("base64");
  }

  @Test
  void readsHomeKubeConfigLast() throws IOException {
    server = FakeApiServer.http();
    Path config = Files.createDirectories(home.resolve(".kube")).resolve("config");
    Files.writeString(config, Kubeconfigs.token(server.url()));
    CliRun run = DoctorRun.run(env());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("source          " + config);
  }

  @Test
  void lineWrappedKubeconfigDataWorksWithAWarning() throws IOException {
    server = FakeApiServer.http();
    CliRun run = DoctorRun.run(env(Map.of("KUBECONFIG_DATA", Kubeconfigs.wrapped(Kubeconfigs.token(server.url())))),
        "-o", "json");

    assertThat(run.exitCode()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("reason").isNull()).isTrue();
    assertThat(report.path("hint").isNull()).isTrue();
    JsonNode base64 = report.path("checks").path(1);
    assertThat(base64.path("name").asText()).isEqualTo("base64");
    assertThat(base64.path("ok").asBoolean()).isTrue();
    assertThat(base64.path("detail").asText())
        .contains("warning: KUBECONFIG_DATA environment variable is wrapped every 76 characters (base64 without -w 0)");
  }

  @Test
  void kubeconfigDataThatIsNotBase64IsKubeconfigInvalid() throws IOException {
    CliRun run = DoctorRun.run(env(Map.of("KUBECONFIG_DATA", "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n"
        + "  user:\n    token: " + Kubeconfigs.TOKEN + "\n")), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("reason").asText()).isEqualTo("KubeconfigInvalid");
    assertThat(report.path("checks").path(1).path("detail").asText())
        .isEqualTo("KUBECONFIG_DATA environment variable holds the kubeconfig YAML itself, not its base64 encoding");
    assertThat(report.path("hint").asText()).contains("cat ~/.kube/config | base64 -w 0");
  }

  @Test
  void everyReportedCheckHasNameOkAndDetail() throws IOException {
    server = FakeApiServer.http();
    CliRun run = DoctorRun.run(env(), "--kubeconfig", file(Kubeconfigs.token(server.url())).toString(), "-o",
        "json");

    JsonNode report = JSON.readTree(run.out());
    assertThat(names(report)).containsExactly("source", "yaml", "context", "exec-plugin", "server", "authentication");
    report.path("checks").forEach(check -> {
      assertThat(check.path("ok").asBoolean()).isTrue();
      assertThat(check.path("detail").asText()).isNotBlank();
    });
  }

  private Environment env() {
    return env(Map.of());
  }

  private Environment env(Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(variables);
    all.put("PATH", bin.toString());
    return new Environment(all, home);
  }

  private Path file(String kubeconfig) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), kubeconfig);
  }

  private void script(String name, String body) throws IOException {
    // the fake sees the system tools, while doctor looks plugins up in bin/ alone
    Path script = Files.writeString(bin.resolve(name), "#!/bin/sh\nPATH=/usr/bin:/bin\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static List<String> names(JsonNode report) {
    List<String> names = new ArrayList<>();
    report.path("checks").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }
}
