package io.deploycheck.diagnosis;

import java.util.Locale;
import java.util.Map;

/**
 * The one table of reasons (DESIGN section 3). Declaration order is precedence order: when pods disagree, the
 * reason declared first wins. Each row carries its category, the guide problem it comes from, whether waiting can
 * fix it ("definitive" reasons are Stuck at once) and its hint template.
 *
 * <p>Hint templates name their values as {@code ${name}}; a segment in {@code [[...]]} is dropped when a value it
 * names is unknown (so an ECR command is not printed for a Docker Hub image), and a value unknown outside such a
 * segment is printed as {@code <name>}, ready for the reader to fill in. {@link HintTemplate} parses them once.
 */
public enum Reason {
  KServeNotInstalled(Category.Target, null, true,
      "The InferenceService CRD (inferenceservices.serving.kserve.io) is not installed in this cluster. Install"
          + " KServe first, then confirm with: kubectl get crd inferenceservices.serving.kserve.io"),
  InferenceServiceNotFound(Category.Target, null, false,
      "There is no InferenceService ${isvc}[[ in namespace ${namespace}]]. Check the name in the DeployCheck and"
          + " that the deploy step applied it[[: kubectl get inferenceservices -n ${namespace}]]."),
  InvalidSpec(Category.Target, null, true,
      "Fix the DeployCheck spec: ${problem}. See: kubectl explain deploycheck.spec"),
  ModelLoadFailed(Category.Model, null, true,
      "The model could not be loaded[[ (${failure})]]. Check the storageUri, the model format and the runtime"
          + " version.[[ Read the logs: kubectl logs ${pod} -n ${namespace} -c ${container}.]][[ See the failure:"
          + " kubectl get inferenceservice ${isvc} -n ${namespace} -o jsonpath='{.status.modelStatus}']]"),
  RegistryRepositoryMissing(Category.ImagePull, 1, true,
      "Repository ${repository} does not exist in registry ${registry}[[ (${confirmedBy} confirms it)]]: the image"
          + " was pushed elsewhere or the path is misspelt.[[ Did you mean ${suggestion}?]]" + Reason.NOT_CONSULTED
          + " Create the repository (guide problem 1), then push ${image} again[[: aws ecr create-repository"
          + " --repository-name ${repository} --image-scanning-configuration scanOnPush=true --region ${region}]]"),
  ImageNotFound(Category.ImagePull, 4, true,
      "${imageIdKind} ${reference} is not in repository ${repository} (registry ${registry})[[; ${confirmedBy}"
          + " confirms it]]: it was never pushed under that name or the InferenceService points at the wrong one."
          + " Push ${image}, or deploy one that exists.[[ Recently pushed tags: ${recentTags}.]]" + Reason.NOT_CONSULTED
          + "[[ Check: aws ecr describe-images --repository-name ${repository} --image-ids"
          + " ${imageIdKey}=${reference} --region ${region}]]"),
  RegistryAuthFailed(Category.ImagePull, 4, true,
      "The node could not authenticate to ${registry} to pull ${image}.[[ ${presentIn} has the image, so the path"
          + " is right and the node's permission is the problem.]] For ECR the node role needs"
          + " ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer"
          + " (AmazonEC2ContainerRegistryReadOnly), plus a repository policy for another account; for other"
          + " registries check the imagePullSecrets of service account ${serviceAccount}[[ in ${namespace}]]."
          + Reason.NOT_CONSULTED + "[[ Test the login: aws ecr get-login-password --region ${region} | docker login"
          + " --username AWS --password-stdin ${registry}]]"),
  InvalidImageName(Category.ImagePull, 4, true,
      "Image reference \"${image}\" is not valid. Use registry/repository:tag (lower-case repository, no"
          + " scheme such as https://) in the InferenceService's container image."),
  RegistryRateLimited(Category.ImagePull, 4, false,
      "${registry} is rate-limiting pulls of ${image} (HTTP 429 toomanyrequests). Authenticate pulls with an"
          + " imagePullSecret, mirror the image into ECR (pull-through cache), or wait: kubelet keeps retrying."
          + Reason.NOT_CONSULTED),
  RegistryUnreachable(Category.ImagePull, 4, false,
      "Node ${node} cannot get through to ${registry}[[ (${detail})]]. ${fix}" + Reason.NOT_CONSULTED),
  ImagePullBackOff(Category.ImagePull, 4, false,
      "kubelet cannot pull ${image}: ${cause}.[[ ${fix}]][[ ${presentIn} has the"
          + " image now: if it was pushed after the failed pull, kubelet's next retry (within 5 minutes) gets it;"
          + " otherwise the node may not pull it.]]" + Reason.NOT_CONSULTED + "[[ Read the pod's events:"
          + " kubectl describe pod ${pod} -n ${namespace} | grep -A 10 \"Events:\"]][[; check the image exists:"
          + " aws ecr describe-images --repository-name ${repository} --region ${region}]]"),
  ContainerConfigError(Category.Startup, null, true,
      "Container ${container} cannot be created: ${detail}. ${fix}"),
  OOMKilled(Category.Crash, null, true,
      "[[Container ${container}]][[!${container}A container]] was killed for using more memory than ${allowed}"
          + " (exit code 137). Raise resources.requests.memory and resources.limits.memory of the ${component}"
          + "[[ (${memoryLimit} -> ${memorySuggested}, doubled as the guide did)]], or serve a smaller model."),
  ProbeCommandNotFound(Category.Probe, 3, true,
      "The ${probe} probe of container ${container} runs \"${command}\", but ${missing} is not in image ${image}"
          + "[[ (${imageNote})]], so the probe can never pass. Use an httpGet probe instead:"
          + " ${probe}Probe: {httpGet: {path: /health, port: 8080}}, or a python -c urllib check."),
  CrashLoopBackOff(Category.Crash, null, false,
      "[[Container ${container}]][[!${container}A container]] keeps exiting[[ (last exit code ${exitCode})]].[[ Its command ${missing} is not in"
          + " image ${image}: fix the command or the image.]][[ Read why it exited: kubectl logs ${pod} -n"
          + " ${namespace} -c ${container} --previous]][[!${container} Find which container exits, and why: kubectl"
          + " describe pod ${pod} -n ${namespace}]]"),
  StartupProbeFailing(Category.Probe, 3, false,
      "The startup probe of container ${container} ${progress}[[ (${detail})]]: ${advice}.[[ Read: kubectl logs"
          + " ${pod} -n ${namespace} -c ${container}]]"),
  LivenessProbeFailing(Category.Probe, 3, false,
      "The liveness probe of container ${container} fails[[ (${detail})]] and kubelet restarts it[[ (${restarts}"
          + " restarts)]]. If the model is still loading, add a startupProbe so liveness starts after it; otherwise"
          + " check the endpoint[[: kubectl logs ${pod} -n ${namespace} -c ${container} --previous]]."),
  ReadinessProbeFailing(Category.Probe, 3, false,
      "Container ${container} runs but its readiness probe fails[[ (${detail})]], so the rollout cannot finish."
          + "[[ Ask the endpoint through the API server (no curl needed):"
          + " kubectl get --raw /api/v1/namespaces/${namespace}/pods/${pod}:${port}/proxy${path}]]"
          + "[[ and read: kubectl logs ${pod} -n ${namespace} -c ${container}]]."),
  InsufficientResources(Category.Scheduling, 2, false,
      "No node has room for pod ${pod}[[, which requests ${requests}]]: ${detail}.[[ ${fix}]][[!${fix} That says"
          + " too little is free now, not whether any node could hold the request: compare it with each node's"
          + " Allocatable (kubectl describe nodes) before adding nodes. See what is allocated: kubectl describe nodes"
          + " | grep -A 5 \"Allocated resources\"; lower the requests or free room.]]"),
  NoMatchingNode(Category.Scheduling, 2, false,
      "No node matches pod ${pod}'s node selector, affinity or tolerations: ${detail}. Compare with:"
          + " kubectl get nodes --show-labels; kubectl describe nodes | grep Taints"),
  VolumeNotBound(Category.Scheduling, 2, false,
      "A volume of pod ${pod} cannot be bound: ${detail}. Check[[ kubectl get pvc -n ${namespace},]] the"
          + " StorageClass and its provisioner."),
  Unschedulable(Category.Scheduling, 2, false,
      "The scheduler cannot place pod ${pod}: ${detail}.[[ See: kubectl describe pod ${pod} -n ${namespace}]]"),
  ContainerCreatingStuck(Category.Startup, 2, false,
      "Pod ${pod} is stuck creating its containers[[: ${detail}]]. ${fix}[[ See: kubectl describe pod ${pod} -n"
          + " ${namespace}]]"),
  ImagePullSlow(Category.ImagePull, 2, false,
      "Pulling ${image} has taken ${elapsed} without an error: a large image or slow access to the registry."
          + " Wait (raise stuckAfter), make the image smaller, or pull through a VPC endpoint or a node-local cache."),
  PodsNotCreated(Category.Scheduling, 2, false,
      "No ${component} pods exist for ${isvc} after ${elapsed}.[[ The controller says: ${detail}.]] ${fix}"),
  ProgressDeadlineExceeded(Category.Timeout, 2, false,
      "The rollout of ${isvc} was not Ready within ${deadline} and no specific cause was seen.[[ See:"
          + " kubectl describe inferenceservice ${isvc} -n ${namespace}; kubectl get pods -n ${namespace}"
          + " -l serving.kserve.io/inferenceservice=${isvc}]]"),

