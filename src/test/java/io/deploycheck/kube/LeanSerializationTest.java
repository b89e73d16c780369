package io.deploycheck.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deploycheck.cli.Dump;
import io.deploycheck.cli.DumpFacts;
import io.deploycheck.cli.OfflineDiagnosis;
import io.deploycheck.cli.Target;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The lean serialization drops only what the engine never reads: every fixture's Pods and Events (and the objects
 * captured whole, managedFields included, from the e2e cluster) map to the same evidence and the same diagnosis
 * whether parsed whole or lean.
 */
class LeanSerializationTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Path CAPTURED = Path.of("src/test/resources/bench/informer-objects.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization WHOLE = new KubernetesSerialization();
  private static final KubernetesSerialization LEAN = LeanSerialization.create();

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesTheSameEvidenceAndDiagnosisWhenParsedLean() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(FIXTURES)) {
      walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
    }
    files.add(CAPTURED);
    assertThat(files).hasSizeGreaterThan(100);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
      Dump whole = dump(file, WHOLE);
      Dump lean = dump(file, LEAN);
      for (int i = 0; i < whole.pods().size(); i++) {
        assertThat(EvidenceMapper.pod(lean.pods().get(i))).isEqualTo(EvidenceMapper.pod(whole.pods().get(i)));
      }
      for (int i = 0; i < whole.events().size(); i++) {
        assertThat(EvidenceMapper.event(lean.events().get(i)))
            .isEqualTo(EvidenceMapper.event(whole.events().get(i)));
      }
      var now = OfflineDiagnosis.newestTimestamp(whole);
      var offline = new OfflineDiagnosis(new DiagnosisEngine(), null);
      List<Target> expected = offline.diagnose(DumpFacts.of(whole), now, Duration.ofMinutes(3));
      assertThat(offline.diagnose(DumpFacts.of(lean), now, Duration.ofMinutes(3))).isEqualTo(expected);
    }));
  }

  @Test
  void dropsManagedFieldsAndThePodPartsTheEngineNeverReads() throws IOException {
    Dump whole = dump(CAPTURED, WHOLE);
    Dump lean = dump(CAPTURED, LEAN);
    Pod fat = whole.pods().get(0);
    Pod slim = lean.pods().get(0);
    assertThat(fat.getMetadata().getManagedFields()).isNotEmpty();
    assertThat(fat.getSpec().getVolumes()).isNotEmpty();
    assertThat(fat.getStatus().getPodIPs()).isNotEmpty();
    assertThat(slim.getMetadata().getManagedFields()).isEmpty();
    assertThat(slim.getSpec().getVolumes()).isEmpty();
    assertThat(slim.getSpec().getContainers()).allSatisfy(c -> assertThat(c.getEnv()).isEmpty());
    assertThat(slim.getStatus().getPodIPs()).isEmpty();
    assertThat(slim.getStatus().getContainerStatuses()).allSatisfy(c -> assertThat(c.getImageID()).isNull());
    assertThat(lean.events()).allSatisfy(e -> assertThat(e.getMetadata().getManagedFields()).isEmpty());
    assertThat(whole.events()).allSatisfy(e -> assertThat(e.getMetadata().getUid()).isNotNull());
    assertThat(lean.events()).allSatisfy(e -> {
      assertThat(e.getMetadata().getUid()).isNull();
      assertThat(e.getInvolvedObject().getResourceVersion()).isNull();
      assertThat(e.getInvolvedObject().getUid()).isNotNull(); // the rules tell pods of the same name apart by it
      assertThat(e.getAdditionalProperties()).isSameAs(Map.of());
      assertThat(e.getSource().getAdditionalProperties()).isSameAs(Map.of());
    });
    assertThat(JSON.writeValueAsString(slim).length()).isLessThan(JSON.writeValueAsString(fat).length() / 2);
  }

  @Test
  void boundsAnEventMessageWithoutSplittingACharacter() {
    String emoji = "\uD83D\uDE00";
    String message = "x".repeat(LeanSerialization.MAX_EVENT_MESSAGE - 1) + emoji + "tail";
    Event event = LEAN.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e\"},"
        + "\"message\":\"" + message + "\"}", Event.class);
    assertThat(event.getMessage()).isEqualTo("x".repeat(LeanSerialization.MAX_EVENT_MESSAGE - 1));
    Event shortOne = LEAN.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e\"},"
        + "\"message\":\"Back-off pulling image\"}", Event.class);
    assertThat(shortOne.getMessage()).isEqualTo("Back-off pulling image");
  }

  /** A dump's Pods and Events, each parsed from the JSON text an API server would send, with {@code serialization}. */
  private static Dump dump(Path file, KubernetesSerialization serialization) throws IOException {
    Dump dump = new Dump(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    JsonNode root = new YAMLMapper().readTree(Files.readString(file));
    for (JsonNode item : root.path("items")) {
      String text = JSON.writeValueAsString(item);
      switch (item.path("kind").asText()) {
        case "Pod" -> dump.pods().add(serialization.unmarshal(text, Pod.class));
        case "Event" -> dump.events().add(serialization.unmarshal(text, Event.class));
        case "InferenceService" -> dump.inferenceServices()
            .add(serialization.unmarshal(text, GenericKubernetesResource.class));
        case "Node" -> dump.nodes().add(serialization.unmarshal(text, Node.class));
        default -> { }
      }
    }
    return dump;
  }
}
