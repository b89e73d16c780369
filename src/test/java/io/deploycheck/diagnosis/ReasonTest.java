package io.deploycheck.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReasonTest {
  @Test
  void precedenceFollowsTheDesignTable() {
    assertThat(Reason.values()).startsWith(Reason.KServeNotInstalled, Reason.InferenceServiceNotFound,
        Reason.InvalidSpec, Reason.ModelLoadFailed, Reason.RegistryRepositoryMissing, Reason.ImageNotFound);
    assertThat(Reason.OOMKilled.outranks(Reason.ProbeCommandNotFound)).isTrue();
    assertThat(Reason.ProbeCommandNotFound.outranks(Reason.CrashLoopBackOff)).isTrue();
    assertThat(Reason.InsufficientResources.outranks(Reason.NoMatchingNode)).isTrue();
    assertThat(Reason.PodsNotCreated.outranks(Reason.ProgressDeadlineExceeded)).isTrue();
  }

  @Test
  void definitiveReasonsAreExactlyTheDesignOnes() {
    EnumSet<Reason> definitive = EnumSet.noneOf(Reason.class);
    for (Reason reason : Reason.values()) {
      if (reason.definitive()) {
        definitive.add(reason);
      }
    }
    assertThat(definitive).containsExactlyInAnyOrder(Reason.KServeNotInstalled, Reason.InvalidSpec,
        Reason.ModelLoadFailed, Reason.RegistryRepositoryMissing, Reason.ImageNotFound, Reason.RegistryAuthFailed,
        Reason.InvalidImageName, Reason.ContainerConfigError, Reason.OOMKilled, Reason.ProbeCommandNotFound);
  }

  @Test
  void everyReasonHasARunbookSection() throws IOException {
    String runbook = Files.readString(Path.of("docs/runbook.md"));
    for (Reason reason : Reason.values()) {
      assertThat(runbook).as("runbook section for %s", reason).contains("\n## " + reason.name() + "\n");
      assertThat(reason.runbookUrl(Reason.DEFAULT_RUNBOOK))
          .isEqualTo("https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md#"
              + reason.name().toLowerCase(Locale.ROOT));
    }
  }
}