  // Pipeline-side reasons: found in CI logs by `diagnose` and by `doctor kubeconfig`.
  PodNotRunning(Category.Pipeline, 2, false,
      "The pipeline used the pod before it was running (a port-forward to a Pending pod). Wait for readiness"
          + " first[[: deploycheck wait -n ${namespace} --inference-service ${isvc}, or kubectl wait"
          + " --for=condition=Ready pod -l serving.kserve.io/inferenceservice=${isvc} -n ${namespace}"
          + " --timeout=600s]]."),
  HealthCheckToolMissing(Category.Pipeline, 3, false,
      "The health check ran ${tool} inside the model image, which does not have it, so the check failed while"
          + " the model may be healthy. Check through the API server instead: deploycheck wait --health-path"
          + " /health --port 8080, or kubectl exec ... -- python -c \"import urllib.request ...\""),
  KubeconfigInvalid(Category.Kubeconfig, 5, false,
      "The kubeconfig could not be read[[ (${detail})]]. Encode it on one line: cat ~/.kube/config | base64 -w 0,"
          + " store that as the KUBECONFIG_DATA secret, and verify with: echo \"$KUBECONFIG_DATA\" | base64 -d | head"),
  KubeconfigExecPluginMissing(Category.Kubeconfig, 5, false,
      "The kubeconfig gets its credentials from ${plugin}, which is not on PATH. Install it in the job before"
          + " kubectl runs (aws-iam-authenticator, or the AWS CLI for \"aws eks get-token\")."),
  KubeconfigUnauthorized(Category.Kubeconfig, 5, false,
      "The cluster rejected the kubeconfig's credentials: the token expired or the IAM identity is not mapped in"
          + " the cluster. Regenerate it with aws eks update-kubeconfig[[ --name ${cluster} --region ${region}]][[!${cluster}"
          + " for the cluster's name and region]], encode it with base64 -w 0 and update the KUBECONFIG_DATA secret."),
  KubeconfigUnreachable(Category.Kubeconfig, 5, false,
      "The API server[[ ${server}]] cannot be reached[[ (${detail})]]. Check the cluster endpoint in the"
          + " kubeconfig, the endpoint's public/private access settings and the runner's network."),

