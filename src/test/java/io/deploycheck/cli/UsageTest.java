package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageTest {
  @Test
  void noCommandPrintsTheUsageOnStandardErrorAndExits2() {
    CliRun run = CliRun.run("");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Usage: deploycheck [-hV] [COMMAND]").contains("Commands:", "diagnose", "wait")
        .doesNotContain("deploycheck deploycheck");
  }

  @Test
  void aBadOptionPointsAtItsOwnCommandsHelpNamedOnce() {
    assertThat(CliRun.run("", "--bogus").err()).isEqualTo("deploycheck: Unknown option: '--bogus' (see: deploycheck"
        + " --help)" + System.lineSeparator());
    assertThat(CliRun.run("", "diagnose", "--bogus").err()).contains("(see: deploycheck diagnose --help)");
  }
}
