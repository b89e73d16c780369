package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a failed CI job's log (GitHub Actions output, pasted {@code kubectl get} / {@code kubectl describe} text)
 * and names the guide's problem. Pipeline-side lines have their own table; pull and scheduling lines reuse the
 * pod rules' tables, so one message means the same reason wherever it is read. A log records a finished job, so
 * what it shows is reported as Failed.
 */
public final class LogDiagnoser {
  /** What GitHub puts before a line: "job<TAB>step<TAB>" in gh run view --log, then a timestamp. */
  private static final Pattern PREFIX =
      Pattern.compile("^(?:[^\\t]*\\t[^\\t]*\\t)?(?:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z )?");
  private static final Pattern PULL_LINE =
      Pattern.compile("(?:Failed to pull image|failed to pull and unpack image) \\\\?\"(?<image>[^\"\\\\]+)");
  private static final Pattern SCHEDULING_LINE = Pattern.compile("FailedScheduling|nodes are available");
  private static final int MAX_EVIDENCE = 5;

  /** Pipeline-side lines and pod states as kubectl prints them; named groups become hint values. */
  private static final List<Row> LINES = List.of(
      row(Reason.KServeNotInstalled, "no matches for kind \"InferenceService\"",
          "the server doesn't have a resource type \"inferenceservices?\""),
      row(Reason.InferenceServiceNotFound, "inferenceservices\\.serving\\.kserve\\.io \"(?<isvc>[^\"]+)\" not found"),
      row(Reason.RegistryRepositoryMissing,
          "The repository with name '(?<repository>[^']+)' does not exist", "RepositoryNotFoundException"),
      row(Reason.RegistryAuthFailed, "Cannot perform an interactive login from a non TTY device",
          "authorization token has expired", "no basic auth credentials"),
      row(Reason.ImagePullBackOff, "\\b\\d+/\\d+\\s+(?:ImagePullBackOff|ErrImagePull)\\b",
          "Back-off pulling image \"(?<image>[^\"]+)\""),
      row(Reason.OOMKilled, "\\b\\d+/\\d+\\s+OOMKilled\\b", "Reason:\\s+OOMKilled"),
      row(Reason.CrashLoopBackOff, "\\b\\d+/\\d+\\s+CrashLoopBackOff\\b"),
      row(Reason.PodNotRunning, "unable to forward port because pod is not running"),
      row(Reason.HealthCheckToolMissing, "Health endpoint returned: 000",
          "exec: \"(?<tool>curl|wget)\": executable file not found", "\\b(?<tool>curl|wget): (?:command )?not found"),
      row(Reason.KubeconfigInvalid, "base64: invalid input", "error loading config file",
          "couldn't get version/kind; json parse error", "invalid configuration: no configuration has been provided"),
      row(Reason.KubeconfigExecPluginMissing,
          "exec: executable (?<plugin>[\\w.-]+) not found",
          "exec: \"(?<plugin>aws-iam-authenticator|aws|kubelogin|gke-gcloud-auth-plugin)\": executable file not found",
          "you are trying to use a client-go credential plugin that is not installed"),
      row(Reason.KubeconfigUnauthorized, "You must be logged in to the server",
          "the server has asked for the client to provide credentials"),
      row(Reason.KubeconfigUnreachable, "Unable to connect to the server: (?<detail>.+)",
          "The connection to the server (?<server>\\S+) was refused"));

  // Names from the command lines and the step's env: block that GitHub prints.
  private static final Pattern NAMESPACE =
      Pattern.compile("(?:\\s-n\\s+|--namespace[= ]|^\\s*NAMESPACE: )(?<v>[a-z0-9][-a-z0-9]*)");
  private static final Pattern ISVC = Pattern.compile(
      "(?:serving\\.kserve\\.io/inferenceservice=|^\\s*ISVC_NAME: |inferenceservice/)(?<v>[a-z0-9][-a-z0-9]*)");
  private static final Pattern CLUSTER =
      Pattern.compile("(?:update-kubeconfig\\s+(?:.*\\s)?--name[= ]|^\\s*(?:EKS_)?CLUSTER_NAME: )(?<v>[\\w-]+)");
  private static final Pattern REGION =
      Pattern.compile("(?:--region[= ]|^\\s*AWS_REGION: |^\\s*AWS_DEFAULT_REGION: )(?<v>[a-z]{2}(?:-[a-z]+)+-\\d+)");

