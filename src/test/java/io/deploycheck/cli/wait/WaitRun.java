package io.deploycheck.cli.wait;

import io.deploycheck.cli.CliRun;
import io.deploycheck.cli.Main;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs {@code deploycheck wait} in-process through the real command line (exit codes and error handling included),
 * against a cluster of the test's choosing and with the clock set to the fixture's moment.
 */
final class WaitRun {
  private WaitRun() {}

  /** Against the mock server, at {@code now}: a new client per run (wait closes it), no Event field selectors. */
  static CliRun against(KubernetesClient cluster, Instant now, String... args) {
    return started(cluster, now, args).finish();
  }

  /** Starts a run in the background, for tests that change the cluster while wait watches it. */
  static Running started(KubernetesClient cluster, Instant now, String... args) {
    return start(() -> new KubernetesClientBuilder().withConfig(cluster.getConfiguration()).build(),
        Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now)), args);
  }

  static Running start(Supplier<KubernetesClient> connect, Clock clock, String... args) {
    CommandLine cli = Main.commandLine(new ByteArrayInputStream(new byte[0]));
    cli.getCommandSpec().removeSubcommand("wait");
    cli.addSubcommand(new WaitCommand(new ClusterAccess(connect, false), clock));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "wait";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Running(CompletableFuture.supplyAsync(() -> cli.execute(all)), out, err);
  }

  /** A run in progress; its output so far can be read while it runs. */
  record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    String outSoFar() {
      return out.toString();
    }

    CliRun finish() {
      int code = exit.join();
      return new CliRun(code, out.toString(), err.toString());
    }
  }
}
