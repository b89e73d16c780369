# `deploycheck wait` against the cluster, as a CD pipeline runs it: exit 0 on a Ready rollout whose health endpoint
# answers through the API server's pod proxy, exit 1 when that endpoint is wrong, exit 1 with the diagnosis on a
# stuck rollout.
# picocli answers an unknown command followed by --help with the top-level usage and exit 0: look for wait's own.
usage=$(java -jar "$JAR" wait --help 2>&1) || true
[[ $usage == "Usage: deploycheck wait"* ]] || fail "target/deploycheck.jar has no wait command: 'deploycheck wait --help' printed:
$usage"
use_namespace e2e-wait
isvc model

# wait_for NAME ARGS...: runs deploycheck wait on InferenceService NAME; sets output and code.
wait_for() {
  local name=$1; shift
  set +e
  output=$(java -jar "$JAR" wait -n "$NS" --inference-service "$name" --timeout 90s --stuck-after "$STUCK_AFTER" "$@" 2>&1)
  code=$?
  set -e
  echo "$output"
}

step "deploycheck wait --health-path /health on a healthy rollout"
wait_for model --health-path /health
[ $code -eq 0 ] || fail "exit code $code, expected 0"
pod=$(pod_of model)
# The model server's answer, from the pod on the real node, through the API server's pod proxy.
contains "$output" "GET /health on pod $pod:8080 through the API server's pod proxy: HTTP 200" "deploycheck wait's output"
contains "$output" '{"model_loaded":true,"status":"healthy"}' "deploycheck wait's output"
contains "$output" "model_loaded: true" "deploycheck wait's output"

step "deploycheck wait --health-path on a path the model server does not serve"
wait_for model --health-path /healthz
[ $code -eq 1 ] || fail "exit code $code, expected 1"
contains "$output" "GET /healthz on pod $pod:8080 through the API server's pod proxy: HTTP 404" "deploycheck wait's output"
contains "$output" '{"detail":"Not Found"}' "deploycheck wait's output"
# Only this request asks /healthz (the kubelet's probe asks /health): the model server saw it.
contains "$(kubectl logs -n "$NS" "$pod" -c kserve-container)" '"GET /healthz HTTP/1.1" 404 Not Found' \
  "the model server's log"

isvc broken image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9"
step "deploycheck wait on a missing tag"
wait_for broken
[ $code -eq 1 ] || fail "exit code $code, expected 1"
contains "$output" "ImageNotFound" "deploycheck wait's output"
