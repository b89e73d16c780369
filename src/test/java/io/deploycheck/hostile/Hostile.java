package io.deploycheck.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile text: credentials of every masked shape, terminal escapes, huge runs, and mutations
 * of real dumps (values nulled, retyped, replaced, nested deep, multiplied). The same seed gives the same cases, so
 * a failure names its seed and is reproduced exactly.
 */
final class Hostile {
  /** Credentials planted in inputs: none may appear in any output. Made up, of the documented shapes. */
  static final List<String> SECRETS = List.of(
      "eyJhbGciOiJSUzI1NiIsImtpZCI6Imhvc3RpbGUifQ.eyJzdWIiOiJzeXN0ZW06aG9zdGlsZSJ9.aG9zdGlsZXNpZ25hdHVyZQ",
      "ghp_H0st1leH0st1leH0st1leH0st1leH0st1l",
      "AKIAHOSTILE0EXAMPLE7",
      "glpat-H0st1leH0st1leH0st1le",
      "dckr_pat_H0st1leH0st1leH0st1leH0st",
      "Sup3rS3cretPassw0rd",
      "UrlPassw0rdH0st1le");

  /** How each secret is planted: in the context that marks it (a bare password is only a secret after password=). */
  private static final List<String> PLANTED = List.of(
      "Authorization: Bearer " + SECRETS.get(0), "token " + SECRETS.get(1), "key " + SECRETS.get(2),
      SECRETS.get(3), "docker login -p " + SECRETS.get(4), "password=" + SECRETS.get(5),
      "https://ci:" + SECRETS.get(6) + "@registry.example.com/v2/");

  private static final List<String> ESCAPES = List.of("\u001b[2J\u001b[H", "\u001b]52;c;ZWNobyBwd25lZA==\u0007",
      "\u009b31m", "\r", "\u202e", "\u001b]0;title\u001b\\", "\u0085", "\u007f", "\u2028", "\b\b\b", "\n");

  private final Random random;

  Hostile(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** A text of secrets, escapes, ordinary words and sometimes a long run, in random order. */
  String text() {
    StringBuilder out = new StringBuilder();
    int parts = 1 + random.nextInt(6);
    for (int i = 0; i < parts; i++) {
      switch (random.nextInt(5)) {
        case 0 -> out.append(pick(PLANTED));
        case 1 -> out.append(pick(ESCAPES));
        case 2 -> out.append("x".repeat(random.nextInt(4) == 0 ? 100_000 : 1 + random.nextInt(200)));
        case 3 -> out.append("\uD83D\uDE00 ünïcödé ").append((char) (0x20 + random.nextInt(0x60)));
        default -> out.append(" Failed to pull image \"").append(pick(PLANTED)).append("\": not found ");
      }
    }
    return out.toString();
  }

  /** The node with one random value changed: a hostile string, null, another type, deep nesting or removed. */
  JsonNode mutate(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = pick(containers);
    if (target instanceof ObjectNode object && object.size() > 0) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      object.set(pick(names), replacement(object.get(pick(names))));
    } else if (target instanceof ArrayNode array && array.size() > 0) {
      int index = random.nextInt(array.size());
      if (random.nextInt(8) == 0) {
        for (int i = 0; i < 200; i++) {
          array.add(array.get(index).deepCopy());
        }
      } else {
        array.set(index, replacement(array.get(index)));
      }
    }
    return root;
  }

  private JsonNode replacement(JsonNode old) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(8)) {
      case 0 -> f.nullNode();
      case 1 -> f.numberNode(random.nextLong());
      case 2 -> f.arrayNode().add(text());
      case 3 -> f.objectNode().put("kind", text());
      case 4 -> f.booleanNode(random.nextBoolean());
      case 5 -> deep(1 + random.nextInt(300));
      case 6 -> old == null || old.isValueNode() ? f.textNode(text()) : f.textNode("");
      default -> f.textNode(text());
    };
  }

  private JsonNode deep(int depth) {
    JsonNode node = JsonNodeFactory.instance.textNode(text());
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? JsonNodeFactory.instance.arrayNode().add(node)
          : JsonNodeFactory.instance.objectNode().set("a", node);
    }
    return node;
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          collect(it.next().getValue(), into);
        }
      } else {
        node.forEach(child -> collect(child, into));
      }
    }
  }

  /** Bytes of a text, sometimes damaged: cut short, a BOM in front, CRLF line ends, a byte flipped. */
  byte[] damage(String text) {
    String out = text;
    if (random.nextInt(6) == 0) {
      out = "\uFEFF" + out;
    }
    if (random.nextInt(6) == 0) {
      out = out.replace("\n", "\r\n");
    }
    if (random.nextInt(6) == 0) {
      out = "# comment\n".repeat(1 + random.nextInt(3000)) + out;
    }
    if (random.nextInt(5) == 0 && !out.isEmpty()) {
      out = out.substring(0, random.nextInt(out.length()));
    }
    byte[] bytes = out.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0 && bytes.length > 0) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
