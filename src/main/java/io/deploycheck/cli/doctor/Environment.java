package io.deploycheck.cli.doctor;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code doctor} reads from the process around it: environment variables (KUBECONFIG_DATA, KUBECONFIG, PATH)
 * and the home directory. Injected so tests control every default source and the PATH that exec plugins are
 * looked up in.
 */
public record Environment(Map<String, String> variables, Path home) {

  public Environment {
    variables = Map.copyOf(variables);
  }

  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The variable's value; null when it is not set (an empty value is returned as it is). */
  public String get(String name) {
    return variables.get(name);
  }

  /** The directories of PATH, in order; entries that are not paths are skipped. */
  public List<Path> path() {
    String path = variables.getOrDefault("PATH", "");
    List<Path> directories = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          directories.add(Path.of(entry));
        } catch (InvalidPathException e) {
          // kubectl skips such entries too; nothing can be found there
        }
      }
    }
    return directories;
  }
}
