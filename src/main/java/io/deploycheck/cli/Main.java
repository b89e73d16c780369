package io.deploycheck.cli;

import io.deploycheck.cli.doctor.DoctorCommand;
import io.deploycheck.cli.doctor.Environment;
import io.deploycheck.cli.wait.WaitCommand;
import io.deploycheck.text.SafeText;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one jar's entry point: {@code deploycheck <command>}. */
@Command(name = "deploycheck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Tells why a KServe InferenceService rollout is stuck, and what to do.")
public final class Main {
  /** Exit code for unusable input or arguments (DESIGN section 5). */
  public static final int USAGE = 2;
  /** An error is one line on stderr; it may quote input, so it is sanitized and bounded like any output. */
  private static final int ERROR_LIMIT = 1024;

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
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("deploycheck: " + SafeText.text(e.getMessage(), ERROR_LIMIT)
          + " (see: deploycheck " + e.getCommandLine().getCommandName() + " --help)");
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"deploycheck " + (version == null ? "development build" : version)};
    }
  }
}
