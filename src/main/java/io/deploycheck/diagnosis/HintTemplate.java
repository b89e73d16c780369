package io.deploycheck.diagnosis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Reason}'s hint template over named values. Kept tiny on purpose: {@code ${name}} is a value,
 * {@code [[...]]} a segment printed only when every value it names is known, and an unknown value outside a segment
 * prints as {@code <name>} so the command stays readable and fillable.
 */
public final class HintTemplate {
  private static final Pattern SEGMENT = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("\\$\\{([A-Za-z]+)}");

  private HintTemplate() {}

  public static String render(String template, Map<String, String> values) {
    Matcher segments = SEGMENT.matcher(template);
    StringBuilder withSegments = new StringBuilder();
    while (segments.find()) {
      String segment = segments.group(1);
      segments.appendReplacement(withSegments, Matcher.quoteReplacement(allKnown(segment, values) ? segment : ""));
    }
    segments.appendTail(withSegments);

    Matcher names = VALUE.matcher(withSegments);
    StringBuilder out = new StringBuilder();
    while (names.find()) {
      String value = values.get(names.group(1));
      String shown = isKnown(value) ? value : "<" + names.group(1) + ">";
      names.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    names.appendTail(out);
    return out.toString();
  }

  private static boolean allKnown(String segment, Map<String, String> values) {
    Matcher names = VALUE.matcher(segment);
    while (names.find()) {
      if (!isKnown(values.get(names.group(1)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isKnown(String value) {
    return value != null && !value.isBlank();
  }
}
