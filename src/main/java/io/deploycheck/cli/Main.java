package io.deploycheck.cli;

import io.deploycheck.cli.doctor.DoctorCommand;
import io.deploycheck.cli.doctor.Environment;
import io.deploycheck.cli.wait.WaitCommand;
import io.deploycheck.text.SafeText;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The one jar's entry point: {@code deploycheck <command>}. */
@Command(name = "deploycheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Tells why a KServe InferenceService rollout is stuck, and what to do.")
public final class Main implements Callable<Integer> {
  /** Exit code for unusable input or arguments (DESIGN section 5). */
  public static final int USAGE = 2;
  /** An error is one line on stderr; it may quote input, so it is sanitized and bounded like any output. */
  private static final int ERROR_LIMIT = 1024;

  @Spec
  private CommandSpec spec;

  /** No command given: the usage, on standard error, as for any other unusable command line. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(System.in, args);
    } catch (OutOfMemoryError e) {
      // A dump within the input limit can still need more heap than the JVM was given: say so in one line.
      System.err.println("deploycheck: out of memory (the JVM's maximum heap is "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the input is too large for it; give the JVM more"
          + " with JAVA_TOOL_OPTIONS=-Xmx4g, or split the input");
      code = USAGE;
    }
    System.exit(code);
  }

  /** Runs a command line; used by tests with their own streams via {@link #commandLine(InputStream)}. */
  static int run(InputStream stdin, String... args) {
    return commandLine(stdin).execute(args);
  }

  public static CommandLine commandLine(InputStream stdin) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand(new OperatorCommand());
    cli.addSubcommand(new DiagnoseCommand(stdin));
    cli.addSubcommand(DoctorCommand.commandLine(Environment.system()));
    cli.addSubcommand(WaitCommand.fromKubeconfig());
    // Prints a completion script for bash (zsh loads it through bashcompinit): docs/install.md.
    cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((e, args) -> {
      String message = e.getCause() instanceof GoDurationConverter.Invalid invalid
          && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option
          ? option.longestName() + ": " + invalid.getMessage() : e.getMessage();
      e.getCommandLine().getErr().println("deploycheck: " + SafeText.text(message, ERROR_LIMIT)
          + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      String message = e instanceof InputException ? e.getMessage() : "internal error: " + e;
      commandLine.getErr().println("deploycheck: " + SafeText.text(message, ERROR_LIMIT));
      if (!(e instanceof InputException) && System.getenv("DEPLOYCHECK_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr()); // for bug reports only, never by default
      }
      return USAGE;
    });
    return cli;
  }
}
