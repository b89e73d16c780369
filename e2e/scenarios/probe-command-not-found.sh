# The guide's problem 3 on a real node: an exec readiness probe calls curl, which the image does not have. The
# pod runs, is never Ready and never restarts (an errored probe is neither success nor failure): the kubelet says
# `exec: "curl": executable file not found in $PATH`, which is ProbeCommandNotFound, definitive.
use_namespace e2e-probe-command
isvc model probe='readinessProbe: {exec: {command: [curl, -f, "http://localhost:8080/health"]}, periodSeconds: 2}'
deploycheck model model 5m

await_check model Stuck ProbeCommandNotFound 60
contains "$(field model .status.message)" 'exec: "curl": executable file not found in $PATH' "status.message"
contains "$(field model .status.hint)" "curl" "status.hint"
[ "$(field model .status.guideProblem)" = 3 ] || fail "guideProblem is not 3"
pod=$(pod_of model)
[ "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.status.phase}')" = Running ] || fail "the pod is not Running"
[ "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.status.containerStatuses[0].ready}')" = false ] \
  || fail "the container is ready"
[ "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.status.containerStatuses[0].restartCount}')" = 0 ] \
  || fail "the container restarted"
