package io.deploycheck.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small table from reasons to the message fragments that reveal them. A family's rule owns one table; matching
 * a text returns every reason it shows, and the engine's precedence picks among them.
 *
 * <p>Matching is on the hot path (every pull, scheduling and probe message of every pod), so each pattern keeps
 * its literal beginning: the text is searched for that with {@code indexOf} first, and the regular expression runs
 * only where the literal occurs. A pattern that is all literal never runs a regular expression.
 */
final class MessagePatterns {
  private static final String META = "\\[](){}.*+?^$|";

  private record Entry(String literal, Pattern regex) {
    boolean matches(String text, String lower) {
      return lower.contains(literal) && (regex == null || regex.matcher(text).find());
    }
  }

  private final Map<Reason, List<Entry>> table = new LinkedHashMap<>();
  /** The same texts come back on every reconcile and from every replica: each is judged once. */
  private final Memo<Reason> verdicts = new Memo<>(8192, this::bestUncached);

  MessagePatterns add(Reason reason, String... regexes) {
    List<Entry> entries = table.computeIfAbsent(reason, r -> new ArrayList<>());
    for (String regex : regexes) {
      String literal = literalPrefix(regex);
      boolean plain = literal.length() == regex.length();
      entries.add(new Entry(literal.toLowerCase(Locale.ROOT),
          plain ? null : Pattern.compile(regex, Pattern.CASE_INSENSITIVE)));
    }
    return this;
  }

  /** Every reason whose patterns occur in {@code text}, in table order. */
  List<Reason> match(String text) {
    List<Reason> found = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return found;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (Map.Entry<Reason, List<Entry>> row : table.entrySet()) {
      for (Entry entry : row.getValue()) {
        if (entry.matches(text, lower)) {
          found.add(row.getKey());
          break;
        }
      }
    }
    return found;
  }

  /** The highest-precedence reason {@code text} shows, or null. */
  Reason best(String text) {
    return text == null || text.isEmpty() ? null : verdicts.apply(text);
  }

  private Reason bestUncached(String text) {
    Reason best = null;
    for (Reason reason : match(text)) {
      if (reason.outranks(best)) {
        best = reason;
      }
    }
    return best;
  }

  /** The characters a pattern starts with before its first regular-expression construct. */
  static String literalPrefix(String regex) {
    int end = 0;
    while (end < regex.length() && META.indexOf(regex.charAt(end)) < 0) {
      end++;
    }
    // A quantifier applies to the character before it, which is then not certain to occur.
    if (end < regex.length() && "*?{".indexOf(regex.charAt(end)) >= 0 && end > 0) {
      end--;
    }
    return regex.substring(0, end);
  }
}
