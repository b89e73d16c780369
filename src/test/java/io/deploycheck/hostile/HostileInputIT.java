package io.deploycheck.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.cli.Main;
import io.deploycheck.cli.wait.ClusterAccess;
import io.deploycheck.cli.wait.WaitCommand;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Generated hostile input for {@code diagnose}, {@code doctor} and {@code wait} (its arguments, against a cluster
 * that refuses): each case is a seed, so a failure
 * is reproduced by its number. Every run must end within its time bound with exit code 0, 1 or 2; on 2, stderr is
 * one line starting {@code deploycheck: } and never an internal error; no output holds a stack trace, a control
 * character (other than the line ends between lines) or a planted credential. The cases that could exhaust memory
 * (endless zeros, a 1 GiB+ log, a 100 MB line, a 100 MB kubeconfig) run the real jar in a JVM capped at 256 MiB.
 */
class HostileInputIT {
  private static final int DUMP_CASES = 150;
  private static final int LOG_CASES = 80;
  private static final int DOCTOR_CASES = 60;
  private static final int WAIT_CASES = 40;
  private static final Duration IN_PROCESS_BOUND = Duration.ofSeconds(60);
  private static final long JVM_BOUND_SECONDS = 120;
  private static final String HEAP = "-Xmx256m";
  private static final Path JAR = Path.of("target/deploycheck.jar");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Path> DUMPS = dumps();

  @TempDir
  static Path dir;

  static Stream<Integer> dumpSeeds() {
    return IntStream.range(0, DUMP_CASES).boxed();
  }

  static Stream<Integer> logSeeds() {
    return IntStream.range(0, LOG_CASES).boxed();
  }

  static Stream<Integer> doctorSeeds() {
    return IntStream.range(0, DOCTOR_CASES).boxed();
  }

  static Stream<Integer> waitSeeds() {
    return IntStream.range(0, WAIT_CASES).boxed();
  }

  @ParameterizedTest(name = "diagnose, dump seed {0}")
  @MethodSource("dumpSeeds")
  void diagnoseSurvivesMutatedDumps(int seed) throws IOException {
    Hostile hostile = new Hostile(seed);
    JsonNode dump = YAML.readTree(DUMPS.get(seed % DUMPS.size()).toFile());
    for (int i = 0, n = 1 + hostile.nextInt(4); i < n; i++) {
      dump = hostile.mutate(dump);
    }
    String text = hostile.nextInt(2) == 0 ? YAML.writeValueAsString(dump) : JSON.writeValueAsString(dump);
    byte[] bytes = hostile.damage(text);
    List<String> args = hostile.nextInt(3) == 0
        ? List.of("diagnose", "-", "-o", "json") : List.of("diagnose", "-");
    check(inProcess(bytes, args));
  }

  @ParameterizedTest(name = "diagnose, log seed {0}")
  @MethodSource("logSeeds")
  void diagnoseSurvivesHostileLogs(int seed) {
    Hostile hostile = new Hostile(1_000 + seed);
    List<String> lines = List.of("error: You must be logged in to the server (Unauthorized) ",
        "Error: Cannot perform an interactive login from a non TTY device ", "Health endpoint returned: 000 ",
        "Unable to connect to the server: ", "  Warning  Failed  kubelet  Failed to pull image \"",
        "exec: \"aws-iam-authenticator\": executable file not found in $PATH ", "Run kubectl apply -f isvc.yaml ");
    StringBuilder log = new StringBuilder();
    for (int i = 0, n = 1 + hostile.nextInt(50); i < n; i++) {
      log.append(hostile.pick(lines)).append(hostile.text()).append('\n');
    }
    List<String> args = hostile.nextInt(3) == 0 ? List.of("diagnose", "-o", "json") : List.of("diagnose");
    check(inProcess(hostile.damage(log.toString()), args));
  }

