package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.config.Configurator;
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