  private static final Map<String, Pattern> COMMON =
      Map.of("namespace", NAMESPACE, "isvc", ISVC, "cluster", CLUSTER, "region", REGION);

  private record Row(Reason reason, List<Pattern> patterns) {}

  private record Hit(Reason reason, int line, String text, Map<String, String> values) {}

  /** The log's most telling problem, with the others as warnings; null when no known line is in it. */
  public Diagnosis diagnose(String log, Instant now) {
    return diagnose(log.lines().iterator(), now);
  }

  /**
   * The same, over lines as they stream by: one pass, and only the hits are kept (at most {@value #MAX_EVIDENCE}
   * per reason), so a log of any length costs memory for its longest line only.
   */
  public Diagnosis diagnose(Iterator<String> log, Instant now) {
    Map<String, String> common = new LinkedHashMap<>();
    Map<Reason, List<Hit>> hits = new EnumMap<>(Reason.class);
    for (int number = 1; log.hasNext(); number++) {
      String line = PREFIX.matcher(log.next()).replaceFirst("");
      commonValues(line, common);
      for (Hit hit : classify(line, number)) {
        List<Hit> found = hits.computeIfAbsent(hit.reason(), r -> new ArrayList<>());
        if (found.size() < MAX_EVIDENCE) {
          found.add(hit);
        }
      }
    }
    if (hits.isEmpty()) {
      return null;
    }
    Reason top = hits.keySet().iterator().next();
    Map<String, String> values = new LinkedHashMap<>(common);
    hits.get(top).forEach(h -> h.values().forEach(values::putIfAbsent));
    List<String> evidence = hits.get(top).stream().limit(MAX_EVIDENCE)
        .map(h -> "line " + h.line() + ": " + h.text().strip()).toList();
    List<Finding> warnings = new ArrayList<>();
    hits.forEach((reason, found) -> {
      if (reason != top) {
        Hit first = found.get(0);
        Map<String, String> own = new LinkedHashMap<>(common);
        own.putAll(first.values());
        warnings.add(new Finding(reason, null, null, now, now, "line " + first.line() + ": " + first.text().strip(),
            null, own, false));
      }
    });
    Hit first = hits.get(top).get(0);
    return new Diagnosis(Phase.Failed, top, "line " + first.line() + ": " + first.text().strip(),
        top.hint(values), now, now, 0, 0, List.of(), warnings, evidence, null);
  }

  private static List<Hit> classify(String line, int number) {
    List<Hit> found = new ArrayList<>();
    Matcher pull = PULL_LINE.matcher(line);
    if (pull.find()) {
      Reason reason = ImagePullRule.CAUSES.best(line);
      Map<String, String> values = new LinkedHashMap<>();
      PodContext.putImage(values, pull.group("image"));
      found.add(new Hit(reason == null ? Reason.ImagePullBackOff : reason, number, line, values));
    }
    if (SCHEDULING_LINE.matcher(line).find()) {
      Reason reason = SchedulingRule.CAUSES.best(line);
      Map<String, String> values = new LinkedHashMap<>();
      values.put("detail", line.strip());
      found.add(new Hit(reason == null ? Reason.Unschedulable : reason, number, line, values));
    }
    for (Row row : LINES) {
      for (Pattern pattern : row.patterns()) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          found.add(new Hit(row.reason(), number, line, groups(matcher, pattern)));
          break;
        }
      }
    }
    return found;
  }

  private static Map<String, String> groups(Matcher matcher, Pattern pattern) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : List.of("isvc", "repository", "image", "tool", "plugin", "detail", "server")) {
      if (pattern.pattern().contains("(?<" + name + ">")) {
        values.put(name, matcher.group(name));
      }
    }
    if (values.containsKey("image")) {
      PodContext.putImage(values, values.get("image"));
    }
    return values;
  }

  /** Names a hint can use that the log mentions anywhere: namespace, InferenceService, cluster, region. */
  private static void commonValues(String line, Map<String, String> values) {
    COMMON.forEach((name, pattern) -> {
      if (!values.containsKey(name)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          values.put(name, matcher.group("v"));
        }
      }
    });
  }

  private static Row row(Reason reason, String... regexes) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      patterns.add(Pattern.compile(regex));
    }
    return new Row(reason, patterns);
  }
}