  @ParameterizedTest(name = "doctor, kubeconfig seed {0}")
  @MethodSource("doctorSeeds")
  void doctorSurvivesHostileKubeconfigs(int seed) throws IOException {
    Hostile hostile = new Hostile(2_000 + seed);
    // the server is a closed local port: every network check fails at once, without leaving the machine
    JsonNode config = YAML.readTree("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "https://ci:%s@127.0.0.1:1", insecure-skip-tls-verify: true}
        users:
        - name: u
          user: {token: "%s", username: admin, password: "%s"}
        contexts:
        - name: x
          context: {cluster: c, user: u, namespace: kubeflow-user01}
        current-context: x
        """.formatted(Hostile.SECRETS.get(6), Hostile.SECRETS.get(0), Hostile.SECRETS.get(5)));
    for (int i = 0, n = 1 + hostile.nextInt(3); i < n; i++) {
      config = hostile.mutate(config);
    }
    byte[] bytes = hostile.damage(YAML.writeValueAsString(config));
    List<String> args = new ArrayList<>(List.of("doctor", "kubeconfig", "--timeout", "2s"));
    if (hostile.nextInt(2) == 0) {
      Path file = dir.resolve("kubeconfig-" + seed);
      Files.write(file, bytes);
      args.addAll(List.of("--kubeconfig", file.toString()));
    } else {
      args.addAll(List.of("--kubeconfig-data", java.util.Base64.getEncoder().encodeToString(bytes)));
    }
    if (hostile.nextInt(3) == 0) {
      args.addAll(List.of("-o", "json"));
    }
    check(inProcess(new byte[0], args));
  }

  @ParameterizedTest(name = "wait, arguments seed {0}")
  @MethodSource("waitSeeds")
  void waitSurvivesHostileArguments(int seed) {
    Hostile hostile = new Hostile(3_000 + seed);
    List<String> durations = List.of("10m", "9999999999999h", "5124095h", "0s", "-1s", "1h1h1h1h1h1h1h1h", "x",
        "1".repeat(10_000) + "s");
    List<String> args = new ArrayList<>(List.of("wait", "-n", hostile.nextInt(2) == 0 ? "kubeflow-user01"
        : hostile.text(), "--inference-service", hostile.nextInt(2) == 0 ? "california-housing" : hostile.text()));
    for (String option : List.of("--timeout", "--stuck-after")) {
      if (hostile.nextInt(2) == 0) {
        args.addAll(List.of(option, hostile.pick(durations)));
      }
    }
    if (hostile.nextInt(2) == 0) {
      args.addAll(List.of("--expected-image", hostile.text()));
    }
    if (hostile.nextInt(3) == 0) {
      args.addAll(List.of("--health-path", hostile.text(), "--port", String.valueOf(hostile.nextInt(70_000) - 10)));
    }
    if (hostile.nextInt(3) == 0) {
      args.addAll(List.of("-o", "json"));
    }
    check(assertTimeoutPreemptively(IN_PROCESS_BOUND, () -> {
      CommandLine cli = Main.commandLine(new ByteArrayInputStream(new byte[0]));
      cli.getCommandSpec().removeSubcommand("wait");
      // a closed local port, no retries: whatever the arguments, the cluster refuses at once
      cli.addSubcommand(new WaitCommand(new ClusterAccess(() -> new KubernetesClientBuilder().withConfig(
          new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0)
              .withConnectionTimeout(1_000).build()).build(), true), Clock.systemUTC()));
      return execute(cli, args);
    }, () -> "still running after " + IN_PROCESS_BOUND + ": " + args));
  }

  /** Inputs that once crashed, hung or flooded the terminal, each run by the jar in a JVM of 256 MiB. */
  static Stream<Arguments> jvmCases() throws IOException {
    Path hundredMegabyteLine = hundredMegabytes("line.log",
        "error: You must be logged in to the server (Unauthorized) ", 'b', "\n");
    Path hugeKubeconfig = hundredMegabytes("huge-kubeconfig", "apiVersion: v1\nkind: Config\ncurrent-context: x\n# ",
        'c', "");
    Path missing = dir.resolve("no-such-kubeconfig");
    return Stream.of(
        Arguments.of("/dev/zero", List.of("diagnose", "/dev/zero"), Map.of(), null, "is binary data"),
        Arguments.of("1.1 GiB of log on stdin", List.of("diagnose", "-"), Map.of(), 1_100L << 20,
            "larger than the limit of 256 MiB for a log"),
        Arguments.of("100 MB log line", List.of("diagnose", hundredMegabyteLine.toString()), Map.of(), null, null),
        Arguments.of("100 MB kubeconfig", List.of("doctor", "kubeconfig", "--kubeconfig", hugeKubeconfig.toString()),
            Map.of(), null, "is larger than 4 MiB"),
        Arguments.of("wait, KUBECONFIG missing", List.of("wait", "-n", "a", "--inference-service", "b"),
            Map.of("KUBECONFIG", missing.toString()), null, "KUBECONFIG names " + missing + ", which does not exist"),
        Arguments.of("wait, 585 years", List.of("wait", "-n", "a", "--inference-service", "b", "--stuck-after",
            "5124095h"), Map.of(), null, "is longer than the longest duration"),
        Arguments.of("wait, hostile name", List.of("wait", "-n", "\u001b]52;c;cHduZWQ=\u0007", "--inference-service",
            "b\u009b2J"), Map.of("KUBECONFIG", missing.toString()), null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jvmCases")
  void theJarStaysWithinItsBoundsOnInputsThatOnceBrokeIt(String name, List<String> args, Map<String, String> env,
      Long stdinBytes, String expected) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP, "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Path out = dir.resolve("out-" + name.hashCode());
    Path err = dir.resolve("err-" + name.hashCode());
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    Thread feeder = new Thread(() -> feed(process, stdinBytes));
    feeder.start();
    boolean ended = process.waitFor(JVM_BOUND_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as(name + " ends within " + JVM_BOUND_SECONDS + " s").isTrue();
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    check(run);
    assertThat(run.out().length() + run.err().length()).as("output is bounded").isLessThan(64 * 1024);
    if (expected != null) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains(expected);
    }
  }

  /** A file of {@code start}, 100 MiB of {@code fill} on the same line, and {@code end}. */
  private static Path hundredMegabytes(String name, String start, char fill, String end) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(start.getBytes(StandardCharsets.UTF_8));
      byte[] run = String.valueOf(fill).repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 100; i++) {
        out.write(run);
      }
      out.write(end.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** Writes {@code bytes} of log lines to the process's stdin (none: closes it), until the process stops reading. */
  private static void feed(Process process, Long bytes) {
    try (OutputStream in = process.getOutputStream()) {
      if (bytes == null) {
        return;
      }
      byte[] line = "2026-01-01T00:00:00Z step output of a CI job that keeps going\n".getBytes(StandardCharsets.UTF_8);
      byte[] block = new byte[line.length * 16_384];
      for (int i = 0; i < 16_384; i++) {
        System.arraycopy(line, 0, block, i * line.length, line.length);
      }
      for (long written = 0; written < bytes; written += block.length) {
        in.write(block);
      }
    } catch (IOException stopped) {
      // the process refused more input: what the limit is for
    }
  }

  private static Run inProcess(byte[] stdin, List<String> args) {
    return assertTimeoutPreemptively(IN_PROCESS_BOUND,
        () -> execute(Main.commandLine(new ByteArrayInputStream(stdin)), args),
        () -> "still running after " + IN_PROCESS_BOUND + ": " + args);
  }

  private static Run execute(CommandLine cli, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static void check(Run run) {
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isIn(0, 1, 2);
    String all = run.out() + run.err();
    if (run.exitCode() == 2) {
      assertThat(run.err().lines()).as("one line on stderr").hasSize(1);
      assertThat(run.err()).startsWith("deploycheck: ");
    }
    assertThat(run.err()).as("no internal error").doesNotContain("internal error");
    assertThat(all).as("no stack trace").doesNotContain("\tat ", "Exception in thread", "java.lang.");
    assertThat(all.replace("\n", "").chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)).findFirst())
        .as("no control character").isEmpty();
    assertThat(all).as("no bidi or line-separator control")
        .doesNotContainPattern("[\u202a-\u202e\u2066-\u2069\u2028\u2029]");
    for (String secret : Hostile.SECRETS) {
      assertThat(all).as("no planted credential").doesNotContain(secret);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<Path> dumps() {
    try (Stream<Path> files = Stream.concat(Files.list(Path.of("examples/dumps")),
        Files.walk(Path.of("src/test/resources/fixtures")).filter(p -> p.toString().endsWith(".yaml"))
            .filter(p -> !p.toString().contains("/logs/")))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Run(int exitCode, String out, String err) {}
}
