package io.deploycheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.kube.KServe;
import io.deploycheck.kube.LeanSerialization;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bytes an informer cache keeps per Pod and per Event: parses {@code count} copies (each its own JSON text, as
 * every watch event is) of real objects captured from the project's e2e cluster, once with fabric8's default
 * serialization and once with the operator's {@link LeanSerialization}, keeps them in a map as an informer's store
 * does, and reports the heap retained after a full GC. Run: see docs/performance.md, "Informer memory".
 */
public final class InformerMemory {
  private static final Path OBJECTS = Path.of("src/test/resources/bench/informer-objects.yaml");

  private InformerMemory() {}

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    JsonNode list = new YAMLMapper().readTree(Files.readString(OBJECTS));
    System.out.printf("%d copies each; bytes retained per object after a full GC%n", count);
    System.out.printf("%-6s %-8s %12s %12s%n", "kind", "serial.", "bytes each", "MiB in all");
    for (String kind : List.of("Pod", "Event")) {
      List<JsonNode> items = new ArrayList<>();
      list.path("items").forEach(item -> {
        if (kind.equals(item.path("kind").asText())) {
          items.add(item);
        }
      });
      Class<? extends HasMetadata> type = "Pod".equals(kind) ? Pod.class : Event.class;
      for (var serialization : List.of(Map.entry("default", new KubernetesSerialization()),
          Map.entry("lean", LeanSerialization.create()))) {
        long bytes = retained(serialization.getValue(), items, type, count);
        System.out.printf("%-6s %-8s %12d %12.1f%n", kind, serialization.getKey(), bytes / count,
            bytes / 1048576.0);
      }
    }
  }

  /**
   * Heap retained by {@code count} objects parsed from copies of {@code items} (taken in turn, each copy under its
   * own name), after a full GC.
   */
  private static long retained(KubernetesSerialization serialization, List<JsonNode> items,
      Class<? extends HasMetadata> type, int count) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonNode item = items.get(i % items.size());
      ObjectNode copy = item.deepCopy();
      distinct(copy, i);
      texts.add(json.writeValueAsString(copy));
    }
    serialization.unmarshal(texts.get(0), type); // warm: the mapper's own caches are not the store's
    long before = usedAfterGc();
    Map<String, HasMetadata> store = new HashMap<>();
    for (String text : texts) {
      HasMetadata object = serialization.unmarshal(text, type);
      store.put(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(), object);
    }
    long after = usedAfterGc(); // the texts are live in both measurements, so only the store counts
    if (store.size() != count || texts.size() != count) {
      throw new IllegalStateException("store lost objects");
    }
    return after - before;
  }

  /**
   * What differs between real objects differs between the copies too (shared values would flatter the lean
   * serialization, which shares equal strings): names, uids, resource versions, the InferenceService a pod belongs
   * to (10 pods each) and the pod an Event is about. Timestamps stay as captured.
   */
  private static void distinct(ObjectNode copy, int i) {
    ObjectNode metadata = (ObjectNode) copy.path("metadata");
    metadata.put("name", metadata.path("name").asText() + "-" + i);
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("resourceVersion", String.valueOf(100_000 + i));
    if (metadata.path("labels").has(KServe.LABEL_INFERENCE_SERVICE)) {
      ((ObjectNode) metadata.path("labels")).put(KServe.LABEL_INFERENCE_SERVICE, "isvc-" + i / 10);
    }
    if (copy.path("involvedObject").isObject()) {
      ObjectNode about = (ObjectNode) copy.path("involvedObject");
      about.put("name", about.path("name").asText() + "-" + i / 11);
      about.put("uid", UUID.randomUUID().toString());
    }
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
