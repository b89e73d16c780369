package io.deploycheck.metrics;

import java.util.Objects;

/** One DeployCheck, the unit whose series appear and disappear together. */
record RolloutKey(String namespace, String deployCheck) {
  RolloutKey {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(deployCheck, "deployCheck");
  }
}
