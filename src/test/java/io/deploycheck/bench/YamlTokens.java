package io.deploycheck.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The floor of reading a YAML dump: only its tokens, through the same YAML library {@code diagnose} uses, with no tree,
 * no objects and no diagnosis. {@code tests/scale/diagnose.sh} prints it beside each YAML run.
 */
public final class YamlTokens {
  private YamlTokens() {}

  public static void main(String[] args) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    YAMLFactory yaml = YAMLFactory.builder().loaderOptions(options).build();
    long start = System.nanoTime();
    long tokens = 0;
    try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
        JsonParser parser = yaml.createParser(reader)) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    System.out.printf("%d tokens in %.1f s%n", tokens, (System.nanoTime() - start) / 1e9);
  }
}
