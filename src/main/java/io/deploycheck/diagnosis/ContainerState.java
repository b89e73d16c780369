package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.Set;

/** One of a container's waiting, running or terminated states, as kubelet reports it. */
public record ContainerState(
    Kind kind, String reason, String message, Integer exitCode, Instant startedAt, Instant finishedAt) {

  public enum Kind { WAITING, RUNNING, TERMINATED }

  /**
   * Waiting reasons of a failing pull (kubelet's pkg/kubelet/images/types.go); CRI-O on Kubernetes 1.28+ also
   * reports RegistryUnavailable. A reason naming an image that kubelet adds later is taken as one too.
   */
  private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "RegistryUnavailable",
      "ErrImageNeverPull", "ImageInspectError");

  public static ContainerState waiting(String reason, String message) {
    return new ContainerState(Kind.WAITING, reason, message, null, null, null);
  }

  public static ContainerState running(Instant startedAt) {
    return new ContainerState(Kind.RUNNING, null, null, null, startedAt, null);
  }

  public static ContainerState terminated(
      String reason, String message, int exitCode, Instant startedAt, Instant finishedAt) {
    return new ContainerState(Kind.TERMINATED, reason, message, exitCode, startedAt, finishedAt);
  }

  /** Waiting reasons of a container not yet created: the sandbox, volumes, image or init containers come first. */
  private static final Set<String> NOT_CREATED = Set.of("ContainerCreating", "PodInitializing");

  /** Waiting to be created (kubelet's "still creating"): neither failing nor running yet. */
  public boolean isCreating() {
    return kind == Kind.WAITING && NOT_CREATED.contains(reason);
  }

  /** Terminated by the kernel's OOM killer. */
  public boolean isOomKill() {
    return kind == Kind.TERMINATED && "OOMKilled".equals(reason);
  }

  /** Waiting because pulling the image fails (as opposed to a pull still in progress). */
  public boolean isPullFailure() {
    return kind == Kind.WAITING && reason != null
        && (PULL_FAILURES.contains(reason) || reason.contains("Image") && !"InvalidImageName".equals(reason));
  }

  public boolean isTerminated() {
    return kind == Kind.TERMINATED;
  }

  public boolean isRunning() {
    return kind == Kind.RUNNING;
  }

  /** The message or, when kubelet gave none, an empty string, so rules can match without null checks. */
  public String text() {
    return message == null ? "" : message;
  }
}
