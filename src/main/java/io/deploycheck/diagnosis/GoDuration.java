package io.deploycheck.diagnosis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 90s}, {@code 3m}, {@code 1h30m}), the format the CRD schema accepts. */
public final class GoDuration {
  /**
   * The CRD schema's pattern: Go's syntax with bounds (at most 9 digits before and after the point, at most 7
   * parts), so {@code kubectl apply} rejects {@code 9999999999999h} outright. Within the bounds a sum can still
   * pass Go's limit; {@link #parse} rejects that (InvalidSpec in the operator, exit 2 in the CLI).
   */
  public static final String PATTERN = "^([0-9]{1,9}(\\.[0-9]{1,9})?(ns|us|µs|ms|s|m|h)){1,7}$";
  /** Go's longest duration: int64 nanoseconds (time.Duration), about 292 years. */
  public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  /** Go's syntax without bounds, possessive so that no length of input can make it backtrack or recurse. */
  private static final Pattern SYNTAX =
      Pattern.compile("(?:[0-9]++(?:\\.[0-9]++)?+(?:ns|us|µs|ms|s|m|h))++");
  private static final Pattern PART = Pattern.compile("([0-9]++(?:\\.[0-9]++)?+)(ns|us|µs|ms|s|m|h)");
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /**
   * Parses a Go duration; throws IllegalArgumentException with a readable message otherwise, also for a duration
   * longer than Go's (and Kubernetes') longest, which Go's time.ParseDuration rejects as invalid instead of wrapping.
   */
  public static Duration parse(String text) {
    if (text == null || !SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException("\"" + quoted(text) + "\" is not a duration such as 90s, 3m or 1h30m");
    }
    Matcher part = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        throw new IllegalArgumentException("\"" + quoted(text) + "\" is longer than the longest duration, "
            + format(MAX) + " (about 292 years)");
      }
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** The input as an error message quotes it: at most 40 characters. */
  private static String quoted(String text) {
    return text == null || text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** Formats like Go's time.Duration.String for whole seconds: 3m0s becomes 3m, 90s becomes 1m30s. */
  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) out.append(h).append('h');
    if (m > 0) out.append(m).append('m');
    if (s > 0 || out.length() == 0) out.append(s).append('s');
    return out.toString();
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
