package io.deploycheck.cli.wait;

import io.deploycheck.api.v1alpha1.DeployCheck;
import io.deploycheck.api.v1alpha1.RegistrySpec;
import io.deploycheck.cli.GoDurationConverter;
import io.deploycheck.cli.InputException;
import io.deploycheck.cli.VerifyRegistry;
import io.deploycheck.diagnosis.CheckSpec;
import io.deploycheck.diagnosis.DiagnosisEngine;
import io.deploycheck.diagnosis.GoDuration;
import io.deploycheck.kube.ClientErrors;
import io.deploycheck.kube.EvidenceMapper;
import io.deploycheck.registry.EcrClientFactory;
import io.deploycheck.registry.RegistryVerification;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deploycheck wait}: a CD pipeline's wait for an InferenceService rollout, ending with its diagnosis. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Wait for an InferenceService rollout and print why it is stuck, if it is. With the deploycheck"
        + " operator installed, follows the status of the DeployCheck named after the InferenceService (created or"
        + " updated by wait when wait owns it, read and left unchanged when someone else manages it); without the"
        + " operator, or when it has not followed the rollout for 10s, diagnoses the pods, their Events and the"
        + " InferenceService in-process with the same engine (and ECR). Prints a line per change, then the"
        + " diagnosis. After Ready, --health-path asks the health endpoint of a ready predictor pod through the API"
        + " server's pod proxy (no curl, exec or port-forward).",
        "Exit code: 0 Ready (and healthy), 1 Stuck, Failed, timed out or unhealthy, 2 bad arguments or a cluster"
            + " that cannot be used."})
public final class WaitCommand implements Callable<Integer> {
  private static final String INFORMER_LOGS = "io.fabric8.kubernetes.client.informers";

  @Spec
  private CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", required = true,
      description = "Namespace of the InferenceService.")
  private String namespace;

  @Option(names = "--inference-service", paramLabel = "NAME", required = true,
      description = "Name of the InferenceService (serving.kserve.io/v1beta1).")
  private String inferenceService;

  @Option(names = "--expected-image", paramLabel = "IMG",
      description = "Image the rollout must run (the one just pushed); pods running another image do not count.")
  private String expectedImage;

  @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "10m",
      converter = GoDurationConverter.WholeSeconds.class,
      description = "How long to wait for Ready; also the rollout's progressDeadline (Go duration; default"
          + " ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(names = "--stuck-after", paramLabel = "DUR", converter = GoDurationConverter.WholeSeconds.class,
      description = "How long a problem that waiting might fix may last before it is Stuck (default 3m, or a third"
          + " of a --timeout of 3m or less).")
  private Duration stuckAfter;

  @Option(names = "--verify-registry", arity = "1", paramLabel = "true|false", defaultValue = "true",
      description = "In-process, ask ECR about images that fail to pull, as the operator does (standard AWS"
          + " credentials and configuration; default: ${DEFAULT-VALUE}).")
  private boolean verifyRegistry;

  @Option(names = "--health-path", paramLabel = "PATH",
      description = "After Ready, GET this path of a ready predictor pod through the API server's pod proxy.")
  private String healthPath;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port of the health endpoint (default " + HealthCheck.DEFAULT_PORT + "; needs --health-path).")
  private Integer port;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}); with json, progress lines go to standard error.")
  private WaitFormat output;


  private final ClusterAccess access;
  private final Clock clock;

  public WaitCommand(ClusterAccess access, Clock clock) {
    this.access = access;
    this.clock = clock;
  }

  /** The command as the jar runs it: the current kubeconfig and the system clock. */
  public static WaitCommand fromKubeconfig() {
    return new WaitCommand(ClusterAccess.kubeconfig(), Clock.systemUTC());
  }

  @Override
  public Integer call() throws InterruptedException {
    WaitRequest request = WaitRequest.parse(namespace, inferenceService, expectedImage, timeout, stuckAfter,
        healthPath, port);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter progress = output == WaitFormat.json ? spec.commandLine().getErr() : out;
    // A refused watch ends the wait with one line (Watches); fabric8 would log it with a stack trace first.
    Configurator.setLevel(INFORMER_LOGS, Level.OFF);
    Instant started = clock.instant();
    try (KubernetesClient client = access.connect().get();
        EcrClientFactory ecr = verifyRegistry ? EcrClientFactory.standard() : null) {
      return wait(client, VerifyRegistry.verification(ecr), request, started, out, progress);
    }
  }

  private int wait(KubernetesClient client, RegistryVerification registry, WaitRequest request, Instant started,
      PrintWriter out, PrintWriter progress) throws InterruptedException {
    try {
      Waiter.Outcome outcome;
      try (RolloutSource source = open(client, registry, request, started, progress)) {
        progress.println("Waiting up to " + GoDuration.format(request.timeout()) + " for InferenceService "
            + request.target() + " " + source.description());
        if (request.stuckAfterAdapted()) {
          progress.println("stuckAfter is " + GoDuration.format(request.stuckAfter()) + ", a third of --timeout (the"
              + " default 3m does not fit in it; --stuck-after sets it)");
        }
        progress.flush();
        outcome = new Waiter(clock).await(source, started, request.timeout(), (observation, waited) -> {
          progress.println(WaitFormat.progressLine(observation, waited));
          progress.flush();
        });
      }
      WaitResult result = new WaitResult(request.target(), outcome, request.timeout(), null);
      if (result.ready() && request.health() != null) {
        result = result.withHealth(new HealthCheck(client).check(request, result.verdict()));
      }
      output.render(result, out);
      return result.succeeded() ? 0 : 1;
    } catch (KubernetesClientException e) {
      throw new InputException("the cluster at " + client.getMasterUrl() + " refused or could not be reached: "
          + ClientErrors.explain(e) + " (check the kubeconfig with: deploycheck doctor kubeconfig)");
    }
  }

  /**
   * Through the operator, supervised, when its API is served and lets the job use DeployChecks; in-process
   * otherwise.
   */
  private RolloutSource open(KubernetesClient client, RegistryVerification registry, WaitRequest request,
      Instant started, PrintWriter progress) {
    if (!OperatorRollout.installed(client)) {
      return local(client, registry, request, request.spec(), null, started,
          "the deploycheck operator is not installed: no DeployCheck API");
    }
    OperatorRollout operator;
    try {
      operator = OperatorRollout.open(client, request, access.apiServerFeatures());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return local(client, registry, request, request.spec(), null, started,
          "the DeployCheck API refused this job: " + ClientErrors.explain(e));
    }
    DeployCheck check = operator.deployCheck();
    LocalRollout local = local(client, registry, request, EvidenceMapper.spec(check),
        check.getSpec() == null ? null : check.getSpec().getRegistry(), started, "the operator did not follow");
    return new SupervisedRollout(operator, local, SupervisedRollout.GRACE, line -> {
      progress.println(line);
      progress.flush();
    });
  }

  private LocalRollout local(KubernetesClient client, RegistryVerification registry, WaitRequest request,
      CheckSpec spec, RegistrySpec registrySpec, Instant started, String why) {
    return new LocalRollout(client, access.apiServerFeatures(), request, spec, registry, registrySpec,
        new DiagnosisEngine(), started, why);
  }
}
