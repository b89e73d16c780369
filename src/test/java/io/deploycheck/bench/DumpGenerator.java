package io.deploycheck.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a large {@code kind: List} dump for {@code tests/scale/diagnose.sh} from the dumps our e2e captured on real
 * components ({@code fixtures/real/}). Rollout {@code g} is {@code PODS_PER_SERVICE} copies of one capture's pods,
 * each with its own Events, plus the capture's InferenceService, DeployCheck and their other Events once, in the
 * capture's namespace (so a namespace holds hundreds of InferenceServices, as in a real namespace dump). Its
 * InferenceService is renamed {@code NAME-g} and each pod's name and uid get the copy's suffix wherever they appear
 * (names, labels, Event messages), so no two pods share a message text and nothing is memoised away.
 *
 * <p>Usage: {@code DumpGenerator PODS yaml|json OUT [PODS_PER_SERVICE (default 10)]}; objects are written one at a
 * time, so a dump of any size needs one capture in memory.
 */
public final class DumpGenerator {
  private static final Path CAPTURES = Path.of("src/test/resources/fixtures/real");

  private DumpGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: DumpGenerator PODS yaml|json OUT [PODS_PER_SERVICE]");
      System.exit(2);
    }
    int pods = Integer.parseInt(args[0]);
    ObjectMapper mapper = "json".equals(args[1]) ? new ObjectMapper() : new YAMLMapper();
    int perService = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    List<List<JsonNode>> captures = captures(new YAMLMapper());
    int written = 0;
    int items = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 16);
        JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("apiVersion", "v1");
      json.writeStringField("kind", "List");
      json.writeArrayFieldStart("items");
      for (int group = 0; written < pods; group++) {
        List<JsonNode> capture = captures.get(group % captures.size());
        for (int copy = 0; copy < perService && written < pods; copy++) {
          for (JsonNode item : copy(capture, group, copy)) {
            boolean pod = "Pod".equals(item.path("kind").asText());
            if (copy > 0 && !pod && !aboutPod(item)) {
              continue; // the rollout's own objects once
            }
            written += pod ? 1 : 0;
            items++;
            mapper.writeTree(json, item);
          }
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    System.err.printf("%s: %d pods, %d objects%n", args[2], written, items);
  }

  /** The items of every capture with exactly one InferenceService and pods, in file order. */
  private static List<List<JsonNode>> captures(ObjectMapper yaml) throws IOException {
    List<List<JsonNode>> captures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CAPTURES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        List<JsonNode> items = new ArrayList<>();
        yaml.readTree(file.toFile()).path("items").forEach(items::add);
        if (count(items, "Pod") > 0 && count(items, "InferenceService") == 1) {
          captures.add(items);
        }
      }
    }
    return captures;
  }

  private static long count(List<JsonNode> items, String kind) {
    return items.stream().filter(i -> kind.equals(i.path("kind").asText())).count();
  }

  private static boolean aboutPod(JsonNode item) {
    return "Event".equals(item.path("kind").asText())
        && "Pod".equals(item.path("involvedObject").path("kind").asText());
  }

  /**
   * Copy {@code copy} of rollout {@code group}: the InferenceService's name (a value equal to it, or the
   * {@code NAME-predictor} prefix of its pods, ReplicaSets and Deployments) gets {@code -group}, pod names and uids
   * also {@code -copy}.
   */
  private static List<JsonNode> copy(List<JsonNode> capture, int group, int copy) {
    String isvc = capture.stream().filter(i -> "InferenceService".equals(i.path("kind").asText())).findFirst()
        .orElseThrow().path("metadata").path("name").asText();
    String renamedIsvc = isvc + "-" + group;
    Map<String, String> renames = new LinkedHashMap<>();
    for (JsonNode item : capture) {
      JsonNode metadata = item.path("metadata");
      String name = metadata.path("name").asText();
      if ("Pod".equals(item.path("kind").asText())) {
        renames.put(name, name.replace(isvc + "-predictor", renamedIsvc + "-predictor") + "-" + copy);
      }
      if (metadata.hasNonNull("uid")) {
        renames.put(metadata.path("uid").asText(), metadata.path("uid").asText() + "-" + group + "-" + copy);
      }
    }
    renames.put(isvc + "-predictor", renamedIsvc + "-predictor");
    List<JsonNode> copied = new ArrayList<>();
    for (JsonNode item : capture) {
      JsonNode node = item.deepCopy();
      rename(node, isvc, renamedIsvc, renames);
      copied.add(node);
    }
    return copied;
  }

  private static void rename(JsonNode node, String isvc, String renamedIsvc, Map<String, String> renames) {
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(renamed(array.get(i).asText(), isvc, renamedIsvc, renames)));
        } else {
          rename(array.get(i), isvc, renamedIsvc, renames);
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(renamed(field.getValue().asText(), isvc, renamedIsvc, renames)));
        } else {
          rename(field.getValue(), isvc, renamedIsvc, renames);
        }
      }
    }
  }

  private static String renamed(String text, String isvc, String renamedIsvc, Map<String, String> renames) {
    if (text.equals(isvc)) {
      return renamedIsvc;
    }
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      if (text.contains(rename.getKey())) {
        text = text.replace(rename.getKey(), rename.getValue());
      }
    }
    return text;
  }
}
