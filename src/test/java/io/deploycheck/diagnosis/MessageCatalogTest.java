package io.deploycheck.diagnosis;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rules take values out of a message through the catalog row that matched it, never through a regex of their own. */
class MessageCatalogTest {
  @Test
  void aMatchCarriesTheNamedGroupsOfTheRowThatMatched() {
    // kubelet_pods.go's text, as quoted in kubelet.tsv
    MessageCatalog.Match key = MessageCatalog.find("missing-key",
        "couldn't find key postgresql-password in Secret test/my-postgresql");

    assertThat(key.row().producer()).isEqualTo("kubelet");
    assertThat(key.row().reason()).isEqualTo(Reason.ContainerConfigError);
    assertThat(key.groups()).containsOnly(entry("key", "postgresql-password"),
        entry("kind", "Secret"), entry("object", "test/my-postgresql"));
  }

  @Test
  void theMissingObjectIsFoundInsideAMountEventToo() {
    MessageCatalog.Match object = MessageCatalog.find("missing-object",
        "MountVolume.SetUp failed for volume \"service-render\" : configmap \"kafka-service-render\" not found");

    assertThat(object.group("kind")).isEqualTo("configmap");
    assertThat(object.group("object")).isEqualTo("kafka-service-render");
  }

  @Test
  void aTextNoRowOfTheTableKnowsHasNoMatch() {
    assertThat(MessageCatalog.find("missing-key", "secret \"infra-access-key\" not found")).isNull();
    assertThat(MessageCatalog.find("missing-key", "")).isNull();
    assertThat(MessageCatalog.find("no-such-table", "anything")).isNull();
  }

  @Test
  void bothOfRuncsWordingsNameTheMissingExecutable() {
    // runc 1.1 (fixtures/CrashLoopBackOff/containerd-start-error-entrypoint-missing-1.yaml and
    // starterror-runc11-crashloop-k8s126.yaml): a path that is not there, and a name not on $PATH
    assertThat(CrashRule.missingExecutable("failed to create containerd task: failed to create shim task: OCI runtime"
        + " create failed: runc create failed: unable to start container process: exec: \"/app\": stat /app: no such"
        + " file or directory: unknown")).isEqualTo("/app");
    assertThat(CrashRule.missingExecutable("failed to create containerd task: failed to create shim task: OCI runtime"
        + " create failed: runc create failed: unable to start container process: exec: \"python\": executable file"
        + " not found in $PATH: unknown")).isEqualTo("python");
  }
}
