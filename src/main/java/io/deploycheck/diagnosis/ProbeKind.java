package io.deploycheck.diagnosis;

import java.util.Locale;

/** The three probes kubelet runs, with the word it uses for each in Unhealthy events. */
public enum ProbeKind {
  STARTUP("Startup"),
  LIVENESS("Liveness"),
  READINESS("Readiness");

  private final String eventWord;

  ProbeKind(String eventWord) {
    this.eventWord = eventWord;
  }

  /** "Readiness", as in kubelet's "Readiness probe failed: ...". */
  public String eventWord() {
    return eventWord;
  }

  /** "readiness", as in the pod spec's readinessProbe. */
  public String specWord() {
    return eventWord.toLowerCase(Locale.ROOT);
  }

  /** The probe an Unhealthy event's message is about, or null. */
  public static ProbeKind ofMessage(String message) {
    for (ProbeKind kind : values()) {
      if (message.startsWith(kind.eventWord + " probe")) {
        return kind;
      }
    }
    return null;
  }
}
