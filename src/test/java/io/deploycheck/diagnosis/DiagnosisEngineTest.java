package io.deploycheck.diagnosis;

import static io.deploycheck.diagnosis.Facts.BACK_OFF;
import static io.deploycheck.diagnosis.Facts.IMAGE;
import static io.deploycheck.diagnosis.Facts.NOT_FOUND;
import static io.deploycheck.diagnosis.Facts.T0;
import static io.deploycheck.diagnosis.Facts.at;
import static io.deploycheck.diagnosis.Facts.container;
import static io.deploycheck.diagnosis.Facts.event;
import static io.deploycheck.diagnosis.Facts.evidence;
import static io.deploycheck.diagnosis.Facts.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisEngineTest {
  // kube-scheduler 1.31 noderesources fit message, as in fixtures/InsufficientResources/memory-serverless-k8s-1.31.yaml
  private static final String NO_MEMORY = "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are"
      + " available: 3 No preemption victims found for incoming pod..";
  // kubelet http prober, as in fixtures/ReadinessProbeFailing
  private static final String NOT_READY = "Readiness probe failed: HTTP probe failed with statuscode: 503";

  private static PodFacts pulling(String name, String waitingReason, String message) {
    return pod(name, "rev-1", T0, container("kserve-container", ContainerState.waiting(waitingReason, message), false));
  }

  @Test
  void definitiveReasonIsStuckAtOnce() {
    Diagnosis d = evidence()
        .pods(pulling("p1", "ErrImagePull", NOT_FOUND))
        .events(event("p1", "kserve-container", "Warning", "Failed", "Failed to pull image \"" + IMAGE + "\": "
            + NOT_FOUND, 1, at(5), at(5)))
        .diagnose(at(10));
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(d.since()).isEqualTo(at(5));
    assertThat(d.hint()).contains("aws ecr describe-images --repository-name ml-model-california-housing"
        + " --image-ids imageTag=3f9c2e1 --region ap-northeast-2");
  }

  @Test
  void waitableReasonBecomesStuckExactlyAtStuckAfter() {
    Facts.Builder unschedulable = evidence()
        .pods(Facts.unscheduled("p1", T0))
        .events(new EventFacts("Pod", "p1", "p1-uid", null, "Warning", "FailedScheduling", NO_MEMORY, 1, at(1),
            at(1)));
    Diagnosis before = unschedulable.diagnose(at(1).plus(Duration.ofMinutes(3)).minusSeconds(1));
    assertThat(before.phase()).isEqualTo(Phase.Progressing);
    assertThat(before.reason()).isEqualTo(Reason.InsufficientResources);
    assertThat(before.nextCheck()).isEqualTo(at(1).plus(Duration.ofMinutes(3)));

    Diagnosis after = unschedulable.diagnose(at(1).plus(Duration.ofMinutes(3)));
    assertThat(after.phase()).isEqualTo(Phase.Stuck);
    assertThat(after.nextCheck()).as("the deadline is next").isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(after.hint()).contains("kubectl describe nodes | grep -A 5 \"Allocated resources\"");
  }

  @Test
  void deadlineFailsTheRolloutButKeepsTheBestKnownCause() {
    Facts.Builder stuck = evidence()
        .pods(Facts.unscheduled("p1", T0))
        .events(new EventFacts("Pod", "p1", "p1-uid", null, "Warning", "FailedScheduling", NO_MEMORY, 9, at(1),
            at(590)));
    Diagnosis d = stuck.diagnose(T0.plus(Duration.ofMinutes(10)));
    assertThat(d.phase()).isEqualTo(Phase.Failed);
    assertThat(d.reason()).isEqualTo(Reason.InsufficientResources);
    assertThat(d.nextCheck()).isNull();
  }

  @Test
  void deadlineWithNoCauseIsProgressDeadlineExceeded() {
    PodFacts running = pod("p1", "rev-1", T0, container("kserve-container", ContainerState.running(at(20)), false));
    Diagnosis early = evidence().pods(running).diagnose(at(60));
    assertThat(early.reason()).isEqualTo(Reason.Progressing);
    assertThat(early.nextCheck()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    Diagnosis late = evidence().pods(running).diagnose(T0.plus(Duration.ofMinutes(10)));
    assertThat(late.phase()).isEqualTo(Phase.Failed);
    assertThat(late.reason()).isEqualTo(Reason.ProgressDeadlineExceeded);
  }

  @Test
  void highestPrecedenceWinsAndEachPodKeepsItsOwnReason() {
    ContainerFacts oom = Facts.withLast(
        container("kserve-container", ContainerState.waiting("CrashLoopBackOff", "back-off 40s restarting failed"
            + " container=kserve-container pod=p2"), false),
        ContainerState.terminated("OOMKilled", null, 137, at(30), at(50)), 2);
    Diagnosis d = evidence()
        .pods(Facts.unscheduled("p1", T0), pod("p2", "rev-1", T0, oom))
        .events(new EventFacts("Pod", "p1", "p1-uid", null, "Warning", "FailedScheduling", NO_MEMORY, 1, at(1),
            at(1)))
        .diagnose(at(60));
    assertThat(d.reason()).isEqualTo(Reason.OOMKilled);
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
    assertThat(d.pods()).extracting(PodVerdict::name, PodVerdict::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", Reason.InsufficientResources),
            org.assertj.core.groups.Tuple.tuple("p2", Reason.OOMKilled));
    assertThat(d.hint()).contains("256Mi -> 512Mi");
  }

  @Test
  void keepsSpecificCauseFromAnEarlierEventAfterBackOff() {
    Diagnosis d = evidence()
        .pods(pulling("p1", "ImagePullBackOff", BACK_OFF))
        .events(event("p1", "kserve-container", "Warning", "Failed", "Failed to pull image \"" + IMAGE + "\": "
                + NOT_FOUND, 3, at(5), at(70)),
            event("p1", "kserve-container", "Normal", "BackOff", BACK_OFF, 9, at(6), at(200)))
        .diagnose(at(210));
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
  }

  @Test
  void keepsSpecificCauseFromThePreviousStatusOnceEventsAreGone() {
    PreviousStatus previous = new PreviousStatus(Reason.ImageNotFound, at(5),
        List.of(new PodVerdict("p1", "Pending", false, Reason.ImageNotFound, 0, IMAGE)));
    // Events expire after an hour; the re-created back-off event is new and carries no cause.
    Diagnosis d = evidence().pods(pulling("p1", "ImagePullBackOff", BACK_OFF)).previous(previous)
        .events(event("p1", "kserve-container", "Normal", "BackOff", BACK_OFF, 2, at(3700), at(3990)))
        .diagnose(at(4000));
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(d.since()).as("since stays when the reason stays").isEqualTo(at(5));

    Diagnosis unknown = evidence().pods(pulling("p1", "ImagePullBackOff", BACK_OFF)).diagnose(at(4000));
    assertThat(unknown.reason()).isEqualTo(Reason.ImagePullBackOff);
  }

  @Test
  void registryConfirmationTurnsGenericBackOffIntoTheRealCause() {
    Diagnosis d = evidence()
        .pods(pulling("p1", "ImagePullBackOff", BACK_OFF))
        .registry(new RegistryFact(IMAGE, RegistryFact.Outcome.REPOSITORY_MISSING,
            "RepositoryNotFoundException", "ml-model-california-housing-v2", List.of()))
        .diagnose(at(30));
    assertThat(d.reason()).isEqualTo(Reason.RegistryRepositoryMissing);
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
    assertThat(d.message()).contains("confirmed by ECR: RepositoryNotFoundException");
    assertThat(d.hint()).contains("(ECR confirms it)").contains("Did you mean ml-model-california-housing-v2?")
        .contains("aws ecr create-repository --repository-name ml-model-california-housing"
            + " --image-scanning-configuration scanOnPush=true --region ap-northeast-2")
        .doesNotContain("not consulted");
  }

  /** A pod failing to pull IMAGE, diagnosed with what the registry said about it. */
  private static Diagnosis withRegistry(String waitingReason, String message, RegistryFact fact) {
    return evidence().pods(pulling("p1", waitingReason, message)).registry(fact).diagnose(at(30));
  }

  private static RegistryFact fact(RegistryFact.Outcome outcome, String detail) {
    return new RegistryFact(IMAGE, outcome, detail, null, null);
  }

  @Test
  void registryConfirmedMissingTagListsTheRecentlyPushedOnes() {
    Diagnosis d = withRegistry("ImagePullBackOff", BACK_OFF, new RegistryFact(IMAGE,
        RegistryFact.Outcome.IMAGE_MISSING, "ImageNotFoundException", null, List.of("9a8b7c6", "3f9c2e0")));
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(d.hint()).contains("Tag 3f9c2e1 is not in repository ml-model-california-housing")
        .contains("ECR confirms it").contains("Recently pushed tags: 9a8b7c6, 3f9c2e0.");
  }

  @Test
  void unconsultedRegistryLeavesTheKubeletCauseAndSaysSo() {
    Diagnosis d = withRegistry("ErrImagePull", NOT_FOUND,
        fact(RegistryFact.Outcome.UNAVAILABLE, "no AWS credentials found"));
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(d.message()).doesNotContain("confirmed");
    assertThat(d.hint()).doesNotContain("confirms it")
        .contains("deploy one that exists. ECR was not consulted (no AWS credentials found), so this rests on"
            + " kubelet's messages alone. Check: aws ecr describe-images");
  }

  @Test
  void imagePresentInTheRegistryPointsAnAuthFailureAtTheNode() {
    // containerd 1.6 via kubelet, as in fixtures/RegistryAuthFailed/containerd-1.6-ecr-401-stale-pull-secret.yaml
    String unauthorized = "rpc error: code = Unknown desc = failed to pull and unpack image \"" + IMAGE
        + "\": failed to resolve reference \"" + IMAGE + "\": unexpected status: 401 Unauthorized";
    Diagnosis d = withRegistry("ErrImagePull", unauthorized,
        fact(RegistryFact.Outcome.PRESENT, "pushed 2026-11-27T09:50:00Z"));
    assertThat(d.reason()).isEqualTo(Reason.RegistryAuthFailed);
    assertThat(d.hint()).contains("ECR has the image, so the path is right and the node's permission is the problem.");
  }

  @Test
  void imagePushedAfterTheFailedPullIsNotDefinitive() {
    Diagnosis d = withRegistry("ErrImagePull", NOT_FOUND,
        fact(RegistryFact.Outcome.PRESENT, "pushed 2026-11-27T10:00:20Z"));
    assertThat(d.reason()).isEqualTo(Reason.ImagePullBackOff);
    assertThat(d.phase()).as("kubelet's next retry can succeed").isEqualTo(Phase.Progressing);
    assertThat(d.message()).contains("but ECR has the image now: pushed 2026-11-27T10:00:20Z");
    assertThat(d.hint()).contains("ECR has the image now");
  }

  @Test
  void unhealthyEventsFromBeforeTheContainerStartedAreHistory() {
    ContainerFacts restarted = container("kserve-container", ContainerState.running(at(300)), false);
    Facts.Builder e = evidence()
        .pods(pod("p1", "rev-1", T0, restarted))
        .events(event("p1", "kserve-container", "Warning", "Unhealthy", NOT_READY, 5, at(60), at(200)));
    assertThat(e.diagnose(at(400)).reason()).isEqualTo(Reason.Progressing);

    Facts.Builder current = evidence()
        .pods(pod("p1", "rev-1", T0, restarted))
        .events(event("p1", "kserve-container", "Warning", "Unhealthy", NOT_READY, 5, at(310), at(390)));
    assertThat(current.diagnose(at(400)).reason()).isEqualTo(Reason.ReadinessProbeFailing);
    assertThat(current.diagnose(at(400)).phase()).isEqualTo(Phase.Progressing);
    assertThat(current.diagnose(at(310 + 180)).phase()).isEqualTo(Phase.Stuck);
  }

  @Test
  void unhealthyEventsFromBeforeThePodBecameReadyAreHistory() {
    PodFacts ready = pod("p1", "rev-1", T0, container("kserve-container", ContainerState.running(at(5)), true));
    PodFacts readySince = new PodFacts(ready.name(), ready.uid(), ready.component(), ready.revision(),
        ready.createdAt(), "Running", false, true, at(120), ready.scheduled(), ready.nodeName(),
        ready.serviceAccount(), null, List.of(), ready.containers());
    Diagnosis d = evidence()
        .isvc(Facts.isvc(true, null))
        .pods(readySince)
        .events(event("p1", "kserve-container", "Warning", "Unhealthy", NOT_READY, 8, at(10), at(100)))
        .diagnose(at(600));
    assertThat(d.phase()).isEqualTo(Phase.Ready);
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void startupProbeWithinItsBudgetIsAModelStillLoading() {
    // kubelet http prober: "Startup probe failed: Get ...: connect: connection refused" (fixtures/StartupProbeFailing)
    String refused = "Startup probe failed: Get \"http://10.0.1.23:8080/health\": dial tcp 10.0.1.23:8080: connect:"
        + " connection refused";
    ContainerFacts loading = Facts.withProbe(
        container("kserve-container", ContainerState.running(at(10)), false), ProbeKind.STARTUP,
        new ProbeFacts(ProbeFacts.Type.HTTP_GET, null, "/health", "8080", 0, 10, 30));
    Facts.Builder e = evidence()
        .pods(pod("p1", "rev-1", T0, loading))
        .events(event("p1", "kserve-container", "Warning", "Unhealthy", refused, 20, at(20), at(200)));
    Diagnosis within = e.diagnose(at(250));
    assertThat(within.reason()).isEqualTo(Reason.Progressing);
    assertThat(within.nextCheck()).as("budget of 300s ends").isEqualTo(at(310));

    Diagnosis spent = e.diagnose(at(310));
    assertThat(spent.reason()).isEqualTo(Reason.StartupProbeFailing);
    assertThat(spent.since()).isEqualTo(at(310));
    assertThat(spent.hint()).contains("5m").contains("failureThreshold: 30");
  }

  @Test
  void oldRevisionPodsNeitherFailNorPassARollout() {
    PodFacts oldCrashing = pod("old", "california-housing-predictor-00001", T0,
        container("kserve-container", ContainerState.waiting("CrashLoopBackOff", "back-off"), false));
    PodFacts newReady = pod("new", "california-housing-predictor-00002", at(100),
        container("kserve-container", ContainerState.running(at(110)), true));
    Diagnosis d = evidence()
        .isvc(Facts.isvc(true, "california-housing-predictor-00002"))
        .pods(oldCrashing, newReady)
        .diagnose(at(200));
    assertThat(d.phase()).isEqualTo(Phase.Ready);
    assertThat(d.totalPods()).isEqualTo(1);

    PodFacts newPulling = pod("new", "california-housing-predictor-00002", at(100),
        container("kserve-container", ContainerState.waiting("ErrImagePull", NOT_FOUND), false));
    Diagnosis stuck = evidence()
        .isvc(Facts.isvc(false, "california-housing-predictor-00002"))
        .pods(pod("old", "california-housing-predictor-00001", T0,
            container("kserve-container", ContainerState.running(at(1)), true)), newPulling)
        .diagnose(at(200));
    assertThat(stuck.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(stuck.readyPods()).isZero();
  }

  @Test
  void rawModeJudgesTheNewestTemplateHash() {
    PodFacts oldReady = pod("old", "5d8f7c", T0, container("kserve-container", ContainerState.running(at(1)), true));
    PodFacts newPulling = pod("new", "7b9c4d", at(100),
        container("kserve-container", ContainerState.waiting("ErrImagePull", NOT_FOUND), false));
    Diagnosis d = evidence().pods(oldReady, newPulling).diagnose(at(200));
    assertThat(d.reason()).isEqualTo(Reason.ImageNotFound);
    assertThat(d.pods()).extracting(PodVerdict::name).containsExactly("new");
  }

  @Test
  void terminatingAndFinishedPodsAreIgnored() {
    PodFacts crashing = pod("gone", "rev-1", T0,
        container("kserve-container", ContainerState.waiting("CrashLoopBackOff", "back-off"), false));
    PodFacts ready = pod("ok", "rev-1", T0, container("kserve-container", ContainerState.running(at(1)), true));
    Diagnosis d = evidence()
        .pods(Facts.with(crashing, true, "Running"), Facts.with(crashing, false, "Succeeded"), ready)
        .diagnose(at(100));
    assertThat(d.phase()).isEqualTo(Phase.Ready);
  }

  // kubelet v1.37.2 in our e2e (crash-loop scenario: the model server exits 3 a few seconds after it starts)
  private static final String REFUSED = "Readiness probe failed: Get \"http://127.68.0.2:8080/health\": dial tcp"
      + " 127.68.0.2:8080: connect: connection refused";
  private static final String BACK_OFF_RESTART = "Back-off restarting failed container kserve-container in pod"
      + " p1_e2e-crash(6366f5ad-84bb-417b-9e9a-ca1e74771059)";

  /** One pod of a crash loop whose model server is in {@code state}, after three exits with code 3. */
  private static Diagnosis crashLoopIn(ContainerState state, ContainerState last) {
    ContainerFacts server = Facts.withLast(Facts.withProbe(container("kserve-container", state, false),
        ProbeKind.READINESS, new ProbeFacts(ProbeFacts.Type.HTTP_GET, null, "/health", "8080", 0, 2, 3)), last, 3);
    return evidence()
        .pods(pod("p1", "rev-1", T0, server))
        .events(event("p1", "kserve-container", "Warning", "BackOff", BACK_OFF_RESTART, 2, at(60), at(80)),
            event("p1", "kserve-container", "Warning", "Unhealthy", REFUSED, 10, at(20), at(95)))
        .diagnose(at(100).plus(Duration.ofMinutes(3)));
  }

  @Test
  void aCrashLoopBetweenTwoRunsIsStillACrashLoop() {
    // kubelet shows the exit (terminated, Error) until its back-off makes the container waiting CrashLoopBackOff
    Diagnosis d = crashLoopIn(ContainerState.terminated("Error", null, 3, at(90), at(96)),
        ContainerState.terminated("Error", null, 3, at(70), at(75)));
    assertThat(d.reason()).isEqualTo(Reason.CrashLoopBackOff);
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
    assertThat(d.message()).contains("last exit code 3");
  }

  @Test
  void aCrashLoopInsideOneOfItsShortRunsIsStillACrashLoop() {
    // running again, not ready yet: the refused readiness probe is a symptom of the exits
    Diagnosis d = crashLoopIn(ContainerState.running(at(90)),
        ContainerState.terminated("Error", null, 3, at(70), at(75)));
    assertThat(d.reason()).isEqualTo(Reason.CrashLoopBackOff);
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
  }

  @Test
  void queueProxyNotReadyDoesNotHideTheCrashingModelServer() {
    ContainerFacts crashing = Facts.withLast(
        container("kserve-container", ContainerState.waiting("CrashLoopBackOff", "back-off 20s restarting failed"
            + " container=kserve-container pod=p1"), false),
        ContainerState.terminated("Error", null, 1, at(10), at(20)), 2);
    ContainerFacts queueProxy = container("queue-proxy", ContainerState.running(at(5)), false);
    Diagnosis d = evidence()
        .pods(pod("p1", "rev-1", T0, crashing, queueProxy))
        .events(event("p1", "queue-proxy", "Warning", "Unhealthy", NOT_READY, 10, at(10), at(100)))
        .diagnose(at(100));
    assertThat(d.reason()).isEqualTo(Reason.CrashLoopBackOff);
    assertThat(d.hint()).contains("kubectl logs p1 -n kubeflow-user01 -c kserve-container --previous");
    assertThat(d.message()).contains("last exit code 1 (application error)");
  }

  @Test
  void failingStorageInitializerIsAModelLoadFailure() {
    ContainerFacts loader = new ContainerFacts("storage-initializer", "kserve/storage-initializer:v0.14.0", true,
        ContainerFacts.Role.MODEL_LOADER, null, null, null, null, null,
        ContainerState.waiting("CrashLoopBackOff", "back-off"),
        ContainerState.terminated("Error", "RuntimeError: Failed to fetch model. No model found in"
            + " s3://models/california-housing.", 1, at(5), at(9)), false, 3);
    PodFacts initializing = pod("p1", "rev-1", T0, List.of(loader),
        container("kserve-container", ContainerState.waiting("PodInitializing", null), false));
    Diagnosis d = evidence().pods(initializing).diagnose(at(60));
    assertThat(d.reason()).isEqualTo(Reason.ModelLoadFailed);
    assertThat(d.phase()).isEqualTo(Phase.Stuck);
    assertThat(d.message()).contains("No model found");
  }

  @Test
  void brokenLivenessExecProbeOnAReadyPodIsAWarningOnly() {
    // kubelet "probe errored" with runc's text, as in fixtures/Ready/warning-liveness-probe-command-missing.yaml
    String errored = "Liveness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to"
        + " start exec \"4d1c\": OCI runtime exec failed: exec failed: unable to start container process: exec:"
        + " \"curl\": executable file not found in $PATH: unknown";
    ContainerFacts ready = Facts.withProbe(container("kserve-container", ContainerState.running(at(5)), true),
        ProbeKind.LIVENESS, new ProbeFacts(ProbeFacts.Type.EXEC, "curl -f http://localhost:8080/health", null, null,
            0, 10, 3));
    Diagnosis d = evidence()
        .isvc(Facts.isvc(true, null))
        .pods(pod("p1", "rev-1", T0, ready))
        .events(event("p1", "kserve-container", "Warning", "Unhealthy", errored, 30, at(15), at(300)))
        .diagnose(at(310));
    assertThat(d.phase()).isEqualTo(Phase.Ready);
    assertThat(d.warnings()).extracting(Finding::reason).containsExactly(Reason.ProbeCommandNotFound);
    assertThat(d.warnings().get(0).hint()).contains("curl").contains("httpGet");
  }

  @Test
  void podsRunningAnotherImageDoNotCountForExpectedImage() {
    PodFacts oldImage = pod("p1", "rev-1", T0,
        Facts.withImage(container("kserve-container", ContainerState.running(at(1)), true), "python:3.9-slim"));
    CheckSpec spec = CheckSpec.parse(null, IMAGE, null, null);
    Facts.Builder e = evidence().isvc(Facts.isvc(true, null)).spec(spec).pods(oldImage);
    assertThat(e.diagnose(at(60)).reason()).isEqualTo(Reason.Progressing);
    Diagnosis late = e.diagnose(at(180));
    assertThat(late.reason()).isEqualTo(Reason.PodsNotCreated);
    assertThat(late.phase()).isEqualTo(Phase.Stuck);
  }

  @Test
  void readyNeedsTheInferenceServiceReadyToo() {
    PodFacts ready = pod("p1", "rev-1", T0, container("kserve-container", ContainerState.running(at(1)), true));
    assertThat(evidence().isvc(Facts.isvc(false, null)).pods(ready).diagnose(at(60)).phase())
        .isEqualTo(Phase.Progressing);
    assertThat(evidence().isvc(Facts.isvc(true, null)).pods(ready).diagnose(at(60)).phase())
        .isEqualTo(Phase.Ready);
  }

  @Test
  void targetProblemsComeFirst() {
    assertThat(evidence().target(TargetState.KSERVE_NOT_INSTALLED).diagnose(at(1)).phase()).isEqualTo(Phase.Stuck);
    Diagnosis missing = evidence().target(TargetState.NOT_FOUND).diagnose(at(60));
    assertThat(missing.reason()).isEqualTo(Reason.InferenceServiceNotFound);
    assertThat(missing.phase()).as("the pipeline may apply it next").isEqualTo(Phase.Progressing);
    assertThat(evidence().target(TargetState.NOT_FOUND).diagnose(at(180)).phase()).isEqualTo(Phase.Stuck);

    Diagnosis invalid = evidence().spec(CheckSpec.parse(null, null, "20m", "10m")).diagnose(at(1));
    assertThat(invalid.reason()).isEqualTo(Reason.InvalidSpec);
    assertThat(invalid.phase()).isEqualTo(Phase.Stuck);
    assertThat(invalid.hint()).contains("stuckAfter (20m) must be shorter than progressDeadline (10m)");
  }

  @Test
  void startupProbeInsideABudgetLongerThanTheDeadlineIsTheReasonAtTheDeadline() {
    // budget 20m (failureThreshold 120 x 10s), deadline 10m: the deadline passes while the probe may still fail
    ContainerFacts loading = Facts.withProbe(container("kserve-container", ContainerState.running(at(30)), false),
        ProbeKind.STARTUP, new ProbeFacts(ProbeFacts.Type.HTTP_GET, null, "/health", "8080", 0, 10, 120));
    String pod = "california-housing-predictor-1";
    var unhealthy = event(pod, "kserve-container", "Warning", "Unhealthy",
        "Startup probe failed: Get \"http://10.244.0.13:8000/health\": dial tcp 10.244.0.13:8000: connect: connection"
            + " refused", 50, at(40), at(590));

    Diagnosis before = evidence().pods(pod(pod, "rev-1", T0, loading)).events(unhealthy).diagnose(at(500));
    assertThat(before.reason()).isEqualTo(Reason.Progressing);

    Diagnosis atDeadline = evidence().pods(pod(pod, "rev-1", T0, loading)).events(unhealthy).diagnose(at(601));
    assertThat(atDeadline.phase()).isEqualTo(Phase.Failed);
    assertThat(atDeadline.reason()).isEqualTo(Reason.StartupProbeFailing);
    assertThat(atDeadline.hint()).contains("budget of 20m").contains("progressDeadline of 10m")
        .doesNotContain("no specific cause");
  }

  @Test
  void aWaitingReasonNoRuleKnowsIsTheFamilysReasonOnceItLasts() {
    ContainerFacts refused = container("kserve-container", ContainerState.waiting("CreateContainerError",
        "runc create failed: unable to start container process: exec: \"/usr/bin/pod\": stat /usr/bin/pod: no such"
            + " file or directory"), false);
    String pod = "california-housing-predictor-1";
    var failed = event(pod, "kserve-container", "Warning", "Failed", "Error: CreateContainerError", 3, at(10), at(60));

    Diagnosis early = evidence().pods(pod(pod, "rev-1", T0, refused)).events(failed).diagnose(at(60));
    assertThat(early.reason()).isEqualTo(Reason.ContainerCreatingStuck);
    assertThat(early.phase()).isEqualTo(Phase.Progressing);

    Diagnosis later = evidence().pods(pod(pod, "rev-1", T0, refused)).events(failed).diagnose(at(300));
    assertThat(later.phase()).isEqualTo(Phase.Stuck);
    assertThat(later.message()).contains("CreateContainerError").contains("/usr/bin/pod");
    assertThat(later.hint()).contains("/usr/bin/pod is not in its image");
  }

  @Test
  void anInitContainerThatExitsNonZeroIsACrashLoop() {
    ContainerFacts init = new ContainerFacts("fetch-config", IMAGE, true, ContainerFacts.Role.MAIN, java.util.Map.of(),
        java.util.Map.of(), null, null, null, ContainerState.terminated("Error", "config service unavailable", 1,
            at(20), at(25)), null, false, 4);
    ContainerFacts main = container("kserve-container", ContainerState.waiting("PodInitializing", null), false);

    Diagnosis diagnosis = evidence().pods(pod("p", "rev-1", T0, List.of(init), main)).diagnose(at(300));

    assertThat(diagnosis.reason()).isEqualTo(Reason.CrashLoopBackOff);
    assertThat(diagnosis.hint()).contains("fetch-config").contains("exit code 1");
  }
}
