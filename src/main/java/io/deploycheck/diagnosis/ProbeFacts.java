package io.deploycheck.diagnosis;

import java.time.Duration;

/** A container's probe as specified, with Kubernetes' defaults already applied. */
public record ProbeFacts(
    Type type, String command, String path, String port, int initialDelaySeconds, int periodSeconds,
    int failureThreshold) {

  public enum Type { EXEC, HTTP_GET, TCP_SOCKET, GRPC }

  /** How long kubelet lets the probe fail before acting: initialDelay + failureThreshold x period. */
  public Duration budget() {
    return Duration.ofSeconds(initialDelaySeconds + (long) failureThreshold * periodSeconds);
  }

  /** The executable an exec probe starts: the first word, or the word after {@code sh -c}. */
  public String executable() {
    if (command == null || command.isBlank()) {
      return null;
    }
    String[] words = command.trim().split("\\s+");
    boolean shell = words.length > 2 && words[0].matches("(/usr)?(/bin/)?(ba)?sh") && words[1].equals("-c");
    return shell ? words[2].replace("\"", "").replace("'", "") : words[0];
  }
}
