# Helpers for e2e/scenarios/*.sh. Sourced (with lib/env.sh and lib/operator.sh) in a bash process per scenario
# (lib/lane.sh), with `set -euo pipefail` and inherit_errexit, KUBECONFIG set to the admin kubeconfig and the
# cluster's kubectl first on PATH.
# A scenario fails on the first failing command or `fail`; what it printed is shown with the failure.

# Images in the cluster's registries (lib/registry.sh; run.sh exports the cluster's environment).
MODEL_IMAGE=$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v1
PRIVATE_IMAGE=$DEPLOYCHECK_E2E_AUTH_REGISTRY/private/testsrv:v1
# Short, so Stuck comes quickly; long enough that Progressing is seen first.
STUCK_AFTER=15s

fail() { echo "FAILED: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# A namespace of the scenario's own, so scenarios do not see each other's pods and Events. A left-over one from an
# earlier run on a kept cluster (run.sh --keep) is deleted first.
use_namespace() {
  NS=$1
  # run.sh --capture dumps the scenario's namespaces afterwards.
  mkdir -p "$STATE/namespaces" && echo "$NS" >>"$STATE/namespaces/$SCENARIO"
  kubectl delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null
  new_namespace "$NS" 30
}

# new_namespace NAME SECONDS: creates the namespace and waits (up to SECONDS) until it is usable: pods are admitted
# only once kube-controller-manager created its default ServiceAccount.
new_namespace() {
  kubectl create namespace "$1" >/dev/null
  await "$2" "the default ServiceAccount in $1 (made by kube-controller-manager)" \
    kubectl get serviceaccount default -n "$1"
}

# await SECONDS WHAT COMMAND...: retries COMMAND every half second until it succeeds.
await() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for $what"
    sleep 0.5
  done
}

# isvc NAME [key=value...]: a real InferenceService (KServe's controller creates its Deployment and writes its
# status) whose predictor runs the sklearn runtime with the fake model server (e2e/images/testsrv) on the real node,
# its model fetched by the storage-initializer stand-in, its readiness probe asking /health. Keys:
#   image=REF         the predictor's image (default: the runtime's, $MODEL_IMAGE)
#   env=NAME=VALUE    an environment variable of the model server (repeatable; TESTSRV_* in e2e/images/testsrv)
#   memory=QTY        memory request and limit (default 256Mi, the guide's)
#   format=NAME[:V]   model format (default sklearn)
#   storage=URI       storageUri (default gs://e2e-models/california-housing/v1; a path under /missing/ fails)
#   pull_secret=NAME  an imagePullSecret
#   probe=YAML        the container's probes instead of the default readinessProbe (YAML flow mappings, e.g.
#                     'readinessProbe: {exec: {command: [curl, -f, http://localhost:8080/health]}}')
#   node=TYPE         the nodeSelector's type: real (default), kwok (the fake nodes), or one no node has
#   label=KEY=VALUE   a label of the InferenceService, which KServe copies onto the pods (repeatable)
isvc() {
  local name=$1; shift
  local image="" memory=256Mi format=sklearn storage=gs://e2e-models/california-housing/v1 secret="" node=real
  local probe='readinessProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 2}' env="" labels="" kv
  for kv in "$@"; do
    case $kv in
      image=*) image=${kv#*=} ;;
      env=*) kv=${kv#env=}; env+="{name: ${kv%%=*}, value: \"${kv#*=}\"}, " ;;
      memory=*) memory=${kv#*=} ;;
      format=*) format=${kv#*=} ;;
      storage=*) storage=${kv#*=} ;;
      pull_secret=*) secret=${kv#*=} ;;
      probe=*) probe=${kv#*=} ;;
      node=*) node=${kv#*=} ;;
      label=*) kv=${kv#label=}; labels+="${kv%%=*}: \"${kv#*=}\", " ;;
      *) fail "isvc: unknown option $kv" ;;
    esac
  done
  local version="" secrets=""
  [[ $format == *:* ]] && version=", version: \"${format#*:}\""
  [ -z "$secret" ] || secrets="{name: $secret}"
  kubectl apply -n "$NS" -f - >/dev/null <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: $name
  labels: {${labels%, }}
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor:
    nodeSelector: {type: $node}
    imagePullSecrets: [$secrets]
    model:
      modelFormat: {name: ${format%%:*}$version}
      storageUri: $storage
      ${image:+image: $image}
      env: [${env%, }]
      resources:
        requests: {cpu: 10m, memory: $memory}
        limits: {cpu: "1", memory: $memory}
      $probe
