package io.deploycheck.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChartCopiesTest {
  @ParameterizedTest
  @EnumSource(CopiedFile.class)
  void chartCopyEqualsItsSource(CopiedFile file) throws IOException {
    if (CopiedFile.UPDATE) {
      CopiedFile.updateAll();
    }
    assertThat(Files.readString(file.copy()))
        .as("%s differs from %s: run %s", file.copy(), file.source(), CopiedFile.HOW_TO_UPDATE)
        .isEqualTo(Files.readString(file.source()));
  }
}
