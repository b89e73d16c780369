package io.deploycheck.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.regex.Matcher;

/**
 * The one sanitizer for text that deploycheck writes or prints: status fields, Events, log lines, CLI text and JSON.
 * Messages come from kubelet, runtimes, registries, CI logs and kubeconfigs, so they may hold credentials, terminal
 * escape sequences (clear screen, OSC 52 clipboard writes) and megabytes of noise. Every text is
 * <ol>
 *   <li>cut to a window a little longer than its limit before anything else runs, so cost is bounded by the limit,
 *       not by the input;</li>
 *   <li>masked: each {@link SecretPattern} replaces its credential with {@value #MASK};</li>
 *   <li>neutralized: C0 and C1 control characters, DEL, and the Unicode bidirectional and line-separator controls
 *       become printable escapes ({@code \n}, {@code \x1b}, {@code \u009b}, {@code \u202e}) in text; in JSON the
 *       encoder of {@link #jsonMapper()} escapes them instead;</li>
 *   <li>bounded: at most {@code max} characters, ending with {@value #ELLIPSIS} when cut.</li>
 * </ol>
 */
public final class SafeText {
  public static final String MASK = "***";
  static final String ELLIPSIS = "...";
  /** Masking looks this far past the limit, so a credential that straddles the cut is still recognised. */
  private static final int LOOKAHEAD = 1024;

  private SafeText() {}

  /** For text output and for fields humans read through kubectl: masked, escaped, at most {@code max} chars. */
  public static String text(String raw, int max) {
    if (raw == null) {
      return null;
    }
    String window = window(raw, max);
    return bound(escape(mask(window)), max, raw.length() > window.length());
  }

  /**
   * For a value handed to {@link #jsonMapper()}: masked and bounded; control characters stay, the JSON encoder
   * escapes them.
   */
  public static String json(String raw, int max) {
    if (raw == null) {
      return null;
    }
    String window = window(raw, max);
    return bound(mask(window), max, raw.length() > window.length());
  }

  /** Every credential shape masked, nothing else changed (no bound: callers bound or stream). */
  public static String mask(String text) {
    String masked = text;
    for (SecretPattern secret : SecretPattern.values()) {
      masked = maskGroup(secret.pattern.matcher(masked), masked);
    }
    return masked;
  }

  /** A JSON writer that escapes what {@link #text} escapes: C0, DEL, C1, bidi and line-separator controls. */
  public static ObjectMapper jsonMapper() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.getFactory().setCharacterEscapes(JsonEscapes.INSTANCE);
    return mapper;
  }

  /** True for the characters neither form lets through raw. */
  static boolean unsafe(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c;
  }

  private static String window(String raw, int max) {
    int end = (int) Math.min(raw.length(), (long) max + LOOKAHEAD);
    if (end < raw.length() && end > 0 && Character.isHighSurrogate(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(0, end);
  }

  private static String maskGroup(Matcher matcher, String text) {
    StringBuilder out = null;
    int last = 0;
    while (matcher.find()) {
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, matcher.start("s")).append(MASK);
      last = matcher.end("s");
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }

  private static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!unsafe(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      out.append(switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
      });
    }
    return out == null ? text : out.toString();
  }

  /** Cuts at {@code max}, never inside an escape or a surrogate pair, and says so with an ellipsis. */
  private static String bound(String text, int max, boolean cutBefore) {
    if (text.length() <= max && !cutBefore) {
      return text;
    }
    int end = Math.max(0, Math.min(text.length(), max - ELLIPSIS.length()));
    int escape = text.lastIndexOf('\\', end - 1);
    if (escape >= 0 && escape >= end - 6) {
      end = escape; // an escape is at most six characters (\u202e); do not leave half of one
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  private static final class JsonEscapes extends CharacterEscapes {
    static final JsonEscapes INSTANCE = new JsonEscapes();
    private final int[] table;

    private JsonEscapes() {
      table = standardAsciiEscapesForJSON();
      table[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    /** Asked for characters beyond ASCII: C1, bidi and line-separator controls get a \\u escape. */
    @Override
    public SerializableString getEscapeSequence(int c) {
      return unsafe(c) ? new SerializedString(String.format("\\u%04x", c)) : null;
    }
  }
}
