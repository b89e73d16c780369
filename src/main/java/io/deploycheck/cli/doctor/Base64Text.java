package io.deploycheck.cli.doctor;

import io.deploycheck.diagnosis.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decodes a KUBECONFIG_DATA-style value and, when it does not decode, says why in terms of how such values go
 * wrong: raw YAML pasted instead of base64, line-wrapped output of {@code base64} without {@code -w 0} (decodes, but
 * is fragile: warned), a value cut short, the URL-safe alphabet, a stray character, or encoding twice.
 */
final class Base64Text {
  /** GNU base64 wraps at 76 columns unless told {@code -w 0}. */
  static final int GNU_WRAP = 76;

  private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final Pattern LOOKS_LIKE_YAML =
      Pattern.compile("\\A(?:#[^\\n]*\\n|\\s)*(?:apiVersion|kind|clusters|contexts|users|current-context)\\s*:");

  /** The decoded text, and a warning when the input was fine to decode but fragile. */
  record Decoded(String text, int bytes, String warning) {}

  private Base64Text() {}

  /** Decodes {@code value} (named {@code what} in messages), or throws a failure naming what is wrong. */
  static Decoded decode(String what, String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw invalid(what + " is empty");
    }
    if (LOOKS_LIKE_YAML.matcher(trimmed).find()) {
      throw invalid(what + " holds the kubeconfig YAML itself, not its base64 encoding");
    }
    List<String> lines = trimmed.lines().map(String::strip).toList();
    String joined = String.join("", lines);
    firstBadCharacter(what, lines);
    if (!ALPHABET.matcher(joined).matches()) {
      throw invalid(what + " has '=' padding inside the text: two encoded values were pasted together?");
    }
    if (joined.length() % 4 != 0) {
      // GNU base64 -d prints what it can, then "base64: invalid input" and exits 1: the job's decode step fails
      throw invalid(what + " is " + joined.length() + " characters long, not a multiple of 4: the '=' padding is"
          + " missing or the value was cut short when it was copied");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(joined);
    } catch (IllegalArgumentException e) {
      throw invalid(what + " is not valid base64: " + e.getMessage());
    }
    String text = utf8(what, bytes);
    if (encodesKubeconfig(text)) {
      throw invalid(what + " decodes to base64 text again: the kubeconfig was encoded twice");
    }
    return new Decoded(text, bytes.length, wrapWarning(what, lines));
  }

  private static void firstBadCharacter(String what, List<String> lines) {
    for (int line = 0; line < lines.size(); line++) {
      String text = lines.get(line);
      for (int column = 0; column < text.length(); column++) {
        char c = text.charAt(column);
        if (isAlphabet(c)) {
          continue;
        }
        String where = lines.size() > 1 ? "line " + (line + 1) + ", column " + (column + 1)
            : "position " + (column + 1);
        String found = describe(c);
        if (c == '-' || c == '_') {
          throw invalid(what + " uses the URL-safe base64 alphabet (" + found + " at " + where + "); encode with"
              + " base64 -w 0, which uses + and /");
        }
        throw invalid(what + " is not base64: " + found + " at " + where + " is not a base64 character");
      }
    }
  }

  private static boolean isAlphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c == '\t') {
      return "a tab";
    }
    if (c < 0x20 || c > 0x7e) {
      return String.format(Locale.ROOT, "character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static boolean encodesKubeconfig(String text) {
    String compact = text.replaceAll("\\s+", "");
    if (compact.isEmpty() || !ALPHABET.matcher(compact).matches()) {
      return false;
    }
    try {
      return LOOKS_LIKE_YAML.matcher(new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8)).find();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String utf8(String what, byte[] bytes) {
    String text = Utf8.decode(bytes);
    if (text == null) {
      throw invalid(what + " decodes to " + bytes.length + " bytes of binary data, not kubeconfig text");
    }
    return text;
  }

  /** Several lines decode fine with GNU base64 -d, but not everywhere (GitHub's UI, other decoders). */
  private static String wrapWarning(String what, List<String> lines) {
    if (lines.size() < 2) {
      return null;
    }
    int width = lines.get(0).length();
    boolean even = lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.length() == width)
        && lines.get(lines.size() - 1).length() <= width;
    String shape = !even ? "has " + lines.size() + " lines of different lengths"
        : width == GNU_WRAP ? "is wrapped every 76 characters (base64 without -w 0)"
        : "is wrapped every " + width + " characters";
    return what + " " + shape + "; it decodes, but store it on one line: base64 -w 0";
  }

  private static CheckFailure invalid(String detail) {
    return new CheckFailure(Reason.KubeconfigInvalid, detail);
  }
}
