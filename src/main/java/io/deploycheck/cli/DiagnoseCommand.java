package io.deploycheck.cli;

import io.deploycheck.diagnosis.Diagnosis;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.LogDiagnoser;
import io.deploycheck.diagnosis.Phase;
import io.deploycheck.kube.Timestamps;
import io.deploycheck.registry.EcrClientFactory;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deploycheck diagnose}: offline diagnosis of cluster dumps and CI logs. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = {"Diagnose stuck rollouts from a cluster dump (kubectl get"
        + " pods,events,inferenceservices,deploychecks -o yaml)"
        + " or from a failed CI job's log, without a cluster.",
        "Exit code: 0 nothing stuck or failed, 1 a Stuck or Failed diagnosis, 2 unusable input."})
public final class DiagnoseCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "Dumps (YAML or JSON) or logs; - or nothing reads standard input.")
  private List<String> files = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
  private Renderer output;

  @Option(names = "--now", paramLabel = "TIME",
      description = "Judge as of this RFC 3339 time (default: the newest timestamp in the input).")
  private String now;

  @Option(names = "--stuck-after", paramLabel = "DUR", converter = GoDurationConverter.class,
      description = "How long a non-definitive problem must last to be Stuck (Go duration; default 3m or the"
          + " DeployCheck's).")
  private Duration stuckAfter;

  @Mixin
  private VerifyRegistry verifyRegistry;

  /** The JVM's words for a null getter result: ... the return value of "a.b.Container.getName()" is null. */
  private static final Pattern NULL_GETTER = Pattern.compile("\\.(\\w{1,64}+)\\.get(\\w{1,64}+)\\(\\)\" is null");

  private final InputStream stdin;

  public DiagnoseCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    Instant fixedNow = now == null ? null : parseNow(now);
    List<String> names = files.isEmpty() ? List.of("-") : files;

    DumpFacts dump = null;
    List<String> dumpNames = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
    LogDiagnoser logDiagnoser = new LogDiagnoser();
    for (String name : names) {
      Input input = Input.open(name, stdin);
      if (input.looksLikeDump()) {
        dumpNames.add(input.name());
        dump = dump == null ? new DumpFacts() : dump;
        try {
          Dump.read(input, dump);
        } catch (NullPointerException | ClassCastException e) {
          throw lacksField(input.name(), e);
        }
        continue;
      }
      // a log is judged as it streams by: only its hits are kept, never its text
      try (input) {
        // A log's time is its own (its timestamps, or none): never the clock, so two runs print the same.
        Diagnosis diagnosis = logDiagnoser.diagnose(input.lines(), fixedNow);
        if (diagnosis == null) {
          err.println(Renderer.safe(input.name()) + ": no known failure found in this log");
        } else {
          targets.add(new Target("log:" + input.name(), diagnosis));
        }
      }
    }

    if (dump != null) {
      try {
        targets.addAll(diagnose(dump, fixedNow, err));
      } catch (NullPointerException | ClassCastException e) {
        throw lacksField(String.join(", ", dumpNames), e);
      }
    }
    targets.sort(Comparator.comparing((Target t) -> severity(t.diagnosis().phase()))
        .thenComparing(t -> t.diagnosis().reason().ordinal()));
    output.render(targets, spec.commandLine().getOut());
    return targets.stream().anyMatch(t -> t.diagnosis().phase().isProblem()) ? 1 : 0;
  }

  /**
   * Says which targets had no DeployCheck in the input, so were judged with the defaults: a dump with
   * {@code deploychecks} carries stuckAfter, progressDeadline and the rollout's start.
   */
  private static void noteDefaults(DumpFacts dump, List<Target> targets, boolean stuckAfterGiven, PrintWriter err) {
    Set<String> checked = new HashSet<>();
    dump.deployChecks().forEach(check -> checked.add(check.getMetadata().getNamespace() + "/"
        + (check.getSpec() == null ? check.getMetadata().getName() : check.getSpec().getInferenceService())));
    List<String> defaulted = targets.stream().map(Target::name).filter(name -> !checked.contains(name)).toList();
    if (defaulted.isEmpty()) {
      return;
    }
    err.println("no DeployCheck in the input for " + String.join(", ", defaulted) + ": judged with the defaults ("
        + (stuckAfterGiven ? "stuckAfter from --stuck-after" : "stuckAfter 3m") + ", progressDeadline 10m, the"
        + " rollout taken to start with the newest revision's first pod); a dump with deploychecks carries them:"
        + " kubectl get pods,events,inferenceservices,deploychecks -n NS -o yaml");
    err.flush();
  }

  private List<Target> diagnose(DumpFacts dump, Instant fixedNow, PrintWriter err) {
    Instant at = fixedNow != null ? fixedNow : dump.newest();
    try (EcrClientFactory ecr = verifyRegistry.clients()) {
      List<Target> fromDump = new OfflineDiagnosis(new DiagnosisEngine(), VerifyRegistry.verification(ecr))
          .diagnose(dump, at == null ? Instant.now() : at, stuckAfter);
      noteDefaults(dump, fromDump, stuckAfter != null, err);
      return fromDump;
    }
  }

  /** Dump checks what it reads, but a dump can leave out fields a real API server always fills in. */
  private static InputException lacksField(String names, RuntimeException e) {
    return new InputException(names + ": an object lacks a field Kubernetes always sets" + missingField(e)
        + "; expected kubectl get ... -o yaml output");
  }

  /** " (a Container without name)", read from the JVM's message on a null getter; empty when it says nothing. */
  private static String missingField(RuntimeException e) {
    Matcher getter = NULL_GETTER.matcher(String.valueOf(e.getMessage()));
    return getter.find() ? " (a " + getter.group(1) + " without " + Character.toLowerCase(getter.group(2).charAt(0))
        + getter.group(2).substring(1) + ")" : "";
  }

  private static int severity(Phase phase) {
    return switch (phase) {
      case Failed -> 0;
      case Stuck -> 1;
      case Progressing -> 2;
      case Ready -> 3;
    };
  }

  private static Instant parseNow(String text) {
    Instant parsed = Timestamps.parse(text);
    if (parsed == null) {
      throw new InputException("--now: \"" + text + "\" is not an RFC 3339 time such as 2026-11-27T10:00:00Z");
    }
    return parsed;
  }
}
