# Helpers for e2e/scenarios/*.sh. Sourced (with lib/env.sh and lib/operator.sh) in a subshell per scenario, with
# `set -euo pipefail`, KUBECONFIG set to the admin kubeconfig and the cluster's kubectl first on PATH.
# A scenario fails on the first failing command or `fail`; what it printed is shown with the failure.

# The one image the image-not-found kwok stage names in its Events (e2e/kwok/pod-stages.yaml), and one that pulls.
MISSING_IMAGE=123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:3f9c2e1
GOOD_IMAGE=123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/ml-model-california-housing:5b1d7a0
# Short, so Stuck comes quickly; long enough that Progressing is seen first.
STUCK_AFTER=15s

fail() { echo "FAILED: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# A namespace of the scenario's own, so scenarios do not see each other's pods and Events. A left-over one from an
# earlier run on a kept cluster (run.sh --keep) is deleted first.
use_namespace() {
  NS=$1
  kubectl delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null
  kubectl create namespace "$NS" >/dev/null
  # Pods are admitted only once the controller-manager created the namespace's default ServiceAccount.
  await 30 "default ServiceAccount in $NS" kubectl get serviceaccount default -n "$NS"
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

# inference_service NAME [IMAGE]: an InferenceService (our trimmed CRD; no KServe controller runs here).
inference_service() {
  kubectl apply -n "$NS" -f - >/dev/null <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: $1
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor:
    containers:
    - name: kserve-container
      image: ${2:-$GOOD_IMAGE}
YAML
}

# isvc_ready NAME True|False: what KServe's controller would write (none runs here).
isvc_ready() {
  local now
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  kubectl patch inferenceservice "$1" -n "$NS" --subresource=status --type=merge -p "{\"status\":{
    \"observedGeneration\": $(kubectl get inferenceservice "$1" -n "$NS" -o jsonpath='{.metadata.generation}'),
    \"conditions\":[
      {\"type\":\"PredictorReady\",\"status\":\"$2\",\"lastTransitionTime\":\"$now\"},
      {\"type\":\"Ready\",\"status\":\"$2\",\"lastTransitionTime\":\"$now\"}]}}" >/dev/null
}

# predictor ISVC [key=value...]: the predictor Deployment KServe's RawDeployment mode would create, with the labels
# the operator selects pods by. Keys: image, behavior (a kwok stage, e2e/kwok/pod-stages.yaml), memory (request
# and limit), cpu (request, default 500m), node_selector (a YAML map). The controller-manager makes the ReplicaSet
# and pods, the scheduler places them, kwok plays their kubelet.
predictor() {
  local isvc=$1; shift
  local image=$GOOD_IMAGE behavior="" memory=512Mi cpu=500m node_selector="{}" kv
  for kv in "$@"; do
    case $kv in
      image=*) image=${kv#*=} ;;
      behavior=*) behavior=${kv#*=} ;;
      memory=*) memory=${kv#*=} ;;
      cpu=*) cpu=${kv#*=} ;;
      node_selector=*) node_selector=${kv#*=} ;;
      *) fail "predictor: unknown option $kv" ;;
    esac
  done
  local behavior_label=""
  [ -z "$behavior" ] || behavior_label="e2e.deploycheck.io/behavior: $behavior"
  kubectl apply -n "$NS" -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $isvc-predictor
  labels:
    serving.kserve.io/inferenceservice: $isvc
    component: predictor
spec:
  replicas: 1
  selector:
    matchLabels:
      app: isvc.$isvc-predictor
  template:
    metadata:
      labels:
        app: isvc.$isvc-predictor
        serving.kserve.io/inferenceservice: $isvc
        component: predictor
        $behavior_label
    spec:
      nodeSelector: $node_selector
      containers:
      - name: kserve-container
        image: $image
        ports: [{containerPort: 8080, name: http1}]
        readinessProbe:
          httpGet: {path: /health, port: 8080}
          periodSeconds: 10
        resources:
          requests: {cpu: $cpu, memory: $memory}
          limits: {cpu: "1", memory: $memory}
YAML
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
