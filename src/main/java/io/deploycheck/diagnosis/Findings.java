package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the rules report while the engine walks the evidence: findings, and when to look again. */
public final class Findings {
  private final Instant now;
  private final List<Finding> all = new ArrayList<>();
  private final List<Finding> candidates = new ArrayList<>();
  private Instant wakeAt;

  Findings(Instant now) {
    this.now = now;
  }

  public void add(Finding finding) {
    all.add(finding);
  }

  /** A rule's verdict may change at {@code moment} without any new evidence (a budget or a wait runs out). */
  public void wakeAt(Instant moment) {
    if (moment != null && moment.isAfter(now) && (wakeAt == null || moment.isBefore(wakeAt))) {
      wakeAt = moment;
    }
  }

  /**
   * A cause seen that is not a problem yet (a startup probe inside its own budget): reported only if the progress
   * deadline passes first, so the rollout fails with the best cause known instead of none.
   */
  public void candidate(Finding finding) {
    candidates.add(finding);
  }

  public List<Finding> candidates() {
    return candidates;
  }

  public List<Finding> all() {
    return all;
  }

  public Instant wakeAt() {
    return wakeAt;
  }

  public Instant now() {
    return now;
  }
}
