package io.deploycheck.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Prometheus text-format scrape read back into samples, so tests assert on names, labels and values the way
 * Prometheus sees them rather than on Micrometer's objects.
 */
public final class ScrapeText {
  /** One sample line: {@code name{label="value",...} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {
    boolean has(Map<String, String> wanted) {
      return labels.entrySet().containsAll(wanted.entrySet());
    }
  }

  private final List<Sample> samples;

  private ScrapeText(List<Sample> samples) {
    this.samples = samples;
  }

  public static ScrapeText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return new ScrapeText(samples);
  }

  /** Every sample of a metric (histogram parts such as {@code _bucket} are metrics of their own here). */
  public List<Sample> series(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The samples of {@code name} whose labels include {@code labels}. */
  public List<Sample> series(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The value of the one sample of {@code name} whose labels include {@code labels}. */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = series(name, labels);
    if (found.size() != 1) {
      throw new AssertionError("expected one sample " + name + labels + ", found " + found);
    }
    return found.get(0).value();
  }

  public Set<String> names() {
    return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
  }

  public List<Sample> samples() {
    return samples;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1)));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int i = brace + 1;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      String label = line.substring(i, equals);
      StringBuilder value = new StringBuilder();
      int j = equals + 2; // skip ="
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(label, value.toString());
      i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
    }
    return new Sample(line.substring(0, brace), labels, number(line.substring(i + 2)));
  }

  private static double number(String rest) {
    String value = rest.strip().split(" ")[0];
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
