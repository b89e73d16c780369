package io.deploycheck.diagnosis;

import java.time.Instant;

/**
 * A core/v1 Event, reduced to what the rules read. {@code container} is the container kubelet names in the event's
 * {@code involvedObject.fieldPath} ({@code spec.containers{kserve-container}}), null when the event is about the whole
 * object; {@code count} is how often the same event repeated.
 */
public record EventFacts(
    String objectKind,
    String objectName,
    String objectUid,
    String container,
    String type,
    String reason,
    String message,
    int count,
    Instant firstSeen,
    Instant lastSeen) {

  public String text() {
    return message == null ? "" : message;
  }

  public boolean isAbout(String kind, String name) {
    return kind.equals(objectKind) && name.equals(objectName);
  }
}
