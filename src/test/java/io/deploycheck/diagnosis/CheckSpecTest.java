package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploycheck.api.v1alpha1.Component;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckSpecTest {
  @Test
  void defaultsAreThoseOfTheDesign() {
    CheckSpec spec = CheckSpec.defaults();
    assertThat(spec.components()).containsExactly("predictor");
    assertThat(spec.stuckAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(spec.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.problems()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "-|-|20m|10m|stuckAfter (20m) must be shorter than progressDeadline (10m)",
      "-|-|10m|-|stuckAfter (10m) must be shorter than progressDeadline (10m)",
      "-|-|0s|-|stuckAfter: must be longer than 0s",
      "-|-|5x|-|stuckAfter: \"5x\" is not a duration",
      "-|-|-|999999999h999999999h|progressDeadline: \"999999999h999999999h\" is longer than the longest duration",
      "-|Model:v1|-|-|expectedImage: \"Model:v1\" is not an image reference",
      "predictor,predictor|-|-|-|components: a component is listed twice",
      "router|-|-|-|components: \"router\" is not one of predictor, transformer, explainer"})
  void collectsWhatTheSchemaCannotCatch(String components, String image, String stuck, String deadline,
      String problem) {
    CheckSpec spec = CheckSpec.parse(components == null ? null : List.of(components.split(",")), image, stuck,
        deadline);
    assertThat(String.join("; ", spec.problems())).contains(problem);
  }

  @Test
  void acceptsAWorkableSpec() {
    CheckSpec spec = CheckSpec.parse(List.of("predictor", "transformer"), Facts.IMAGE, "90s", "1h30m");
    assertThat(spec.problems()).isEmpty();
    assertThat(spec.stuckAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(spec.progressDeadline()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void theApiEnumAndTheEngineShareOneComponentVocabulary() {
    assertThat(Arrays.stream(Component.values()).map(Component::value).toList())
        .containsExactlyElementsOf(CheckSpec.KNOWN_COMPONENTS);
    assertThat(CheckSpec.defaults().components()).containsExactly(CheckSpec.PREDICTOR);
  }
}
