package io.deploycheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One input of {@code diagnose}: a file or standard input, checked to be text. */
public record Input(String name, String text) {

  public static Input read(String name, InputStream stdin) {
    byte[] bytes;
    try {
      if ("-".equals(name)) {
        bytes = stdin.readAllBytes();
      } else {
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
          throw new InputException(name + ": is a directory, expected a file");
        }
        bytes = Files.readAllBytes(path);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file");
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
    }
    String label = "-".equals(name) ? "standard input" : name;
    for (byte b : bytes) {
      if (b == 0) {
        throw binary(label);
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw binary(label);
    }
    if (text.isBlank()) {
      throw new InputException(label + ": is empty");
    }
    return new Input(label, text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  private static InputException binary(String label) {
    return new InputException(label + ": is binary data, expected a Kubernetes YAML/JSON dump or a text log");
  }
}
