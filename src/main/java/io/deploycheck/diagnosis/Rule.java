package io.deploycheck.diagnosis;

import java.util.List;

/**
 * One family of failures (DESIGN section 3's categories). A rule looks at one pod at a time, at the rollout as a
 * whole, or both, and adds findings; the engine decides precedence, phase and time.
 */
interface Rule {
  /** Findings about one pod of the newest revision. */
  default void inspect(PodContext pod, Findings out) {}

  /** Findings about the rollout as a whole; {@code pods} are the newest revision's pods. */
  default void inspect(Evidence evidence, List<PodFacts> pods, Findings out) {}
}
