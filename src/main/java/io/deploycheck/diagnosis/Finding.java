package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One problem a rule found: the reason, where (pod and container, either may be null), since when, what was seen
 * ({@code message}, {@code evidence}), the named values its hint is filled with, and whether it blocks the
 * rollout. A non-blocking finding is reported as a warning.
 *
 * @param lastSeen the newest moment the evidence was seen; warnings older than a window are dropped
 */
public record Finding(
    Reason reason,
    String pod,
    String container,
    Instant since,
    Instant lastSeen,
    String message,
    String evidence,
    Map<String, String> values,
    boolean blocking) {

  /** The finding takes over {@code values}: rules build a fresh map for each finding and do not touch it after. */
  public Finding {
    values = Collections.unmodifiableMap(values);
  }

  public String hint() {
    return reason.hint(values);
  }

  /** The same finding with more values for its hint. */
  Finding with(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(values);
    all.putAll(more);
    return new Finding(reason, pod, container, since, lastSeen, message, evidence, all, blocking);
  }

  public Finding asWarning() {
    return new Finding(reason, pod, container, since, lastSeen, message, evidence, values, false);
  }
}
