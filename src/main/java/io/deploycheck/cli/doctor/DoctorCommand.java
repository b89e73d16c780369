package io.deploycheck.cli.doctor;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code deploycheck doctor}: checks of what a CD job needs before it deploys. It has no action of its own, so
 * picocli answers a bare {@code deploycheck doctor} with "Missing required subcommand" (exit 2).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check what a CD pipeline needs before it deploys (guide problem 5).")
public final class DoctorCommand {
  private DoctorCommand() {}

  /** The {@code doctor} command with its subcommands, reading the given environment. */
  public static CommandLine commandLine(Environment environment) {
    CommandLine doctor = new CommandLine(new DoctorCommand());
    doctor.addSubcommand(new KubeconfigCommand(environment));
    return doctor;
  }
}
