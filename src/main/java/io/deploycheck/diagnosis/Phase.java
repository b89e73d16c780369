package io.deploycheck.diagnosis;

/** Where a rollout stands (DESIGN section 2, "Phases and time"). */
public enum Phase {
  Progressing,
  Ready,
  Stuck,
  Failed;

  public boolean isProblem() {
    return this == Stuck || this == Failed;
  }
}
