package io.deploycheck.diagnosis;

import static io.deploycheck.diagnosis.Facts.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The message catalogs ({@code catalog/<producer>.tsv}: every text a producer can emit that the diagnosis knows, with
 * the producer's file and version) hold as data, and each row's example is golden: fed to the engine the way the
 * producer delivers it (a waiting state, an Event, a scheduler message, a CI log line), it gives the row's reason.
 * Rows whose reason is a family's generic one (ImagePullBackOff, Unschedulable) say deliberately that no more specific
 * cause is known, and the golden check holds them to that.
 */
class CatalogRowsTest {
  static final List<String> PRODUCERS = MessageCatalog.PRODUCERS;
  private static final String HEADER = "reason\tpattern\tsource\tversion\texample";
  private static final Set<String> GROUPS = Set.of("image", "repository", "reference", "registry", "container", "key",
      "object", "volume", "host", "missing", "resource", "pod", "quota", "serviceAccount", "code", "account", "detail",
      "plugin", "isvc", "tool", "server", "kind", "user", "cause", "nodes", "reasons");
  private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z]+)>");
  /** A quantified group that itself ends in a quantifier: the shape that backtracks exponentially. */
  private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\((?:[^()\\\\]|\\\\.)*[*+]\\)[*+{]");

  record Row(String producer, int line, Reason reason, Pattern pattern, String source, String version,
      String example, Set<String> tables) {
    @Override
    public String toString() {
      return producer + ".tsv:" + line + " " + reason;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRowsExampleMatchesItsPatternAndGivesItsReason() throws IOException {
    return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
      assertThat(row.pattern().matcher(row.example()).find()).as("pattern of %s finds its example", row).isTrue();
      assertThat(NESTED_QUANTIFIER.matcher(row.pattern().pattern()).find()).as("pattern of %s is linear", row).isFalse();
      Matcher groups = GROUP.matcher(row.pattern().pattern());
      while (groups.find()) {
        assertThat(GROUPS).as("named group of %s", row).contains(groups.group(1));
      }
      assertThat(row.source()).isNotBlank();
      assertThat(row.version()).isNotBlank();
      assertThat(golden(row)).as("the engine's reason for the example of %s", row).isEqualTo(row.reason());
    }));
  }

  @Test
  void everyProducerHasACatalogWithTheAgreedHeader() throws IOException {
    for (String producer : PRODUCERS) {
      List<String> lines = read(producer);
      assertThat(lines).as(producer).isNotEmpty();
      assertThat(lines.get(0)).as("header of %s", producer).isEqualTo(HEADER);
      assertThat(lines.size()).as("rows of %s", producer).isGreaterThan(1);
    }
  }

  @Test
  void everyPatternIsWrittenOnceAndFeedsOnlyTablesTheEngineReads() {
    Set<String> tables = Set.of("pull", "tls", "plain-http", "proxy", "scheduling", "probe-command", "log", "log-pipeline-login",
        "log-exec-api-version", "run-as-root", "missing-key", "missing-object", "missing-executable", "pod-security",
        "webhook-denied", "psp-denied", "service-account-missing", "kserve-transition", "non-numeric-user",
        "volume-timeout", "no-pod-ip", "pull-back-off", "nodes-available");
    Set<String> patterns = new HashSet<>();
    for (MessageCatalog.Row row : MessageCatalog.ROWS) {
      assertThat(patterns.add(row.pattern())).as("pattern of %s.tsv %s written once", row.producer(), row.reason())
          .isTrue();
      assertThat(tables).as("tables of %s.tsv %s", row.producer(), row.reason()).containsAll(row.tables());
    }
    for (String table : tables) {
      assertThat(MessageCatalog.table(table)).as("rows of table %s", table).isNotEmpty();
    }
  }

  /** What the engine makes of a row's example, delivered as its producer delivers it. */
  private static Reason golden(Row row) {
    String text = row.example();
    return switch (row.producer()) {
      case "containerd", "crio", "dockershim", "go-net" -> orElse(ImagePullRule.CAUSES.best(text),
          Reason.ImagePullBackOff);
      case "scheduler" -> orElse(SchedulingRule.CAUSES.best(text), Reason.Unschedulable);
      case "aws", "ci", "kubectl", "helm" -> new LogDiagnoser().diagnose(text, null).reason();
      case "controller-manager" -> Facts.evidence().isvc(Facts.isvc(false, null))
          .events(new EventFacts("ReplicaSet", "california-housing-predictor-6d4b9c7f8d", "rs-uid", null, "Warning",
              "FailedCreate", text, 4, at(5), at(200)))
          .diagnose(at(300)).reason();
      case "kserve" -> kserve(row);
      case "runc" -> runc(row);
      case "cni" -> creating("FailedCreatePodSandBox", text); // kubelet reports the CNI's error as a sandbox failure
      case "kubelet" -> kubelet(row);
      default -> throw new IllegalArgumentException("no golden path for producer " + row.producer());
    };
  }

  private static Reason kubelet(Row row) {
    String text = row.example();
    String pod = "california-housing-predictor-1";
    return switch (row.reason()) {
      case ImagePullBackOff, ImageNotFound, InvalidImageName -> waiting(
          text.startsWith("Back-off") ? "ImagePullBackOff" : text.contains("pull policy of Never")
              ? "ErrImageNeverPull" : "InvalidImageName", text);
      case ContainerConfigError -> waiting("CreateContainerConfigError", text);
      case CrashLoopBackOff -> waiting("CrashLoopBackOff", text);
      case StartupProbeFailing, LivenessProbeFailing, ReadinessProbeFailing -> {
        ContainerFacts running = Facts.withLast(
            Facts.container("kserve-container", ContainerState.running(at(20)), false),
            ContainerState.terminated("Error", null, 137, at(5), at(19)), 1);
        String reason = text.startsWith("Container ") ? "Killing" : "Unhealthy";
        yield Facts.evidence().pods(Facts.pod(pod, "rev-1", at(0), running))
            .events(Facts.event(pod, "kserve-container", "Warning", reason, text, 9, at(30), at(280)))
            .diagnose(at(300)).reason();
      }
      case ContainerCreatingStuck -> creating(
          text.startsWith("Failed to create pod sandbox") ? "FailedCreatePodSandBox" : "FailedMount", text);
      default -> throw new IllegalArgumentException("no golden path for kubelet reason " + row.reason());
    };
  }

  /** A pod in ContainerCreating whose kubelet reports {@code text} in an Event with {@code eventReason}. */
  private static Reason creating(String eventReason, String text) {
    String pod = "california-housing-predictor-1";
    ContainerFacts creating = Facts.container("kserve-container", ContainerState.waiting("ContainerCreating", null),
        false);
    return Facts.evidence().pods(Facts.pod(pod, "rev-1", at(0), creating))
        .events(Facts.event(pod, null, "Warning", eventReason, text, 9, at(5), at(280))).diagnose(at(300)).reason();
  }

  private static Reason runc(Row row) {
    String text = row.example();
    return switch (row.reason()) {
      case ProbeCommandNotFound -> ProbeRule.COMMAND_MISSING.best(text);
      case CrashLoopBackOff -> {
        ContainerFacts looping = Facts.withLast(Facts.container("kserve-container",
            ContainerState.waiting("CrashLoopBackOff", "back-off 40s restarting failed container"), false),
            ContainerState.terminated("StartError", text, 128, at(250), at(250)), 5);
        yield CrashRule.missingExecutable(text) == null ? null
            : Facts.evidence().pods(Facts.pod("p", "rev-1", at(0), looping)).diagnose(at(300)).reason();
      }
      case ContainerCreatingStuck -> waiting("CreateContainerError", text);
      default -> throw new IllegalArgumentException("no golden path for runc reason " + row.reason());
    };
  }

  /**
   * KServe's status values go where KServe writes them: a transitionStatus next to a lastFailureInfo, a lastFailureInfo
   * reason, or a PredictorReady/Ready condition reason (deliberately generic: pods and the deadline decide); other texts
   * are a storage-initializer's termination message.
   */
  private static Reason kserve(Row row) {
    String text = row.example();
    InferenceServiceFacts plain = Facts.isvc(false, null);
    if (row.tables().contains("kserve-transition")) {
      return Facts.evidence().isvc(new InferenceServiceFacts(plain.name(), plain.generation(), plain.createdAt(),
          plain.components(), plain.conditions(), plain.revisions(),
          new InferenceServiceFacts.ModelFailure("ModelLoadFailed", null, 1, at(30)), text)).diagnose(at(60)).reason();
    }
    if (row.pattern().pattern().startsWith("^") && row.reason() == Reason.ModelLoadFailed) { // a lastFailureInfo reason
      InferenceServiceFacts failed = new InferenceServiceFacts(plain.name(), plain.generation(), plain.createdAt(),
          plain.components(), plain.conditions(), plain.revisions(),
          new InferenceServiceFacts.ModelFailure(text, null, null, at(30)), null);
      return Facts.evidence().isvc(failed).diagnose(at(60)).reason();
    }
    if (row.pattern().pattern().startsWith("^")) { // a condition reason KServe copied from the Deployment
      List<ConditionFacts> conditions = List.of(new ConditionFacts("PredictorReady", "False", text, null, at(30)),
          new ConditionFacts("Ready", "False", text, null, at(30)));
      return Facts.evidence().isvc(new InferenceServiceFacts(plain.name(), plain.generation(), plain.createdAt(),
          plain.components(), conditions, plain.revisions(), null, null)).diagnose(at(60)).reason();
    }
    ContainerFacts loader = new ContainerFacts("storage-initializer", "kserve/storage-initializer:v0.15.0", true,
        ContainerFacts.Role.MODEL_LOADER, Map.of(), Map.of(), null, null, null,
        ContainerState.terminated("Error", text, 1, at(20), at(40)), null, false, 3);
    ContainerFacts main = Facts.container("kserve-container", ContainerState.waiting("PodInitializing", null), false);
    return Facts.evidence().pods(Facts.pod("p", "rev-1", at(0), List.of(loader), main)).diagnose(at(60)).reason();
  }

  private static Reason waiting(String waitingReason, String message) {
    ContainerFacts container = Facts.container("kserve-container", ContainerState.waiting(waitingReason, message),
        false);
    String pod = "california-housing-predictor-1";
    return Facts.evidence().pods(Facts.pod(pod, "rev-1", at(0), container))
        .events(Facts.event(pod, "kserve-container", "Warning", "Failed", "Error: " + waitingReason, 9, at(5),
            at(280)))
        .diagnose(at(300)).reason();
  }

  private static Reason orElse(Reason found, Reason generic) {
    return found != null ? found : generic;
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String producer : PRODUCERS) {
      List<String> lines = read(producer);
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split("\t", -1);
        // A sixth cell names the engine tables the row belongs to (see MessageCatalog).
        assertThat(cells).as("%s.tsv line %d has five or six cells", producer, i + 1).hasSizeBetween(5, 6);
        rows.add(new Row(producer, i + 1, Reason.valueOf(cells[0]), Pattern.compile(cells[1]), cells[2], cells[3],
            cells[4], cells.length > 5 && !cells[5].isEmpty() ? Set.of(cells[5].split(",")) : Set.of()));
      }
    }
    return rows;
  }

  private static List<String> read(String producer) throws IOException {
    try (InputStream in = CatalogRowsTest.class.getResourceAsStream("catalog/" + producer + ".tsv")) {
      assertThat(in).as("catalog/%s.tsv", producer).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }
}
