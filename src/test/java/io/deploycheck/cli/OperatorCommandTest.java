package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deploycheck.operator.OperatorSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorCommandTest {
  private static OperatorSettings parse(String... args) {
    OperatorCommand command = new OperatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void defaultsWatchEverythingVerifyEcrAndWriteEventsOnInferenceServices() {
    OperatorSettings settings = parse("--leader-election", "false");
    assertThat(settings.namespaces()).isEmpty();
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.verifyRegistry()).isTrue();
    assertThat(settings.allowCreateRepository()).isFalse();
    assertThat(settings.eventsOnInferenceServices()).isTrue();
  }

  @Test
  void flagsSetEverySetting() {
    OperatorSettings settings = parse("--namespaces", "team-a, team-b,,", "--port", "9090",
        "--leader-election", "true", "--leader-election-namespace", "deploycheck-system",
        "--verify-registry", "false", "--allow-create-repository", "true",
        "--events-on-inference-services", "false");
    assertThat(settings.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.leaseNamespace()).isEqualTo("deploycheck-system");
    assertThat(settings.verifyRegistry()).isFalse();
    assertThat(settings.allowCreateRepository()).isTrue();
    assertThat(settings.eventsOnInferenceServices()).isFalse();
  }

  @Test
  void leaderElectionOutsideAClusterNeedsALeaseNamespace() {
    assertThatThrownBy(() -> parse("--leader-election", "true"))
        .isInstanceOf(InputException.class).hasMessageContaining("--leader-election-namespace");
    assertThatThrownBy(() -> parse("--leader-election", "maybe"))
        .isInstanceOf(InputException.class).hasMessageContaining("expected auto, true or false");
  }

  @Test
  void everyFlagHasAnEnvironmentVariableAndHelpNamesIt() {
    CommandLine cli = new CommandLine(new OperatorCommand());
    String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    int options = 0;
    for (java.lang.reflect.Field field : OperatorCommand.class.getDeclaredFields()) {
      CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
      if (option != null) {
        options++;
        java.util.regex.Matcher env = java.util.regex.Pattern.compile("^\\$\\{env:(DEPLOYCHECK_[A-Z_]+)")
            .matcher(option.defaultValue());
        assertThat(env.find()).as(option.names()[0] + " " + option.defaultValue()).isTrue();
        assertThat(help).as(option.names()[0]).contains("env " + env.group(1) + ")");
      }
    }
    assertThat(options).isEqualTo(9);
  }

  @Test
  void warningEventsLinkToTheConfiguredRunbook() {
    assertThat(parse("--leader-election", "false").runbookUrl())
        .isEqualTo("https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md");
    assertThat(parse("--leader-election", "false", "--runbook-url", "https://wiki.example.com/deploycheck").runbookUrl())
        .isEqualTo("https://wiki.example.com/deploycheck");
    assertThatThrownBy(() -> parse("--leader-election", "false", "--runbook-url", "docs/runbook.md"))
        .isInstanceOf(InputException.class).hasMessageContaining("expected an http(s) URL");
  }
}
