package io.deploycheck.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryNamesTest {
  private static final List<String> EXISTING = List.of("ml-model-california-housing", "ml-model-boston",
      "mlops/sklearn-server", "kserve-transformer", "app");

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      // wanted, closest existing (or none)
      "ml-model-califronia-housing,ml-model-california-housing",     // two letters swapped
      "ml-model-california-housing-v2,ml-model-california-housing",  // suffix of 3
      "ml-model-californiahousing,ml-model-california-housing",      // a dash dropped
      "ml-model-bostn,ml-model-boston",
      "sklearn-server,mlops/sklearn-server",                         // pushed under a namespace
      "team-a/kserve-transformer,kserve-transformer",
      "ml-model-seattle,-",                                          // too far from anything
      "apps,app",
      "web,-"})
  void suggestsOnlyNearNames(String wanted, String expected) {
    assertThat(RepositoryNames.closest(wanted, EXISTING)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"kitten,sitting,3", "model,model,0", ",abc,3", "flaw,lawn,2"})
  void countsEdits(String a, String b, int distance) {
    assertThat(RepositoryNames.distance(a == null ? "" : a, b)).isEqualTo(distance);
  }
}
