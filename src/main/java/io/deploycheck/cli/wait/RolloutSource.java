package io.deploycheck.cli.wait;

import java.time.Instant;

/** Where wait learns how the rollout goes: the operator's DeployCheck status, or the engine run in-process. */
interface RolloutSource extends AutoCloseable {
  /** How the rollout is followed, for the first line of the output. */
  String description();

  /** Starts the watches; {@code changed} runs, on a watch thread, whenever they see a change. */
  void start(Runnable changed);

  /** The rollout as of {@code now}. */
  Observation observe(Instant now);

  /** Stops the watches. */
  @Override
  void close();
}
