package io.deploycheck.cli.doctor;

import io.deploycheck.cli.Input;
import io.deploycheck.cli.InputException;
import io.deploycheck.diagnosis.Reason;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the kubeconfig comes from, in the order a CI job provides it: {@code --kubeconfig FILE} or
 * {@code --kubeconfig-data BASE64}; else {@code KUBECONFIG_DATA} (the guide's secret, base64); else the first file
 * of {@code KUBECONFIG}; else {@code ~/.kube/config}.
 *
 * <p>A problem with a flag is a bad argument (exit 2). A problem with a default source is a finding: the job would
 * fail the same way, so it is reported as a failed check.
 */
record KubeconfigSource(String name, String text, boolean base64, Path directory) {

  static final String DATA_VARIABLE = "KUBECONFIG_DATA";
  /**
   * Largest kubeconfig file read. The base64 sources come from an environment variable or an argument, which the
   * operating system already bounds (128 KiB per string on Linux).
   */
  static final int MAX_FILE_BYTES = Input.MAX_KUBECONFIG_BYTES;

  static KubeconfigSource resolve(Path file, String data, Environment environment) {
    if (file != null) {
      return read("--kubeconfig " + file, file, true);
    }
    if (data != null) {
      return encoded("--kubeconfig-data", data);
    }
    String variable = environment.get(DATA_VARIABLE);
    if (variable != null) {
      if (variable.isBlank()) {
        throw invalid(DATA_VARIABLE + " is set but empty: the secret is missing or misspelt, or not passed to this"
            + " job (GitHub does not pass secrets to workflows run from forks)");
      }
      return encoded(DATA_VARIABLE + " environment variable", variable);
    }
    String list = environment.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      // kubectl merges every file of the list; the first one usually holds the context CI uses
      String first = list.split(File.pathSeparator)[0];
      return read(first + " (first file of KUBECONFIG)", Path.of(first), false);
    }
    Path home = environment.home().resolve(".kube").resolve("config");
    if (!Files.exists(home)) {
      throw invalid("no kubeconfig: " + DATA_VARIABLE + " and KUBECONFIG are not set and " + home
          + " does not exist, so kubectl falls back to localhost:8080");
    }
    return read(home.toString(), home, false);
  }

  /** The source check's detail. */
  String describe() {
    return base64 ? name + ", " + text.strip().length() + " characters"
        : name + ", " + text.getBytes(StandardCharsets.UTF_8).length + " bytes";
  }

  /** Without the text: it holds the credentials. */
  @Override
  public String toString() {
    return "KubeconfigSource[" + describe() + "]";
  }

  private static KubeconfigSource encoded(String name, String value) {
    // relative certificate paths in an inline kubeconfig resolve against the working directory, as kubectl's do
    return new KubeconfigSource(name, value, true, Path.of("").toAbsolutePath());
  }

  private static KubeconfigSource read(String name, Path path, boolean argument) {
    try {
      if (Files.isDirectory(path)) {
        throw problem(argument, name + " is a directory, not a kubeconfig file");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw problem(argument, name + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not a kubeconfig"
            + " (those are kilobytes)");
      }
      String text = utf8(name, bytes);
      Path directory = path.toAbsolutePath().getParent();
      return new KubeconfigSource(name, text, false, directory == null ? Path.of("").toAbsolutePath() : directory);
    } catch (NoSuchFileException e) {
      throw problem(argument, name + ": no such file");
    } catch (IOException e) {
      throw problem(argument, name + " cannot be read: " + e.getMessage());
    }
  }

  /** A readable file that is not text is a finding about the kubeconfig, not a bad argument. */
  private static String utf8(String name, byte[] bytes) {
    String text = Utf8.decode(bytes);
    if (text == null) {
      throw invalid(name + " is binary data, not kubeconfig text");
    }
    return text;
  }

  private static RuntimeException problem(boolean argument, String message) {
    return argument ? new InputException(message) : invalid(message);
  }

  private static CheckFailure invalid(String detail) {
    return new CheckFailure(Reason.KubeconfigInvalid, detail);
  }
}
