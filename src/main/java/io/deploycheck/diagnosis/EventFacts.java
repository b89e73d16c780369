package io.deploycheck.diagnosis;

import java.time.Instant;

/**
 * A core/v1 Event, reduced to what the rules read. {@code fieldPath} is kubelet's container reference such as
 * {@code spec.containers{kserve-container}}; {@code count} is how often the same event repeated.
 */
public record EventFacts(
    String objectKind,
    String objectName,
    String objectUid,
    String fieldPath,
    String type,
    String reason,
    String message,
    int count,
    Instant firstSeen,
    Instant lastSeen) {

  public String text() {
    return message == null ? "" : message;
  }

  /** The container name in {@code fieldPath}, or null when the event is about the whole object. */
  public String containerName() {
    if (fieldPath == null) {
      return null;
    }
    int open = fieldPath.indexOf('{');
    int close = fieldPath.lastIndexOf('}');
    return open >= 0 && close > open ? fieldPath.substring(open + 1, close) : null;
  }

  public boolean isAbout(String kind, String name) {
    return kind.equals(objectKind) && name.equals(objectName);
  }
}
