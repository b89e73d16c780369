package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HintTemplateTest {
  @Test
  void fillsValuesAndDropsSegmentsWithUnknownValues() {
    String template = "Push ${image}.[[ Check: aws ecr describe-images --region ${region}]]";
    assertThat(HintTemplate.compile(template).render(Map.of("image", "m:v1", "region", "eu-west-1")))
        .isEqualTo("Push m:v1. Check: aws ecr describe-images --region eu-west-1");
    assertThat(HintTemplate.compile(template).render(Map.of("image", "m:v1"))).isEqualTo("Push m:v1.");
  }

  @Test
  void unknownValueOutsideASegmentIsSaidInWordsNotAPlaceholder() {
    assertThat(HintTemplate.compile("Read the events of ${pod}.").render(Map.of())).isEqualTo("Read the events of the pod.");
  }

  @Test
  void valuesAreNotReinterpreted() {
    assertThat(HintTemplate.compile("${detail}").render(Map.of("detail", "$1 ${x} [[y]] \\"))).isEqualTo("$1 ${x} [[y]] \\");
  }

  @Test
  void aNegatedSegmentSaysInWordsWhatACommandWouldHaveNamed() {
    String template = "Run update-kubeconfig[[ --name ${cluster}]][[!${cluster} for your cluster]].";
    assertThat(HintTemplate.compile(template).render(Map.of("cluster", "c1"))).isEqualTo("Run update-kubeconfig --name c1.");
    assertThat(HintTemplate.compile(template).render(Map.of())).isEqualTo("Run update-kubeconfig for your cluster.");
  }

  @Test
  void aNegatedSegmentWithValuesOfItsOwnIsPrintedOnlyWhenTheyAreKnown() {
    String template = "[[Read: kubectl logs ${pod} -c ${container}]][[!${container}Read: kubectl describe pod ${pod}]]";
    assertThat(HintTemplate.compile(template).render(Map.of("pod", "p", "container", "c")))
        .isEqualTo("Read: kubectl logs p -c c");
    assertThat(HintTemplate.compile(template).render(Map.of("pod", "p"))).isEqualTo("Read: kubectl describe pod p");
    assertThat(HintTemplate.compile(template).render(Map.of())).isEmpty();
  }
}
