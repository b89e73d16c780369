package io.deploycheck.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.Evidence;
import io.deploycheck.diagnosis.PreviousStatus;
import io.deploycheck.diagnosis.Reason;
import io.deploycheck.diagnosis.TargetState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.internal.BaseOperation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GathererTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:10:00Z");
  static final Instant EARLIER = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant FRESH = Instant.parse("2026-11-27T10:09:00Z");

  @ParameterizedTest(name = "complete={0} served={1} present={2} -> {3}")
  @CsvSource({
      "true,  true,  true,  PRESENT",
      "true,  true,  false, NOT_FOUND",
      "true,  false, false, KSERVE_NOT_INSTALLED",
      "false, false, true,  PRESENT",
      "false, false, false, UNKNOWN"})
  void derivesTheTargetStateOnce(boolean complete, boolean served, boolean present, TargetState expected) {
    Stub lookups = new Stub(complete, served, present ? isvc(1L) : null);

    assertThat(Gatherer.gather(lookups, NOW).evidence().target()).isEqualTo(expected);
  }

  /** Memory generations (check, isvc) against the current ones: the memory counts only for the same rollout. */
  @ParameterizedTest(name = "remembered {0}/{1}, now {2}/{3}, dump={4}: same rollout {5}")
  @CsvSource(nullValues = "-", value = {
      "1, 1, 1, 1, false, true",
      "1, 1, 2, 1, false, false",
      "1, 1, 1, 2, false, false",
      "-, 1, -, 1, false, true",
      "-, 1, -, 2, false, false",
      "1, 1, 1, -, true,  true",
      "1, 1, 2, -, true,  false"})
  void appliesTheSameRolloutRule(Long checkThen, Long isvcThen, Long checkNow, Long isvcNow, boolean dump,
      boolean same) {
    Stub lookups = new Stub(!dump, true, isvcNow == null ? null : isvc(isvcNow));
    lookups.checkGeneration = checkNow;
    lookups.memory = new Gatherer.Memory(new PreviousStatus(Reason.ImageNotFound, EARLIER, List.of()), EARLIER,
        checkThen, isvcThen);

    Evidence evidence = Gatherer.gather(lookups, NOW).evidence();

    assertThat(evidence.previous() != null).isEqualTo(same);
    assertThat(evidence.rolloutStartedAt()).isEqualTo(same ? EARLIER : FRESH);
  }

  @Test
  void aMemoryWithoutARolloutStartIsNoMemory() {
    Stub lookups = new Stub(true, true, isvc(1L));
    lookups.checkGeneration = 1L;
    lookups.memory = new Gatherer.Memory(new PreviousStatus(Reason.ImageNotFound, EARLIER, List.of()), null, 1L, 1L);

    assertThat(Gatherer.gather(lookups, NOW).evidence().previous()).isNull();
  }

  @Test
  void gathersEachPodsOwnEvents() {
    Stub lookups = new Stub(false, false, null);

    Evidence evidence = Gatherer.gather(lookups, NOW).evidence();

    assertThat(evidence.pods()).extracting(p -> p.name()).containsExactly("model-predictor-1");
    assertThat(evidence.events()).extracting(e -> e.objectKind() + "/" + e.reason())
        .containsExactly("Pod/Failed");
    assertThat(evidence.now()).isEqualTo(NOW);
  }

  @Test
  void onlyPodEventsAreAboutPods() {
    assertThat(Gatherer.isAboutPod(event("Pod", "Failed"))).isTrue();
    assertThat(Gatherer.isAboutPod(event("ReplicaSet", "FailedCreate"))).isFalse();
    assertThat(Gatherer.isAboutPod(new EventBuilder().build())).isFalse();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "Pod,        Failed,       true",
      "Pod,        Pulled,       true",
      "Pod,        BackOff,      true",
      "Pod,        Scheduled,    false",
      "Pod,        Created,      false",
      "Pod,        Started,      false",
      "ReplicaSet, FailedCreate, false"})
  void podEvidenceLeavesOutTheRoutineEvents(String kind, String reason, boolean evidence) {
    assertThat(Gatherer.isPodEvidence(event(kind, reason))).isEqualTo(evidence);
  }

  @Test
  void theApiServerIsAskedForPodEvidenceOnly() {
    var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1")
        .build()).build();
    try (client) {
      var events = Gatherer.podEvidenceOnly(client.v1().events().inNamespace("ns"));
      // fabric8 keeps every excluded value of one field: all three reach the API server
      assertThat(((BaseOperation<?, ?, ?>) events).getFieldQueryParam())
          .isEqualTo("involvedObject.kind=Pod,reason!=Created,reason!=Scheduled,reason!=Started");
    }
  }

  private static GenericKubernetesResource isvc(long generation) {
    GenericKubernetesResource isvc = new GenericKubernetesResource();
    isvc.setMetadata(new ObjectMetaBuilder().withName("model").withNamespace("ns").withGeneration(generation).build());
    isvc.setAdditionalProperty("spec", Map.of("predictor", Map.of()));
    return isvc;
  }

  private static Event event(String kind, String reason) {
    return new EventBuilder().withNewMetadata().withName(reason).withNamespace("ns").endMetadata()
        .withNewInvolvedObject().withKind(kind).withName("model-predictor-1").withNamespace("ns").endInvolvedObject()
        .withType("Warning").withReason(reason).withMessage(reason).build();
  }

  /** Lookups over fixed objects. */
  private static final class Stub implements Gatherer.Lookups {
    final boolean complete;
    final boolean served;
    final GenericKubernetesResource isvc;
    Long checkGeneration;
    Gatherer.Memory memory;

    Stub(boolean complete, boolean served, GenericKubernetesResource isvc) {
      this.complete = complete;
      this.served = served;
      this.isvc = isvc;
    }

    @Override
    public String namespace() {
      return "ns";
    }

    @Override
    public String inferenceServiceName() {
      return "model";
    }

    @Override
    public boolean complete() {
      return complete;
    }

    @Override
    public boolean kserveServed() {
      return served;
    }

    @Override
    public GenericKubernetesResource inferenceService() {
      return isvc;
    }

    @Override
    public Collection<Pod> pods() {
      return List.of(new PodBuilder().withNewMetadata().withName("model-predictor-1").withNamespace("ns")
          .endMetadata().build());
    }

    @Override
    public Collection<Event> eventsAbout(Pod pod) {
      return List.of(event("Pod", "Failed"));
    }

    @Override
    public CheckSpec spec() {
      return CheckSpec.defaults();
    }

    @Override
    public Long checkGeneration() {
      return checkGeneration;
    }

    @Override
    public Gatherer.Memory memory() {
      return memory;
    }

    @Override
    public Instant freshStart() {
      return FRESH;
    }
  }
}
