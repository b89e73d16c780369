package io.deploycheck.cli;

import io.deploycheck.text.SafeText;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The log layer's use of {@link SafeText}: every message, ours or a library's, is masked, escaped and bounded
 * before a layout writes it, so a log line never carries a credential, a terminal escape or a megabyte of noise.
 * Wired in log4j2.xml and log4j2-json.xml as {@code <Rewrite><SafeText/></Rewrite>} around the console appender.
 */
@Plugin(name = "SafeText", category = Core.CATEGORY_NAME, elementType = "rewritePolicy", printObject = true)
public final class SafeLogPolicy implements RewritePolicy {
  /** Longest message written; longer ones end with "...". */
  static final int MESSAGE_LIMIT = 8192;

  @PluginFactory
  public static SafeLogPolicy create() {
    return new SafeLogPolicy();
  }

  @Override
  public LogEvent rewrite(LogEvent event) {
    String raw = event.getMessage().getFormattedMessage();
    String safe = SafeText.text(raw, MESSAGE_LIMIT);
    if (safe == null || safe.equals(raw)) {
      return event;
    }
    return new Log4jLogEvent.Builder(event).setMessage(new SimpleMessage(safe)).build();
  }
}
