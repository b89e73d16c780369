package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * What the last status said: lets the engine keep {@code since} stable across reconciles and keep a specific
 * image-pull cause once kubelet's message degrades to a generic back-off.
 */
public record PreviousStatus(Reason reason, Instant since, List<PodVerdict> pods) {
  public PreviousStatus {
    pods = pods == null ? List.of() : List.copyOf(pods);
  }
}
