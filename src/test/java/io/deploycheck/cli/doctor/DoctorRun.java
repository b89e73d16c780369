package io.deploycheck.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.cli.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code doctor kubeconfig} in-process in a given environment; every run is checked for leaked credentials. */
final class DoctorRun {
  private DoctorRun() {}

  static CliRun run(Environment environment, String... args) {
    CommandLine cli = DoctorCommand.commandLine(environment);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "kubeconfig";
    System.arraycopy(args, 0, full, 1, args.length);
    CliRun run = new CliRun(cli.execute(full), out.toString(), err.toString());
    for (String secret : new String[] {Kubeconfigs.TOKEN, Kubeconfigs.EKS_TOKEN, "RSA PRIVATE KEY",
        TestTls.base64("client.key")}) {
      assertThat(run.out() + run.err()).as("output must not show a credential").doesNotContain(secret);
    }
    return run;
  }
}
