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

  public Finding asWarning() {
    return new Finding(reason, pod, container, since, lastSeen, message, evidence, values, false);
  }

  /** Starts a finding of {@code reason}: blocking, about the rollout as a whole, until told otherwise. */
  public static Builder of(Reason reason) {
    return new Builder(reason);
  }

  /** Names each part of a finding as it is set; a null {@code since} or {@code lastSeen} keeps the default. */
  public static final class Builder {
    private final Reason reason;
    private final Map<String, String> values = new HashMap<>();
    private String pod;
    private String container;
    private Instant since;
    private Instant lastSeen;
    private String message;
    private String evidence;
    private boolean blocking = true;

    private Builder(Reason reason) {
      this.reason = reason;
    }

    /** About one pod and (when not null) one of its containers: the message then says where. */
    public Builder about(String pod, String container) {
      this.pod = pod;
      this.container = container;
      return this;
    }

    /** When the problem began; null keeps the default (a pod's creation, for a pod's finding). */
    public Builder since(Instant since) {
      this.since = since == null ? this.since : since;
      return this;
    }

    /** The newest moment it was seen; by default when it began. */
    public Builder lastSeen(Instant lastSeen) {
      this.lastSeen = lastSeen == null ? this.lastSeen : lastSeen;
      return this;
    }

    /** What was seen, in a line; prefixed with the pod and container it is about. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /** The piece of evidence behind it; by default the message. */
    public Builder evidence(String evidence) {
      this.evidence = evidence;
      return this;
    }

    /** The named values its hint is filled with. */
    public Builder values(Map<String, String> values) {
      this.values.putAll(values);
      return this;
    }

    public Builder value(String name, String value) {
      values.put(name, value);
      return this;
    }

    /** Whether it blocks the rollout; a finding that does not is reported as a warning. */
    public Builder blocking(boolean blocking) {
      this.blocking = blocking;
      return this;
    }

    public Finding build() {
      String where = pod == null ? "" : container == null ? "pod " + pod + ": " : "pod " + pod + " container "
          + container + ": ";
      return new Finding(reason, pod, container, since, lastSeen == null ? since : lastSeen, where + message,
          evidence == null ? message : evidence, values, blocking);
    }
  }
}
