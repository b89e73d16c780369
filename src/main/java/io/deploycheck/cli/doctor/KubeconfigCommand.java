package io.deploycheck.cli.doctor;

import io.deploycheck.cli.InputException;
import io.deploycheck.cli.GoDurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deploycheck doctor kubeconfig}: will kubectl in this job be able to use this kubeconfig, and if not, why. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
    description = {"Check a kubeconfig the way a CD job uses it: base64 decoding, YAML and current context, exec"
        + " credential plugins on PATH, the API server reachable, and authentication (GET /version and a"
        + " SelfSubjectReview). Prints the guide's fix (problem 5) for what fails. Credentials are never printed.",
        "Default source: KUBECONFIG_DATA (base64), then the first file of KUBECONFIG, then ~/.kube/config.",
        "Exit code: 0 all checks pass, 1 a problem found, 2 bad arguments."})
public final class KubeconfigCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private Source source;

  static final class Source {
    @Option(names = "--kubeconfig", paramLabel = "FILE", required = true, description = "A kubeconfig file.")
    Path file;

    @Option(names = "--kubeconfig-data", paramLabel = "BASE64", required = true,
        description = "A base64-encoded kubeconfig, as stored in the KUBECONFIG_DATA secret. Prefer the"
            + " environment variable: a command-line value is visible to other processes.")
    String data;
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  private ReportFormat output;

  @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "20s", converter = GoDurationConverter.class,
      description = "Limit for each network step and for running the exec plugin (Go duration; default"
          + " ${DEFAULT-VALUE}).")
  private Duration timeout;

  private final Environment environment;

  public KubeconfigCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new InputException("--timeout: must be more than 0s");
    }
    Report report = new KubeconfigDoctor(environment, timeout)
        .examine(source == null ? null : source.file, source == null ? null : source.data);
    output.render(report, spec.commandLine().getOut());
    return report.problemFound() ? 1 : 0;
  }
}
