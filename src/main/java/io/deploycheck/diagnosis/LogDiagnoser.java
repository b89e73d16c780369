package io.deploycheck.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
  private static final Pattern PREFIX = Pattern.compile(
      "^(?:[^\\t]*\\t[^\\t]*\\t)?(?:(?<time>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z) )?");
  private static final Pattern PULL_LINE =
      Pattern.compile("(?:Failed to pull image|failed to pull and unpack image) \\\\?\"(?<image>[^\"\\\\]+)");
  private static final Pattern SCHEDULING_LINE = Pattern.compile("FailedScheduling|nodes are available");
  /**
   * A row of kubectl get pods: NAME READY STATUS RESTARTS ..., after a NAMESPACE column with -A. Its pod and
   * namespace name what the row's status is about.
   */
  private static final Pattern POD_ROW = Pattern.compile(
      "^\\s*(?:(?<namespace>[a-z0-9][-a-z0-9]*)\\s+)?(?<pod>[a-z0-9][-a-z0-9.]*)\\s+\\d+/\\d+\\s+\\S+\\s+\\d+");
  /** A pod of an InferenceService's components, as KServe names them ({isvc}-{component}-...). */
  private static final Pattern COMPONENT_POD =
      Pattern.compile("-(?:" + String.join("|", CheckSpec.KNOWN_COMPONENTS) + ")-");
  private static final int MAX_EVIDENCE = 5;

  /**
   * A login failure in the pipeline is guide problem 1 and has the pipeline's fix (the runbook's), not the node
   * role's that a failing pull on a node gets.
   */
  private static final HintTemplate PIPELINE_LOGIN = HintTemplate.compile(
      "The pipeline's registry login failed[[ for ${registry}]][[ before pushing ${image}]]."
          + " Configure AWS credentials in the job before the login (aws-actions/configure-aws-credentials, then"
          + " aws-actions/amazon-ecr-login), check that the secrets it reads exist and are current, and grant the"
          + " CI role ecr:GetAuthorizationToken plus the push actions on the repository[[ ${repository}]]. On a"
          + " self-hosted runner log in again in every job instead of reusing ~/.docker/config.json.");
  /** kubectl 1.24+ and current AWS CLIs no longer speak the exec credential API an old kubeconfig names. */
  private static final HintTemplate EXEC_API_VERSION = HintTemplate.compile(
      "The kubeconfig's exec credential plugin and kubectl disagree on the API version[[ (${detail})]]: kubectl 1.24+"
          + " rejects client.authentication.k8s.io/v1alpha1. Regenerate the kubeconfig with a current AWS CLI"
          + "[[ (aws eks update-kubeconfig --name ${cluster} --region ${region})]], which writes v1beta1, encode it"
          + " with base64 -w 0 and update the KUBECONFIG_DATA secret; or install matching kubectl and AWS CLI"
          + " versions in the job.");

  /**
   * Pipeline-side lines and pod states as kubectl prints them: the catalog's {@code log} rows, and the rows whose
   * hint is the pipeline's own. Named groups become hint values.
   */
  private static final Map<String, Own> LOG_TABLES = Map.of("log", new Own(null, null), "log-pipeline-login",
      new Own(PIPELINE_LOGIN, 1), "log-exec-api-version", new Own(EXEC_API_VERSION, null));
  private static final List<Row> LINES = lines();

  // Names from the command lines and the step's env: block that GitHub prints.
  private static final Pattern NAMESPACE = Pattern.compile(
      "(?:\\s-n\\s+|--namespace[= ]|^\\s*NAMESPACE: |^Namespace:\\s+)(?<v>[a-z0-9][-a-z0-9]*)");
  // A predictor pod named by kubectl describe ("Name:"), a pod/NAME argument, or a kubectl get pods row.
  private static final Pattern POD = Pattern.compile("(?:^Name:\\s+|\\bpods?/|^)(?<v>[a-z0-9][-a-z0-9]*-predictor-"
      + "[-a-z0-9]*[a-z0-9])(?:$|\\s+\\d+/\\d+\\s|\\s)");
  // docker push names what it pushes; the amazon-ecr-login step's outputs and env blocks name registry and repository.
  private static final Pattern PUSHED = Pattern.compile("The push refers to repository \\[(?<v>[^\\]]+)]");
  private static final Pattern ECR_REGISTRY = Pattern.compile("^\\s*(?:ECR_)?REGISTRY: (?<v>[\\w.-]+\\.[\\w.-]+)");
  private static final Pattern ECR_REPOSITORY = Pattern.compile("^\\s*(?:ECR_)?REPOSITORY: (?<v>[a-z0-9][-\\w./]*)");
  private static final Pattern IMAGE_TAG = Pattern.compile("^\\s*IMAGE_TAG: (?<v>[\\w.-]+)");
  private static final Pattern LOGIN_REGISTRY =
      Pattern.compile("(?:--password-stdin|docker login)\\b.*?\\s(?:https://)?(?<v>\\d+\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com)");
  private static final Pattern ISVC = Pattern.compile(
      "(?:serving\\.kserve\\.io/inferenceservice=|^\\s*ISVC_NAME: |inferenceservice/)(?<v>[a-z0-9][-a-z0-9]*)");
  private static final Pattern CLUSTER =
      Pattern.compile("(?:update-kubeconfig\\s+(?:.*\\s)?--name[= ]|^\\s*(?:EKS_)?CLUSTER_NAME: )(?<v>[\\w-]+)");
  private static final Pattern REGION =
      Pattern.compile("(?:--region[= ]|^\\s*AWS_REGION: |^\\s*AWS_DEFAULT_REGION: )(?<v>[a-z]{2}(?:-[a-z]+)+-\\d+)");


  /**
   * A row's own hint and guide problem replace its reason's where the pipeline's case differs from the cluster's
   * (a login in the job, not a node's pull).
   */
  private record Row(Reason reason, List<Pattern> patterns, HintTemplate hint, Integer guideProblem) {}

  /** A log table's own hint and guide problem (null: its reason's). */
  private record Own(HintTemplate hint, Integer guideProblem) {}

  /** One matching line and the row it matched (null: read with a pod rule's table). */
  private record Hit(Reason reason, int line, String text, Map<String, String> values, Instant at, Row row) {}

  /**
   * The log's most telling problem, with the others as warnings; null when no known line is in it. Times come from
   * the log's own timestamps (GitHub's line prefixes): {@code since} is when the telling line was printed; a log
   * without timestamps gives none.
   *
   * @param now the moment to judge at, or null for the log's newest timestamp
   */
  public Diagnosis diagnose(String log, Instant now) {
    return diagnose(log.lines().iterator(), now);
  }

  /**
   * The same, over lines as they stream by: one pass, and only the hits are kept (at most {@value #MAX_EVIDENCE}
   * per reason), so a log of any length costs memory for its longest line only.
   */
  public Diagnosis diagnose(Iterator<String> log, Instant now) {
    Scan scan = new Scan();
    for (int number = 1; log.hasNext(); number++) {
      scan.line(log.next(), number);
    }
    Map<Reason, List<Hit>> hits = scan.hits;
    // A listing of every namespace's pods shows other workloads' troubles too: with a rollout's pod among the rows,
    // only its rows count.
    if (hits.values().stream().flatMap(List::stream).anyMatch(LogDiagnoser::aboutComponent)) {
      hits.values().forEach(found -> found.removeIf(h -> h.values().containsKey("pod") && !aboutComponent(h)));
      hits.values().removeIf(List::isEmpty);
    }
    // "Health endpoint returned: 000" means no HTTP answer; with a port-forward to a Pending pod in the same log that
    // is the reason, and no tool is shown to be missing.
    List<Hit> healthChecks = hits.getOrDefault(Reason.HealthCheckToolMissing, List.of());
    if (hits.containsKey(Reason.PodNotRunning)
        && healthChecks.stream().noneMatch(h -> h.values().containsKey("tool"))) {
      hits.remove(Reason.HealthCheckToolMissing);
    }
    return hits.isEmpty() ? null
        : judge(hits, commonValues(scan.mentioned), scan.first, now != null ? now : scan.newest);
  }

  /** One pass over the lines: their time span, the names they mention, and the hits per reason. */
  private static final class Scan {
    Instant first;
    Instant newest;
    final Map<String, String> mentioned = new LinkedHashMap<>();
    final Map<Reason, List<Hit>> hits = new EnumMap<>(Reason.class);

    void line(String raw, int number) {
      Matcher prefix = PREFIX.matcher(raw);
      boolean prefixed = prefix.lookingAt(); // every part of the prefix is optional: this always matches
      Instant at = prefixed && prefix.group("time") != null ? Instant.parse(prefix.group("time")) : null;
      String line = raw.substring(prefixed ? prefix.end() : 0);
      if (at != null) {
        first = first == null || at.isBefore(first) ? at : first;
        newest = newest == null || at.isAfter(newest) ? at : newest;
      }
      mention(line, mentioned);
      for (Hit hit : classify(line, number, at)) {
        keep(hits.computeIfAbsent(hit.reason(), r -> new ArrayList<>()), hit);
      }
    }
  }

  /** The telling line's reason is the diagnosis; every other reason found is a warning. */
  private static Diagnosis judge(Map<Reason, List<Hit>> hits, Map<String, String> common, Instant first,
      Instant judgedAt) {
    // A wait that timed out says only that something else went wrong: any other line names it better.
    Reason top = hits.keySet().stream().min(Comparator.comparingInt(
        (Reason r) -> r == Reason.ProgressDeadlineExceeded ? Integer.MAX_VALUE : r.ordinal())).orElseThrow();
    Map<String, String> values = new LinkedHashMap<>(common);
    // The telling line names things more exactly than the rest of the log: its values win.
    hits.get(top).get(0).values().forEach(values::put);
    hits.get(top).forEach(h -> h.values().forEach(values::putIfAbsent));
    List<String> evidence = hits.get(top).stream().limit(MAX_EVIDENCE)
        .map(h -> "line " + h.line() + ": " + h.text().strip()).toList();
    Hit telling = hits.get(top).get(0);
    Instant since = telling.at() != null ? telling.at() : judgedAt;
    Row row = telling.row();
    boolean own = row != null && row.hint() != null;
    return new Diagnosis(Phase.Failed, top, "line " + telling.line() + ": " + telling.text().strip(),
        own ? row.hint().render(values) : top.hint(values), since, first, 0, 0, List.of(), warnings(hits, top, common),
        evidence, null, own ? row.guideProblem() : top.guideProblem());
  }

  /** Each other reason, from its earliest line, with that line's values over the log's. */
  private static List<Finding> warnings(Map<Reason, List<Hit>> hits, Reason top, Map<String, String> common) {
    List<Finding> warnings = new ArrayList<>();
    hits.forEach((reason, found) -> {
      if (reason != top) {
        Hit earliest = found.get(0);
        Map<String, String> own = new LinkedHashMap<>(common);
        own.putAll(earliest.values());
        warnings.add(Finding.of(reason).since(earliest.at())
            .message("line " + earliest.line() + ": " + earliest.text().strip()).values(own).blocking(false).build());
      }
    });
    return warnings;
  }

  /**
   * Keeps at most {@value #MAX_EVIDENCE} hits of a reason, in the order read, except that a row about a rollout's
   * pod takes the place of one about another pod.
   */
  private static void keep(List<Hit> found, Hit hit) {
    if (found.size() < MAX_EVIDENCE) {
      found.add(hit);
    } else if (aboutComponent(hit)) {
      found.stream().filter(h -> h.values().containsKey("pod") && !aboutComponent(h)).findFirst()
          .ifPresent(other -> {
            found.remove(other);
            found.add(hit);
          });
    }
  }

  private static boolean aboutComponent(Hit hit) {
    String pod = hit.values().get("pod");
    return pod != null && COMPONENT_POD.matcher(pod).find();
  }

  private static List<Hit> classify(String line, int number, Instant at) {
    List<Hit> found = new ArrayList<>();
    Matcher pull = PULL_LINE.matcher(line);
    if (pull.find()) {
      Reason reason = ImagePullRule.CAUSES.best(line);
      Map<String, String> values = new LinkedHashMap<>();
      PodContext.putImage(values, pull.group("image"));
      if (reason == Reason.RegistryUnreachable) {
        values.put("fix", ImagePullRule.unreachableFix(line, values.get("registry"), values.get("region")));
      }
      found.add(new Hit(reason == null ? Reason.ImagePullBackOff : reason, number, line, values, at, null));
    }
    if (SCHEDULING_LINE.matcher(line).find()) {
      Reason reason = SchedulingRule.CAUSES.best(line);
      Map<String, String> values = new LinkedHashMap<>();
      values.put("detail", SchedulingRule.nodeReasons(line.strip()));
      found.add(new Hit(reason == null ? Reason.Unschedulable : reason, number, line, values, at, null));
    }
    for (Row row : LINES) {
      for (Pattern pattern : row.patterns()) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          found.add(new Hit(row.reason(), number, line, groups(matcher, pattern), at, row));
          break;
        }
      }
    }
    Matcher podRow = POD_ROW.matcher(line);
    if (!found.isEmpty() && podRow.lookingAt()) {
      for (Hit hit : found) {
        hit.values().put("pod", podRow.group("pod"));
        if (podRow.group("namespace") != null) {
          hit.values().put("namespace", podRow.group("namespace"));
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

  private static final Map<String, Pattern> MENTIONED = Map.of("namespace", NAMESPACE, "isvc", ISVC, "cluster",
      CLUSTER, "region", REGION, "pod", POD, "pushed", PUSHED, "ecrRegistry", ECR_REGISTRY, "ecrRepository",
      ECR_REPOSITORY, "imageTag", IMAGE_TAG, "loginRegistry", LOGIN_REGISTRY);

  /** Notes the first mention of each name a hint can use, as the lines stream by. */
  private static void mention(String line, Map<String, String> mentioned) {
    MENTIONED.forEach((name, pattern) -> {
      if (!mentioned.containsKey(name)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          mentioned.put(name, matcher.group("v"));
        }
      }
    });
  }

  /**
   * Names a hint can use that the log mentions anywhere: namespace, InferenceService, cluster, region, pod, and the
   * image pushed (from a push line, or an ECR login's registry with the repository and tag the job names).
   */
  private static Map<String, String> commonValues(Map<String, String> mentioned) {
    Map<String, String> values = new LinkedHashMap<>(mentioned);
    String pushed = values.remove("pushed");
    String login = values.remove("loginRegistry");
    String registry = values.containsKey("ecrRegistry") ? values.remove("ecrRegistry") : login;
    String repository = values.remove("ecrRepository");
    String tag = values.remove("imageTag");
    if (pushed == null && registry != null && repository != null) {
      pushed = registry + "/" + repository;
    }
    if (pushed != null) {
      String region = values.get("region");
      PodContext.putImage(values, tag == null ? pushed : pushed + ":" + tag);
      if (tag == null) {
        values.remove("image"); // the repository is known, the tag pushed is not
        values.remove("reference");
      }
      if (region != null) {
        values.put("region", region);
      }
    } else if (repository != null) {
      values.put("repository", repository);
    }
    return values;
  }

  /**
   * One row per log table and reason, its patterns in catalog order (a line gives a reason once per row); the
   * first row of a reason is the one whose own hint wins.
   */
  private static List<Row> lines() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (MessageCatalog.Row entry : MessageCatalog.ROWS) {
      entry.tables().stream().filter(LOG_TABLES::containsKey).forEach(table -> {
        Own own = LOG_TABLES.get(table);
        Row row = rows.computeIfAbsent(table + "/" + entry.reason(), key -> new Row(entry.reason(),
            new ArrayList<>(), own.hint(), own.guideProblem() != null ? own.guideProblem()
                : entry.reason().guideProblem()));
        row.patterns().add(Pattern.compile(entry.pattern()));
      });
    }
    return rows.values().stream().map(row -> new Row(row.reason(), List.copyOf(row.patterns()), row.hint(),
        row.guideProblem())).toList();
  }
}
