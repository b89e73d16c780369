package io.deploycheck.cli;

import io.deploycheck.diagnosis.Reason;
import io.deploycheck.metrics.HealthServer;
import io.deploycheck.metrics.Monitoring;
import io.deploycheck.operator.DeployCheckOperator;
import io.deploycheck.operator.OperatorSettings;
import io.deploycheck.registry.EcrClientFactory;
import io.deploycheck.registry.EcrInspector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deploycheck operator}: runs the operator against the current kubeconfig or in-cluster config. */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Run the operator: watch DeployChecks and the InferenceServices they name. Every flag has an"
        + " environment variable equivalent (named after its default); the flag wins.")
public final class OperatorCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  @Option(names = "--namespaces", paramLabel = "NS[,NS...]", defaultValue = "${env:DEPLOYCHECK_NAMESPACES:-}",
      description = "Namespaces to watch, comma-separated; empty watches all (default: '${DEFAULT-VALUE}';"
          + " env DEPLOYCHECK_NAMESPACES).")
  private String namespaces;

  @Option(names = "--port", defaultValue = "${env:DEPLOYCHECK_PORT:-8080}",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}; env DEPLOYCHECK_PORT).")
  private int port;

  @Option(names = "--leader-election", paramLabel = "auto|true|false",
      defaultValue = "${env:DEPLOYCHECK_LEADER_ELECTION:-auto}",
      description = "Leader election through a Lease; auto turns it on inside a cluster (default: ${DEFAULT-VALUE};"
          + " env DEPLOYCHECK_LEADER_ELECTION).")
  private String leaderElection;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      defaultValue = "${env:DEPLOYCHECK_LEADER_ELECTION_NAMESPACE:-}",
      description = "Namespace of the Lease (default: the pod's own namespace; env"
          + " DEPLOYCHECK_LEADER_ELECTION_NAMESPACE).")
  private String leaseNamespace;

  @Option(names = "--verify-registry", arity = "1", defaultValue = "${env:DEPLOYCHECK_VERIFY_REGISTRY:-true}",
      description = "Confirm image-pull causes with ECR (default: ${DEFAULT-VALUE}; env DEPLOYCHECK_VERIFY_REGISTRY).")
  private boolean verifyRegistry;

  @Option(names = "--allow-create-repository", arity = "1",
      defaultValue = "${env:DEPLOYCHECK_ALLOW_CREATE_REPOSITORY:-false}",
      description = "Allow DeployChecks that ask for it to create a missing ECR repository (default: ${DEFAULT-VALUE};"
          + " env DEPLOYCHECK_ALLOW_CREATE_REPOSITORY).")
  private boolean allowCreateRepository;

  @Option(names = "--events-on-inference-services", arity = "1",
      defaultValue = "${env:DEPLOYCHECK_EVENTS_ON_INFERENCE_SERVICES:-true}",
      description = "Also write Events on the InferenceService (default: ${DEFAULT-VALUE}; env"
          + " DEPLOYCHECK_EVENTS_ON_INFERENCE_SERVICES).")
  private boolean eventsOnInferenceServices;

  @Option(names = "--runbook-url", paramLabel = "URL",
      defaultValue = "${env:" + Runbook.ENV + ":-" + Reason.DEFAULT_RUNBOOK + "}",
      description = "The runbook's address; Warning Events link to its #<reason> section (default: ${DEFAULT-VALUE};"
          + " env " + Runbook.ENV + ").")
  private String runbookUrl;

  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:DEPLOYCHECK_LOG_FORMAT:-text}",
      description = "Log format (default: ${DEFAULT-VALUE}; env DEPLOYCHECK_LOG_FORMAT).")
  private LogFormat logFormat;

  enum LogFormat { text, json }

  @Override
  public Integer call() throws Exception {
    if (logFormat == LogFormat.json) {
      // Chosen before the operator's first logger exists, so log4j reads this configuration instead of log4j2.xml.
      System.setProperty("log4j2.configurationFile", "log4j2-json.xml");
    }
    OperatorSettings settings = settings();
    // Obtained here, not in a static field, so the log format chosen above applies to it.
    LoggerFactory.getLogger(OperatorCommand.class).info(startupLine(Version.number(), settings));
    Clock clock = Clock.systemUTC();
    Monitoring monitoring = Monitoring.create(clock);
    KubernetesClient client = new KubernetesClientBuilder().build();
    EcrClientFactory ecr = settings.verifyRegistry() ? EcrClientFactory.standard() : null;
    EcrInspector inspector = ecr == null ? null
        : new EcrInspector(ecr, clock, monitoring.operator()::registryRequest);
    DeployCheckOperator operator = new DeployCheckOperator(client, settings, clock, monitoring.operator(),
        monitoring.josdk(), inspector, true);
    HealthServer health = new HealthServer(monitoring.registry(), operator::isReady, operator::notReady);
    health.start(settings.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      health.stop();
      if (ecr != null) {
        ecr.close();
      }
      client.close();
      monitoring.close();
      stopped.countDown();
    }, "deploycheck-shutdown"));
    try {
      operator.start();
    } catch (RuntimeException e) {
      String why = e.toString();
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
      }
      spec.commandLine().getErr().println("deploycheck: the operator could not start: " + why);
      System.exit(1); // the shutdown hook stops what did start
    }
    stopped.await();
    return 0;
  }

  /** The operator's first log line: what runs, and how, so a support request shows it at the top. */
  static String startupLine(String version, OperatorSettings settings) {
    String watched = settings.namespaces().isEmpty() ? "all namespaces"
        : "namespaces " + String.join(",", settings.namespaces().stream().sorted().toList());
    String election = settings.leaderElection()
        ? "on (Lease " + settings.leaseNamespace() + "/" + OperatorSettings.LEASE_NAME + ")" : "off";
    return "deploycheck " + version + " operator starting: watching " + watched
        + "; /metrics, /healthz, /readyz on port " + settings.port()
        + "; leader election " + election
        + "; ECR verification " + onOff(settings.verifyRegistry())
        + "; ECR repository creation " + onOff(settings.allowCreateRepository())
        + "; Events on InferenceServices " + onOff(settings.eventsOnInferenceServices());
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  OperatorSettings settings() {
    Set<String> watched = Arrays.stream(namespaces.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    boolean elect = switch (leaderElection) {
      case "auto" -> inCluster;
      case "true" -> true;
      case "false" -> false;
      default -> throw new InputException("--leader-election: expected auto, true or false, not " + leaderElection);
    };
    String lease = null;
    if (elect) {
      lease = !leaseNamespace.isBlank() ? leaseNamespace : ownNamespace();
      if (lease == null) {
        throw new InputException("--leader-election-namespace is needed outside a cluster");
      }
    }
    if (!runbookUrl.startsWith("https://") && !runbookUrl.startsWith("http://")) {
      throw new InputException("--runbook-url: expected an http(s) URL, not " + runbookUrl);
    }
    return new OperatorSettings(watched, port, lease, verifyRegistry, allowCreateRepository,
        eventsOnInferenceServices, runbookUrl);
  }

  private static String ownNamespace() {
    String fromEnv = System.getenv("POD_NAMESPACE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return Files.exists(SERVICE_ACCOUNT_NAMESPACE) ? Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
