package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.Set;

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

  /**
   * The scheduler's and kubelet's routine Events, which every pod gets once per container start and no rule reads
   * ("Successfully assigned", "Created container", "Started container": {@code pkg/kubelet/events/event.go} v1.31.0
   * and the scheduler's {@code Scheduled}). Leaving them out of the evidence costs no diagnosis and, at scale, most of
   * the Events a cluster holds.
   */
  public static final Set<String> ROUTINE_REASONS = Set.of("Scheduled", "Created", "Started");

  public String text() {
    return message == null ? "" : message;
  }

  public boolean isAbout(String kind, String name) {
    return kind.equals(objectKind) && name.equals(objectName);
  }
}
