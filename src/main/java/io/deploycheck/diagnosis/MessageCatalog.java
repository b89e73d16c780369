package io.deploycheck.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message catalogs ({@code catalog/<producer>.tsv}), read once: the one place a message pattern is written. Each
 * row is {@code reason, pattern, source, version, example} and, when the engine matches with it, a sixth cell naming
 * the tables it belongs to (comma-separated); rows without one document a producer text that a broader row covers.
 */
final class MessageCatalog {
  /** The producers, in the order their rows are read (a table keeps file order within a reason). */
  static final List<String> PRODUCERS = List.of("kubelet", "containerd", "crio", "dockershim", "runc", "cni",
      "go-net", "scheduler", "controller-manager", "kserve", "aws", "ci", "kubectl", "helm");

  /** Java 17 cannot list a pattern's named groups, so they are read from its text. */
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  /** One catalog row; {@code tables} is empty for a documenting row. */
  record Row(String producer, Reason reason, String pattern, String source, String version, String example,
      Set<String> tables, Pattern regex, List<String> groups) {
    Row(String producer, Reason reason, String pattern, String source, String version, String example,
        Set<String> tables) {
      this(producer, reason, pattern, source, version, example, tables,
          Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), GROUP_NAME.matcher(pattern).results()
              .map(result -> result.group(1)).toList());
    }
  }

  /** A row that occurs in a text, with what its named groups captured there (a group that took no part is left out). */
  record Match(Row row, Map<String, String> groups) {
    String group(String name) {
      return groups.get(name);
    }
  }

  static final List<Row> ROWS = load();
  /** Each table's rows, in catalog order. */
  private static final Map<String, List<Row>> TABLES = index(ROWS);

  private MessageCatalog() {}

  /** The rows of one table, in catalog order. */
  static List<Row> table(String name) {
    return TABLES.getOrDefault(name, List.of());
  }

  private static Map<String, List<Row>> index(List<Row> rows) {
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    rows.forEach(row -> row.tables().forEach(name -> tables.computeIfAbsent(name, t -> new ArrayList<>()).add(row)));
    tables.replaceAll((name, list) -> List.copyOf(list));
    return Map.copyOf(tables);
  }

  /**
   * The first row of {@code table} that occurs in {@code text}, with the values its named groups captured; null when
   * none does. For rules that take a value out of the message (the key, the object, the missing executable).
   */
  static Match find(String table, CharSequence text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    for (Row row : table(table)) {
      Matcher matcher = row.regex().matcher(text);
      if (matcher.find()) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String name : row.groups()) {
          if (matcher.group(name) != null) {
            groups.put(name, matcher.group(name));
          }
        }
        return new Match(row, Map.copyOf(groups));
      }
    }
    return null;
  }

  /** A table as the matcher the rules use (literal pre-screen, memoised verdicts). */
  static MessagePatterns patterns(String name) {
    MessagePatterns patterns = new MessagePatterns();
    table(name).forEach(row -> patterns.add(row.reason(), row.pattern()));
    return patterns;
  }

  private static List<Row> load() {
    List<Row> rows = new ArrayList<>();
    for (String producer : PRODUCERS) {
      String resource = "catalog/" + producer + ".tsv";
      try (InputStream in = MessageCatalog.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(line -> !line.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) { // the first line is the header
          String[] cells = line.split("\t", -1);
          Set<String> tables = cells.length > 5 && !cells[5].isEmpty() ? Set.of(cells[5].split(",")) : Set.of();
          rows.add(new Row(producer, Reason.valueOf(cells[0]), cells[1], cells[2], cells[3], cells[4], tables));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return List.copyOf(rows);
  }
}
