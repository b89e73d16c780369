package io.deploycheck.diagnosis;

import java.util.Locale;

/** The three probes kubelet runs, with the word it uses for each in Unhealthy events. */
public enum ProbeKind {
  STARTUP("Startup"),
  LIVENESS("Liveness"),
  READINESS("Readiness");

  private final String eventWord;
  private final String specWord;
  private final String eventPrefix;
  private final String killPhrase;

  ProbeKind(String eventWord) {
    this.eventWord = eventWord;
    this.specWord = eventWord.toLowerCase(Locale.ROOT);
    this.eventPrefix = eventWord + " probe";
    this.killPhrase = "failed " + specWord + " probe";
  }

  /** As in kubelet's Killing event "Container X failed liveness probe, will be restarted". */
  public String killPhrase() {
    return killPhrase;
  }

  /** "Readiness", as in kubelet's "Readiness probe failed: ...". */
  public String eventWord() {
    return eventWord;
  }

  /** "readiness", as in the pod spec's readinessProbe. */
  public String specWord() {
    return specWord;
  }

  /** The probe an Unhealthy event's message is about, or null. */
  public static ProbeKind ofMessage(String message) {
    for (ProbeKind kind : values()) {
      if (message.startsWith(kind.eventPrefix)) {
        return kind;
      }
    }
    return null;
  }
}
