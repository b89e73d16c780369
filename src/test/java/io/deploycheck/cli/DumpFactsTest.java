package io.deploycheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DumpFactsTest {
  /** kubectl's order: items before kind, so the List is streamed before it says it is one. */
  private static final String DUMP = """
      apiVersion: v1
      items:
      - apiVersion: v1
        kind: Pod
        metadata:
          name: model-predictor-7d9f-x2
          namespace: ns
          creationTimestamp: "2026-11-27T10:00:00Z"
          labels: {serving.kserve.io/inferenceservice: model, component: predictor}
        spec: {containers: [{name: kserve-container, image: "repo/model:1"}]}
      - apiVersion: v1
        kind: Event
        metadata: {name: e1, namespace: ns}
        involvedObject: {kind: Pod, name: model-predictor-7d9f-x2, namespace: ns}
        type: Warning
        reason: Failed
        message: pull failed
        lastTimestamp: "2026-11-27T10:05:00Z"
      - apiVersion: v1
        kind: Event
        metadata: {name: e2, namespace: ns}
        involvedObject: {kind: ReplicaSet, name: model-predictor-7d9f, namespace: ns}
        type: Warning
        reason: FailedCreate
        message: quota exceeded
        lastTimestamp: "2026-11-27T10:04:00Z"
      kind: List
      metadata: {resourceVersion: ""}
      """;

  private static DumpFacts read(String text) {
    DumpFacts facts = new DumpFacts();
    Dump.read(Input.open("-", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), facts);
    return facts;
  }

  @Test
  void keepsEachPodWithItsNamespaceAndInferenceService() {
    DumpFacts facts = read(DUMP);

    assertThat(facts.pods()).singleElement().satisfies(pod -> {
      assertThat(pod.namespace()).isEqualTo("ns");
      assertThat(pod.inferenceService()).isEqualTo("model");
      assertThat(pod.facts().name()).isEqualTo("model-predictor-7d9f-x2");
    });
    assertThat(facts.eventsAboutPod("ns", "model-predictor-7d9f-x2")).extracting(e -> e.reason())
        .containsExactly("Failed");
    assertThat(facts.eventsAboutPod("other", "model-predictor-7d9f-x2")).isEmpty();
  }

  @Test
  void filesOtherEventsUnderEachNamePrefixBeforeADash() {
    DumpFacts facts = read(DUMP);

    assertThat(facts.eventsNamedAfter("ns", "model")).extracting(e -> e.reason()).containsExactly("FailedCreate");
    assertThat(facts.eventsNamedAfter("ns", "model-predictor")).hasSize(1);
    assertThat(facts.eventsNamedAfter("ns", "mod")).isEmpty();
    assertThat(facts.eventsNamedAfter("ns", "model-predictor-7d9f")).isEmpty();
    assertThat(facts.eventsNamedAfter("other", "model")).isEmpty();
  }

  @Test
  void routinePodEventsDateTheDumpButAreNotEvidence() {
    String started = """
        - apiVersion: v1
          kind: Event
          metadata: {name: e3, namespace: ns}
          involvedObject: {kind: Pod, name: model-predictor-7d9f-x2, namespace: ns}
          type: Normal
          reason: Started
          message: Started container kserve-container
          lastTimestamp: "2026-11-27T10:06:00Z"
        """;
    DumpFacts facts = read(DUMP.replace("\nkind: List\n", "\n" + started + "kind: List\n"));

    assertThat(facts.eventsAboutPod("ns", "model-predictor-7d9f-x2")).extracting(e -> e.reason())
        .containsExactly("Failed");
    assertThat(facts.newest()).isEqualTo(Instant.parse("2026-11-27T10:06:00Z"));
  }

  @Test
  void theNewestMomentIsTheDefaultNow() {
    assertThat(read(DUMP).newest()).isEqualTo(Instant.parse("2026-11-27T10:05:00Z"));
  }

  @Test
  void anObjectWithItemsThatIsNotAListIsRefused() {
    String pod = "apiVersion: v1\nitems: []\nkind: Pod\nmetadata: {name: p}\n";

    assertThatThrownBy(() -> read(pod)).isInstanceOf(InputException.class).hasMessage("standard input: document 1"
        + " (Pod) has a list of items but is not a List; expected kubectl get ... -o yaml output");
  }
}
