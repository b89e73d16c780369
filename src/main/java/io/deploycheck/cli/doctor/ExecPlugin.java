package io.deploycheck.cli.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deploycheck.diagnosis.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig's exec credential plugin ({@code users[].user.exec}): {@code aws eks get-token ...} or
 * {@code aws-iam-authenticator token -i ...} on EKS. Found on PATH the way client-go finds it, and run only to check
 * authentication, with a timeout and without a terminal.
 */
record ExecPlugin(String command, List<String> args, Map<String, String> env, String apiVersion,
    String installHint) {

  /** The versions kubectl 1.24 and later accept (v1alpha1 was removed in 1.24). */
  private static final Set<String> SUPPORTED_API_VERSIONS =
      Set.of("client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1");
  private static final int MAX_ERROR_CHARS = 400;

  /** The command line, as a person would type it. */
  String commandLine() {
    return args.isEmpty() ? command : command + " " + String.join(" ", args);
  }

  /** Fails when kubectl itself would refuse this plugin entry, before looking for the binary. */
  void validate() {
    if (command == null || command.isBlank()) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "the user's exec section has no command");
    }
    if (apiVersion == null || !SUPPORTED_API_VERSIONS.contains(apiVersion)) {
      throw new CheckFailure(Reason.KubeconfigInvalid, "exec apiVersion "
          + (apiVersion == null ? "is missing" : "\"" + apiVersion + "\" is not accepted by kubectl 1.24 and later")
          + "; regenerate the kubeconfig with a current AWS CLI (aws eks update-kubeconfig), which writes "
          + "client.authentication.k8s.io/v1beta1");
    }
  }

  /**
   * The executable kubectl would run, or null: a command with a path separator is taken as a path (relative ones
   * against the kubeconfig's directory), any other name is looked up in PATH.
   */
  Path locate(Environment environment, Path kubeconfigDirectory) {
    if (command.contains("/") || command.contains("\\")) {
      Path path = kubeconfigDirectory.resolve(command);
      return isExecutable(path) ? path : null;
    }
    for (Path directory : environment.path()) {
      Path candidate = directory.resolve(command);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs the plugin and reads its ExecCredential; every credential it returns is added to {@code secrets}. */
  Credentials run(Path executable, Environment environment, Duration timeout, Secrets secrets) {
    List<String> commandLine = new ArrayList<>();
    commandLine.add(executable.toString());
    commandLine.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(commandLine);
    builder.environment().clear();
    builder.environment().putAll(environment.variables());
    builder.environment().putAll(env);
    // what client-go passes: the plugin must not prompt, there is no terminal in CI
    builder.environment().put("KUBERNETES_EXEC_INFO",
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw unauthorized("could not run " + executable + ": " + e.getMessage());
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw unauthorized(commandLine() + " did not finish within " + timeout.toSeconds() + "s (is it waiting for"
            + " input or for the network?)");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw unauthorized(commandLine() + " was interrupted");
    }
    String stdout = out.join();
    if (process.exitValue() != 0) {
      throw unauthorized(commandLine() + " exited with code " + process.exitValue() + ": " + tail(err.join()));
    }
    return credentials(stdout, secrets);
  }

  private Credentials credentials(String stdout, Secrets secrets) {
    JsonNode status;
    try {
      status = new ObjectMapper().readTree(stdout).path("status");
    } catch (JsonProcessingException e) {
      throw unauthorized(commandLine() + " printed no ExecCredential JSON");
    }
    String token = textOrNull(status, "token");
    String cert = textOrNull(status, "clientCertificateData");
    String key = textOrNull(status, "clientKeyData");
    secrets.add(token);
    secrets.add(key);
    if (token == null && (cert == null || key == null)) {
      throw unauthorized(commandLine() + " returned an ExecCredential without status.token or a client certificate");
    }
    return new Credentials(token, cert, key, null, null);
  }

  private static String textOrNull(JsonNode node, String field) {
    String value = node.path(field).asText("");
    return value.isEmpty() ? null : value;
  }

  private static boolean isExecutable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the plugin's error output: where CLIs put the reason. */
  private static String tail(String stderr) {
    String text = stderr.strip().replaceAll("\\s*\\R\\s*", " ");
    if (text.isEmpty()) {
      return "(no error output)";
    }
    return text.length() <= MAX_ERROR_CHARS ? text : "..." + text.substring(text.length() - MAX_ERROR_CHARS);
  }

  private static CheckFailure unauthorized(String detail) {
    return new CheckFailure(Reason.KubeconfigUnauthorized, detail);
  }

  /** Without the env values, which may hold AWS keys. */
  @Override
  public String toString() {
    return "ExecPlugin[" + commandLine() + "]";
  }
}
