package io.deploycheck.kube;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps as the API server writes them (seconds, or micro-seconds for MicroTime). */
public final class Timestamps {
  private Timestamps() {}

  /** Parses a timestamp; null or unparsable text gives null, since a missing time must not fail a diagnosis. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static String format(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
