package io.deploycheck.diagnosis;

import static io.deploycheck.diagnosis.Facts.at;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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

  /**
   * Tables that choose a fix: each row's example, delivered as its producer delivers it, gets the fix the rule gave
   * before the texts were catalog rows ({@code event} is the kubelet Event reason that carries a creation error).
   */
  private record FixTable(String table, String event, String fix) {}

  private static final FixTable[] FIX_TABLES = {
      new FixTable("non-numeric-user", null, "The image's user nobody is a name, so kubelet cannot check that it is"
          + " not root: set securityContext.runAsUser to its numeric UID, or use a numeric USER in the image."),
      new FixTable("volume-timeout", "FailedMount", "A volume was not attached or mounted in time: check its"
          + " PersistentVolumeClaim and the storage (CSI) driver's pods."),
      new FixTable("no-pod-ip", "FailedCreatePodSandBox", "The network plugin has no free pod IP address on node"
          + " node-1: free addresses in the subnet or the node's range (on EKS the aws-node CNI: more subnet space or"
          + " prefix delegation)."),
  };

  @TestFactory
  Stream<DynamicTest> everyRowOfAFixTableGivesItsFix() {
    return Stream.of(FIX_TABLES).flatMap(fix -> {
      assertThat(MessageCatalog.table(fix.table())).as("rows of %s", fix.table()).isNotEmpty();
      return MessageCatalog.table(fix.table()).stream().map(row -> DynamicTest.dynamicTest(
          fix.table() + ": " + row.producer() + ".tsv " + row.pattern(), () -> {
            String pod = "california-housing-predictor-1";
            ContainerState state = fix.event() == null
                ? ContainerState.waiting("CreateContainerConfigError", row.example())
                : ContainerState.waiting("ContainerCreating", null);
            Facts.Builder evidence = Facts.evidence()
                .pods(Facts.pod(pod, "rev-1", at(0), Facts.container("kserve-container", state, false)));
            if (fix.event() != null) {
              evidence.events(Facts.event(pod, null, "Warning", fix.event(), row.example(), 9, at(5), at(280)));
            }
            assertThat(evidence.diagnose(at(300)).hint()).contains(fix.fix());
          }));
    });
  }

  @Test
  void kubeletsBackOffTextGivesTheImageAndTheCauseSince132() {
    // fixtures/ImageNotFound/containerd-2.1-k8s-1.32-raw-backoff-message-with-cause.yaml, waiting message and Event
    String cause = "ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image \"" + Facts.IMAGE
        + "\": failed to resolve image: " + Facts.IMAGE + ": not found";
    MessageCatalog.Match withCause = MessageCatalog.find("pull-back-off", Facts.BACK_OFF + ": " + cause);
    MessageCatalog.Match plain = MessageCatalog.find("pull-back-off", Facts.BACK_OFF);

    assertThat(withCause.groups()).containsOnly(entry("image", Facts.IMAGE), entry("cause", cause));
    assertThat(plain.groups()).containsOnly(entry("image", Facts.IMAGE));
    assertThat(MessageCatalog.find("pull-back-off", "Pulling image \"" + Facts.IMAGE + "\"")).isNull();
  }

  @Test
  void theSchedulersSummaryNamesTheNodesAndTheirReasons() {
    // fixtures/Unschedulable/host-port-conflict-k8s-1.31.yaml and volume-node-affinity-conflict-k8s-1.28.yaml (whose
    // older scheduler ends the preemption part in "..")
    assertThat(SchedulingRule.nodeReasons("0/3 nodes are available: 3 node(s) didn't have free ports for the requested"
        + " pod ports. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."))
        .isEqualTo("none of the 3 nodes fits (3 node(s) didn't have free ports for the requested pod ports)");
    assertThat(SchedulingRule.nodeReasons("0/3 nodes are available: 3 node(s) had volume node affinity conflict."
        + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."))
        .isEqualTo("none of the 3 nodes fits (3 node(s) had volume node affinity conflict)");
    assertThat(SchedulingRule.nodeReasons("pod has unbound PersistentVolumeClaims"))
        .isEqualTo("pod has unbound PersistentVolumeClaims");
  }
}