  Progressing(null, null, false, "The rollout is in progress; no problem has been seen."),
  Ready(null, null, false, "All pods of ${isvc} are ready.");

  /**
   * Part of the image-pull hints, before their commands: when the registry could not be asked (no credentials, access denied, throttled,
   * unreachable), the reader learns that the diagnosis rests on kubelet's messages alone. Qualified, because enum
   * constants are initialised before the class's other static fields (the constant is inlined).
   */
  private static final String NOT_CONSULTED =
      "[[ ${notConsulted} was not consulted (${notConsultedWhy}), so this rests on kubelet's messages alone.]]";

  private final Category category;
  private final Integer guideProblem;
  private final boolean definitive;
  private final String hintTemplate;
  private final HintTemplate hint;

  Reason(Category category, Integer guideProblem, boolean definitive, String hintTemplate) {
    this.category = category;
    this.guideProblem = guideProblem;
    this.definitive = definitive;
    this.hintTemplate = hintTemplate;
    this.hint = HintTemplate.compile(hintTemplate);
  }

  /** The family, or null for {@link #Progressing} and {@link #Ready}. */
  public Category category() {
    return category;
  }

  /** The guide's problem number, or null when no single problem applies. */
  public Integer guideProblem() {
    return guideProblem;
  }

  /** Waiting cannot fix it: reported as Stuck at once. */
  public boolean definitive() {
    return definitive;
  }

  public String hintTemplate() {
    return hintTemplate;
  }

  /** The hint filled with what is known. */
  public String hint(Map<String, String> values) {
    return hint.render(values);
  }

  /** Is this a problem, as opposed to the two "all is well so far" reasons. */
  public boolean isProblem() {
    return category != null;
  }

  /** The project's own runbook, docs/runbook.md as published. */
  public static final String DEFAULT_RUNBOOK = "https://github.com/deploycheck/deploycheck/blob/main/docs/runbook.md";

  /** Higher precedence wins when pods disagree. */
  public boolean outranks(Reason other) {
    return other == null || ordinal() < other.ordinal();
  }

  /**
   * This reason's runbook section: {@code base} (the runbook's address, e.g. {@link #DEFAULT_RUNBOOK} or an internal
   * copy) plus {@code #<reason in lower case>}, absolute so it opens from a CI log, an Event or an alert.
   */
  public String runbookUrl(String base) {
    return base + "#" + name().toLowerCase(Locale.ROOT);
  }
}
