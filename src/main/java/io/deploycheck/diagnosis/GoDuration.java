package io.deploycheck.diagnosis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 90s}, {@code 3m}, {@code 1h30m}), the format the CRD schema accepts. */
public final class GoDuration {
  /** The schema pattern; the same text is used in the CRD, so the API server and the operator agree. */
  public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** Parses a Go duration; throws IllegalArgumentException with a readable message otherwise. */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration such as 90s, 3m or 1h30m");
    }
    Matcher part = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
    }
    return Duration.ofNanos(nanos.longValue());
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
