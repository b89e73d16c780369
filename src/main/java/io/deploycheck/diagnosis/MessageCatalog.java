package io.deploycheck.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The message catalogs ({@code catalog/<producer>.tsv}), read once: the one place a message pattern is written. Each
 * row is {@code reason, pattern, source, version, example} and, when the engine matches with it, a sixth cell naming
 * the tables it belongs to (comma-separated); rows without one document a producer text that a broader row covers.
 */
final class MessageCatalog {
  /** The producers, in the order their rows are read (a table keeps file order within a reason). */
  static final List<String> PRODUCERS = List.of("kubelet", "containerd", "crio", "dockershim", "runc", "go-net",
      "scheduler", "controller-manager", "kserve", "aws", "ci", "kubectl", "helm");

  /** One catalog row; {@code tables} is empty for a documenting row. */
  record Row(String producer, Reason reason, String pattern, String source, String version, String example,
      Set<String> tables) {}

  static final List<Row> ROWS = load();

  private MessageCatalog() {}

  /** The rows of one table, in catalog order. */
  static List<Row> table(String name) {
    return ROWS.stream().filter(row -> row.tables().contains(name)).toList();
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