YAML
}

# registry_secret NAME USER:PASSWORD: an imagePullSecret for the auth registry.
registry_secret() {
  kubectl create secret docker-registry "$1" -n "$NS" --docker-server="$DEPLOYCHECK_E2E_AUTH_REGISTRY" \
    --docker-username="${2%%:*}" --docker-password="${2#*:}" >/dev/null
}

# isvc_condition NAME TYPE: the status of one of KServe's conditions on the InferenceService.
isvc_condition() {
  kubectl get inferenceservice "$1" -n "$NS" -o jsonpath="{.status.conditions[?(@.type==\"$2\")].status}"
}

# pod_of ISVC: the newest predictor pod's name.
pod_of() {
  kubectl get pods -n "$NS" -l "serving.kserve.io/inferenceservice=$1" --sort-by=.metadata.creationTimestamp \
    -o jsonpath='{.items[-1:].metadata.name}'
}

# deploycheck NAME ISVC [STUCK_AFTER] [PROGRESS_DEADLINE]
deploycheck() {
  kubectl apply -n "$NS" -f - >/dev/null <<YAML
apiVersion: deploycheck.io/v1alpha1
kind: DeployCheck
metadata:
  name: $1
spec:
  inferenceService: $2
  stuckAfter: ${3:-$STUCK_AFTER}
  progressDeadline: ${4:-10m}
  registry:
    verify: false
YAML
}

# field NAME JSONPATH: one field of the DeployCheck NAME.
field() { kubectl get deploycheck "$1" -n "$NS" -o jsonpath="{$2}"; }

# await_check NAME PHASE REASON [SECONDS]: waits for the DeployCheck's status; shows it if it never comes.
await_check() {
  local name=$1 phase=$2 reason=$3 seconds=${4:-60}
  local deadline=$((SECONDS + seconds)) got
  while true; do
    got=$(field "$name" .status.phase)/$(field "$name" .status.reason)
    [ "$got" = "$phase/$reason" ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      kubectl get deploycheck "$name" -n "$NS" -o yaml >&2 || true
      kubectl get pods,events -n "$NS" >&2 || true
      fail "$name: expected $phase/$reason within ${seconds}s, last seen $got"
    fi
    sleep 0.5
  done
}

# contains TEXT PATTERN [WHAT]: fixed-string match, with a readable failure.
contains() {
  grep -qF -- "$2" <<<"$1" || fail "${3:-output} does not contain '$2'; it is:
$1"
}

not_contains() {
  ! grep -qF -- "$2" <<<"$1" || fail "${3:-output} contains '$2'; it is:
$1"
}

# events_about KIND NAME: "type reason count" of the Events about one object, one line each.
events_about() {
  kubectl get events -n "$NS" --field-selector "involvedObject.kind=$1,involvedObject.name=$2" \
    -o jsonpath='{range .items[*]}{.type} {.reason} {.count}{"\n"}{end}'
}

# our_events_about KIND NAME: the same, only the operator's own Events (KServe's controller writes Warning Events
# such as UpdateFailed on the InferenceService too).
our_events_about() {
  kubectl get events -n "$NS" --field-selector "involvedObject.kind=$1,involvedObject.name=$2,source=deploycheck-operator" \
    -o jsonpath='{range .items[*]}{.type} {.reason} {.count}{"\n"}{end}'
}

# metric NAME: the operator's /metrics lines of series NAME about the DeployCheck "model" in this scenario's
# namespace (labels in any order).
metric() {
  metrics | grep -E "^$1\{" | grep -F "namespace=\"$NS\"" | grep -F 'deploycheck="model"' || true
}

# has_event KIND REASON [TYPE]: an Event with this reason (and type) about the object "model" of kind KIND.
has_event() {
  [ -n "$(kubectl get events -n "$NS" -o name \
    --field-selector "involvedObject.kind=$1,involvedObject.name=model,reason=$2${3:+,type=$3}")" ]
}

# skip REASON: the scenario cannot run on this cluster; run.sh counts it as skipped, not passed.
skip() { echo "SKIPPED: $*"; exit 77; }

# has_unhealthy TEXT: a kubelet Unhealthy Event about a pod of this namespace whose message has TEXT.
has_unhealthy() {
  kubectl get events -n "$NS" --field-selector reason=Unhealthy -o jsonpath='{range .items[*]}{.message}{"\n"}{end}' \
    | grep -qF -- "$1"
}
