package io.deploycheck.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Reason}'s hint template, parsed once. Kept tiny on purpose: {@code ${name}} is a value, {@code [[...]]} a
 * segment printed only when every value it names is known (commands go there, so none is printed half-filled),
 * {@code [[!${name} ...]]} a segment printed only when that value is unknown and every other value it names is known
 * (its words, or another command, in place of the one that needs the value), and
 * an unknown value outside a segment is said in words ("the pod"), never left as a placeholder.
 */
public final class HintTemplate {
  private sealed interface Part permits Text, Value, Segment {}

  private record Text(String text) implements Part {}

  private record Value(String name) implements Part {}

  /** @param unless printed only when this value is unknown (null: always); and only when all its values are known */
  private record Segment(List<Part> parts, String unless) implements Part {}

  /** How prose names a value the input does not hold. */
  private static final Map<String, String> UNKNOWN = Map.ofEntries(
      Map.entry("isvc", "the InferenceService"), Map.entry("namespace", "its namespace"),
      Map.entry("pod", "the pod"), Map.entry("container", "the container"), Map.entry("image", "the image"),
      Map.entry("registry", "the registry"), Map.entry("repository", "the repository"),
      Map.entry("cluster", "the cluster"), Map.entry("region", "the region"), Map.entry("node", "the node"),
      Map.entry("serviceAccount", "the pod's service account"), Map.entry("component", "component"),
      Map.entry("tool", "a tool"), Map.entry("plugin", "an exec plugin"), Map.entry("detail", "no detail given"),
      Map.entry("elapsed", "a while"), Map.entry("allowed", "it was allowed"), Map.entry("cause", "the specific error is no longer visible"));

  private final List<Part> parts;

  private HintTemplate(List<Part> parts) {
    this.parts = parts;
  }

  public static HintTemplate compile(String template) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("[[", at);
      if (open < 0) {
        parseValues(template.substring(at), parts);
        break;
      }
      int close = template.indexOf("]]", open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [[ in hint template: " + template);
      }
      parseValues(template.substring(at, open), parts);
      String body = template.substring(open + 2, close);
      String unless = null;
      if (body.startsWith("!${")) {
        int end = body.indexOf('}');
        unless = body.substring(3, end);
        body = body.substring(end + 1);
      }
      List<Part> inner = new ArrayList<>();
      parseValues(body, inner);
      parts.add(new Segment(List.copyOf(inner), unless));
      at = close + 2;
    }
    return new HintTemplate(List.copyOf(parts));
  }

  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(256);
    for (Part part : parts) {
      if (part instanceof Segment segment) {
        boolean print = (segment.unless() == null || !isKnown(values.get(segment.unless())))
            && allKnown(segment, values);
        if (print) {
          segment.parts().forEach(p -> append(out, p, values));
        }
      } else {
        append(out, part, values);
      }
    }
    return out.toString();
  }

  private static void append(StringBuilder out, Part part, Map<String, String> values) {
    if (part instanceof Text text) {
      out.append(text.text());
    } else if (part instanceof Value value) {
      String known = values.get(value.name());
      out.append(isKnown(known) ? known : UNKNOWN.getOrDefault(value.name(), "the " + value.name()));
    }
  }

  private static boolean allKnown(Segment segment, Map<String, String> values) {
    for (Part part : segment.parts()) {
      if (part instanceof Value value && !isKnown(values.get(value.name()))) {
        return false;
      }
    }
    return true;
  }

  private static void parseValues(String text, List<Part> parts) {
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf("${", at);
      int close = open < 0 ? -1 : text.indexOf('}', open);
      if (open < 0 || close < 0) {
        parts.add(new Text(text.substring(at)));
        return;
      }
      if (open > at) {
        parts.add(new Text(text.substring(at, open)));
      }
      parts.add(new Value(text.substring(open + 2, close)));
      at = close + 1;
    }
  }

  private static boolean isKnown(String value) {
    return value != null && !value.isBlank();
  }
}
