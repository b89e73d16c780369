package io.deploycheck.cli;

import io.deploycheck.text.SafeText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
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
 * An exception's text (its message, its causes', its suppressed ones') is judged the same way: when any of it is not
 * already safe, the stack trace is rendered here, sanitized, and appended to the message in place of the exception,
 * since a layout would print those messages raw. Wired in log4j2.xml and log4j2-json.xml as
 * {@code <Rewrite><SafeText/></Rewrite>} around the console appender.
 */
@Plugin(name = "SafeText", category = Core.CATEGORY_NAME, elementType = "rewritePolicy", printObject = true)
public final class SafeLogPolicy implements RewritePolicy {
  /** Longest message written; longer ones end with "...". */
  static final int MESSAGE_LIMIT = 8192;
  /** Longest stack trace written in place of an unsafe exception. */
  static final int TRACE_LIMIT = 16384;

  @PluginFactory
  public static SafeLogPolicy create() {
    return new SafeLogPolicy();
  }

  @Override
  public LogEvent rewrite(LogEvent event) {
    String raw = event.getMessage().getFormattedMessage();
    String safe = SafeText.text(raw, MESSAGE_LIMIT);
    Throwable thrown = event.getThrown();
    if (thrown != null && !safe(thrown)) {
      return new Log4jLogEvent.Builder(event).setThrown(null)
          .setMessage(new SimpleMessage(safe + " " + SafeText.text(trace(thrown), TRACE_LIMIT))).build();
    }
    if (safe == null || safe.equals(raw)) {
      return event;
    }
    return new Log4jLogEvent.Builder(event).setMessage(new SimpleMessage(safe)).build();
  }

  /** True when the message of the exception and of each exception it holds is safe text already. */
  private static boolean safe(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> next = new ArrayDeque<>();
    next.add(thrown);
    while (!next.isEmpty()) {
      Throwable t = next.poll();
      if (!seen.add(t)) {
        continue;
      }
      String message = t.getLocalizedMessage();
      if (message != null && !message.equals(SafeText.text(message, MESSAGE_LIMIT))) {
        return false;
      }
      if (t.getCause() != null) {
        next.add(t.getCause());
      }
      Collections.addAll(next, t.getSuppressed());
    }
    return true;
  }

  private static String trace(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
