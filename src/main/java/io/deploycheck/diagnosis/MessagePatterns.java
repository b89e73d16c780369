package io.deploycheck.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small table from reasons to the message fragments that reveal them. A family's rule owns one table; matching
 * a text returns every reason it shows, and the engine's precedence picks among them.
 */
final class MessagePatterns {
  private final Map<Reason, List<Pattern>> table = new LinkedHashMap<>();

  MessagePatterns add(Reason reason, String... regexes) {
    List<Pattern> patterns = table.computeIfAbsent(reason, r -> new ArrayList<>());
    for (String regex : regexes) {
      patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
    return this;
  }

  /** Every reason whose patterns occur in {@code text}, in table order. */
  List<Reason> match(String text) {
    List<Reason> found = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return found;
    }
    for (Map.Entry<Reason, List<Pattern>> row : table.entrySet()) {
      if (row.getValue().stream().anyMatch(p -> p.matcher(text).find())) {
        found.add(row.getKey());
      }
    }
    return found;
  }

  /** The highest-precedence reason {@code text} shows, or null. */
  Reason best(String text) {
    Reason best = null;
    for (Reason reason : match(text)) {
      if (reason.outranks(best)) {
        best = reason;
      }
    }
    return best;
  }
}
