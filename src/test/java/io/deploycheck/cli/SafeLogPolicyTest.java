package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SafeLogPolicyTest {
  @Test
  void masksEscapesAndBoundsEveryMessage() {
    LogEvent event = Log4jLogEvent.newBuilder().setLevel(Level.WARN).setLoggerName("x")
        .setMessage(new ParameterizedMessage("could not write Event: {} {}",
            "Get https://ci:hunter22@api.example.com/ password=hunter22", "\u001b]52;c;cHduZWQ=\u0007" + "y".repeat(20_000)))
        .build();
    String written = new SafeLogPolicy().rewrite(event).getMessage().getFormattedMessage();
    assertThat(written).doesNotContain("hunter22").doesNotContain("\u001b").contains("\\x1b]52")
        .hasSize(SafeLogPolicy.MESSAGE_LIMIT).endsWith("...");
  }

  @Test
  void leavesCleanMessagesAsTheyAre() {
    LogEvent event = Log4jLogEvent.newBuilder().setLevel(Level.INFO).setLoggerName("x")
        .setMessage(new ParameterizedMessage("diagnosis {}", "ImageNotFound")).build();
    assertThat(new SafeLogPolicy().rewrite(event)).isSameAs(event);
  }

  private static final String TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String PASSWORD = "hunter22";

  /** An exception as a client library throws it: secrets in its message, in its cause's and in a suppressed one's. */
  private static Exception leakyException() {
    Exception cause = new IOException("GET https://ci:" + PASSWORD + "@registry.example.com/v2/ failed\u001b[2J");
    Exception thrown = new IllegalStateException("pull failed with token " + TOKEN, cause);
    thrown.addSuppressed(new RuntimeException("retry: password=" + PASSWORD));
    return thrown;
  }

  @Test
  void anUnsafeExceptionIsWrittenAsASanitizedTrace() {
    LogEvent event = Log4jLogEvent.newBuilder().setLevel(Level.ERROR).setLoggerName("x")
        .setMessage(new ParameterizedMessage("reconcile failed")).setThrown(leakyException()).build();
    LogEvent written = new SafeLogPolicy().rewrite(event);

    assertThat(written.getThrown()).isNull();
    assertThat(written.getMessage().getFormattedMessage()).startsWith("reconcile failed java.lang.IllegalStateException")
        .contains("Caused by: java.io.IOException", "Suppressed: java.lang.RuntimeException", "\\tat io.deploycheck")
        .doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain("\u001b").doesNotContain("\n");
  }

  @Test
  void aSafeExceptionIsLeftToTheLayout() {
    Exception thrown = new IllegalStateException("informer stopped", new IOException("connection reset"));
    LogEvent event = Log4jLogEvent.newBuilder().setLevel(Level.ERROR).setLoggerName("x")
        .setMessage(new ParameterizedMessage("watch lost")).setThrown(thrown).build();
    assertThat(new SafeLogPolicy().rewrite(event)).isSameAs(event);
  }

  @ParameterizedTest
  @ValueSource(strings = {"log4j2.xml", "log4j2-json.xml"})
  void noSecretOfAnExceptionReachesEitherLayout(String file) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // the console appender takes System.err when the configuration starts
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (LoggerContext context = Configurator.initialize("exceptions-" + file, "classpath:" + file)) {
      Logger logger = context.getLogger("io.deploycheck.test");
      logger.error("could not write the status of {}", "ns/model", leakyException());
    } finally {
      System.setErr(stderr);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("could not write the status of ns/model", "IllegalStateException", "IOException",
        "***").doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain("\u001b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"log4j2.xml", "log4j2-json.xml"})
  void bothLogConfigurationsWriteThroughThePolicy(String file) throws Exception {
    try (LoggerContext context = Configurator.initialize("safe-" + file, "classpath:" + file)) {
      var root = context.getConfiguration().getRootLogger();
      assertThat(root.getAppenders()).containsOnlyKeys("safe");
      Appender appender = root.getAppenders().get("safe");
      assertThat(appender).isInstanceOf(RewriteAppender.class);
      Field policy = RewriteAppender.class.getDeclaredField("rewritePolicy");
      policy.setAccessible(true);
      assertThat(policy.get(appender)).isInstanceOf(SafeLogPolicy.class);
    }
  }
}
