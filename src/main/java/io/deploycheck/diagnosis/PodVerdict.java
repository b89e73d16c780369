package io.deploycheck.diagnosis;

/** One pod's own reason, as listed under {@code status.pods}. */
public record PodVerdict(String name, String phase, boolean ready, Reason reason, int restarts, String image) {}
