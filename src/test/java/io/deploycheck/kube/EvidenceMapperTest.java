package io.deploycheck.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.diagnosis.EventFacts;
import io.deploycheck.diagnosis.InferenceServiceFacts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceMapperTest {
  static final String CREATED = "2026-11-27T10:00:00Z";
  static final String FIRST = "2026-11-27T10:01:00Z";
  static final String LAST = "2026-11-27T10:04:00Z";

  @Test
  void eventTimesComeFromTheLegacyTimestampsFirst() {
    EventFacts facts = EvidenceMapper.event(event().withFirstTimestamp(FIRST).withLastTimestamp(LAST)
        .withEventTime(new MicroTime("2026-11-27T09:00:00.000000Z")).withCount(4).build());

    assertThat(facts.firstSeen()).isEqualTo(at(FIRST));
    assertThat(facts.lastSeen()).isEqualTo(at(LAST));
    assertThat(facts.count()).isEqualTo(4);
  }

  @Test
  void aNewStyleEventUsesEventTimeAndItsSeries() {
    // events.k8s.io/v1 writers (kubelet since 1.25 for some reasons, the scheduler) leave the legacy fields empty.
    EventFacts facts = EvidenceMapper.event(event().withEventTime(new MicroTime("2026-11-27T10:01:00.000000Z"))
        .withNewSeries().withCount(7).withLastObservedTime(new MicroTime("2026-11-27T10:04:00.000000Z")).endSeries()
        .build());

    assertThat(facts.firstSeen()).isEqualTo(at(FIRST));
    assertThat(facts.lastSeen()).isEqualTo(at(LAST));
    assertThat(facts.count()).isEqualTo(7);
  }

  @Test
  void anEventWithNoTimesFallsBackToItsCreationAndCountsOnce() {
    EventFacts facts = EvidenceMapper.event(event().build());

    assertThat(facts.firstSeen()).isEqualTo(at(CREATED));
    assertThat(facts.lastSeen()).isEqualTo(at(CREATED));
    assertThat(facts.count()).isEqualTo(1);
  }

  @Test
  void namesTheContainerAndDropsTheAggregatorsPrefix() {
    EventFacts facts = EvidenceMapper.event(event()
        .withMessage("(combined from similar events): Back-off pulling image \"model:1\"").build());

    assertThat(facts.container()).isEqualTo("kserve-container");
    assertThat(facts.message()).isEqualTo("Back-off pulling image \"model:1\"");
    assertThat(facts.objectKind()).isEqualTo("Pod");
    assertThat(facts.objectName()).isEqualTo("model-predictor-1");
  }

  @Test
  void aServerlessPodBelongsToItsKnativeRevision() {
    Pod pod = pod(Map.of(KServe.LABEL_REVISION, "model-predictor-00002", KServe.LABEL_TEMPLATE_HASH, "7d9f"));

    assertThat(EvidenceMapper.pod(pod).revision()).isEqualTo("model-predictor-00002");
  }

  @Test
  void aRawDeploymentPodBelongsToItsTemplateHash() {
    assertThat(EvidenceMapper.pod(pod(Map.of(KServe.LABEL_TEMPLATE_HASH, "7d9f"))).revision()).isEqualTo("7d9f");
  }

  @Test
  void serverlessModeNamesEachComponentsLatestCreatedRevision() {
    InferenceServiceFacts facts = EvidenceMapper.inferenceService(isvc(null, "model-predictor-00002"));

    assertThat(facts.revisions()).containsExactly(Map.entry("predictor", "model-predictor-00002"));
    assertThat(facts.components()).containsExactly("predictor");
  }

  @Test
  void rawModeLeavesRevisionsToTheNewestTemplateHash() {
    assertThat(EvidenceMapper.inferenceService(isvc("RawDeployment", "model-predictor-00002")).revisions())
        .as("annotated raw mode").isEmpty();
    assertThat(EvidenceMapper.inferenceService(isvc(null, "3")).revisions())
        .as("a Deployment revision number, which no pod label carries").isEmpty();
  }

  private static EventBuilder event() {
    return new EventBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("e").withNamespace("ns").withCreationTimestamp(CREATED).build())
        .withNewInvolvedObject().withKind("Pod").withName("model-predictor-1").withNamespace("ns")
        .withFieldPath("spec.containers{kserve-container}").endInvolvedObject()
        .withType("Normal").withReason("BackOff").withMessage("Back-off pulling image \"model:1\"");
  }

  private static Pod pod(Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withLabels(labels)
        .withCreationTimestamp(CREATED).endMetadata().build();
  }

  private static GenericKubernetesResource isvc(String mode, String latestCreatedRevision) {
    GenericKubernetesResource isvc = new GenericKubernetesResource();
    isvc.setMetadata(new ObjectMetaBuilder().withName("model").withNamespace("ns").withGeneration(2L)
        .withAnnotations(mode == null ? Map.of() : Map.of(KServe.ANNOTATION_DEPLOYMENT_MODE, mode)).build());
    isvc.setAdditionalProperty("spec", Map.of("predictor", Map.of("sklearn", Map.of())));
    isvc.setAdditionalProperty("status", Map.of("components",
        Map.of("predictor", Map.of("latestCreatedRevision", latestCreatedRevision))));
    return isvc;
  }

  static Instant at(String time) {
    return Instant.parse(time);
  }
}
