# The guide's 256Mi model server, OOM-killed for real: the model server allocates 400 MiB under a 256Mi limit, the
# kernel kills it (exit 137, reason OOMKilled). Definitive, and the hint names the limit and the guide's 512Mi.
use_namespace e2e-oom
isvc model memory=256Mi env=TESTSRV_ALLOC_MB=400
deploycheck model model 5m

await_check model Stuck OOMKilled 90
contains "$(field model .status.message)" "256Mi" "status.message"
contains "$(field model .status.hint)" "512Mi" "status.hint"
pod=$(pod_of model)
terminated=$(kubectl get pod "$pod" -n "$NS" \
  -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason}/{.status.containerStatuses[0].lastState.terminated.exitCode}')
[ "$terminated" = OOMKilled/137 ] || fail "the container's last termination is $terminated"
