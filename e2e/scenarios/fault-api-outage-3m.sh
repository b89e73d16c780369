# The kube-apiserver stopped for 3 minutes (connections refused, watches closed), then started again with the same
# flags. The leader gives its Lease up after the renew deadline (40 s) and exits: the documented contract
# (docs/metrics.md), since JOSDK cannot rejoin an election in-process. A stand-in for the kubelet restarts it at
# once; the restarted replica must wait for the API server without exiting again (it once exited four times and was
# ready two minutes after the API's return). /readyz is false throughout the outage (503 with the reason, or no
# answer while the process restarts) and true within 10 s more than a clean restart takes on this machine at this
# moment (measured first; the replica starts its informers only once the API answers); it then reconciles a change,
# and the Event written before the outage is not repeated (it once was: JOSDK gave up waiting for its informers
# during the outage and reconciled on empty caches once the API was back).
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-outage
isvc model
deploycheck model model
await_check model Ready Ready 90
t0=$(now)
operator_stop
operator_start
clean=$(seconds_since "$t0")
echo "a clean restart took ${clean}s to be ready"
cleanup() { restore_component kube-apiserver; unsupervise; stop_sampling; await_controllers; }
trap cleanup EXIT
supervise
start_sampling
sleep 3

step "kube-apiserver stopped for 180 s"
mark "API server stopped"
stop_component kube-apiserver
sleep 180
start_component kube-apiserver
# Its own start-up (etcd, caches, CRDs) is not the operator's: the bar counts from the moment it answers.
await 180 "the API server to answer" api_up
mark "API server back"
back=$(now)
await 60 "the operator to be ready" operator_ready
ready=$(seconds_since "$back")
deploycheck model2 model
# After three minutes without an API server the real node may go NotReady, and its pods with it (or be replaced):
# the rollout is truly not Ready until the kubelet reports them Ready again, which took up to 81 s. The operator is
# judged from then on.
pods_ready() {
  local selector=serving.kserve.io/inferenceservice=model total ready
  total=$(kubectl get pods -n "$NS" -l "$selector" -o name | wc -l)
  ready=$(kubectl get pods -n "$NS" -l "$selector" \
    -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$')
  [ "$total" -gt 0 ] && [ "$ready" = "$total" ]
}
await 180 "the predictor pods to be Ready again" pods_ready
pods_back=$(seconds_since "$back")
await_check model2 Ready Ready 60
reconciled=$(seconds_since "$back")
sleep 10
stop_sampling
unsupervise

step "/readyz over time, exits, Events"
readyz_timeline "API server stopped" "API server back" 25 $((${clean%.*} + 10)) "API server unreachable"
echo "the operator exited $(exits) times:"
while read -r at; do echo "  $(python3 -c 'import sys; print(f"{float(sys.argv[1]) - float(sys.argv[2]):.0f}")' "$at" \
  "$(awk '$2 == "mark" && $3 == "API" && $5 == "stopped" {print $1}' "$FAULTS/readyz")")s after the API server stopped"
done <"$FAULTS/exits"
[ "$(exits)" -le 1 ] || fail "the operator exited $(exits) times; the bar is once (the lost Lease)"
# A 3-minute outage can outlast the node's grace period: when the API server is back, the node lifecycle controller
# may mark the real node NotReady (Event NodeNotReady on the pod) before kubelet renews its lease, and the pod is then
# truly not Ready for a while. The operator reporting that rollout Ready again is then a real transition, not a
# repeat: one more RolloutReady is allowed for it, and only for it.
ready_events=1
if kubectl get events -n "$NS" --field-selector reason=NodeNotReady -o name | grep -q .; then
  ready_events=2
  echo "measured: the real node went NotReady after the outage (Event NodeNotReady), so the rollout left Ready and came back"
fi
[ "$(events_about DeployCheck model)" = "Normal RolloutReady $ready_events" ] \
  || fail "the Events on the DeployCheck: $(events_about DeployCheck model) (expected RolloutReady $ready_events)"
[ "$(events_about DeployCheck model2)" = "Normal RolloutReady 1" ] \
  || fail "the Events on the DeployCheck model2: $(events_about DeployCheck model2)"
echo "measured: $(exits) exit(s) in a 180 s outage (bar 1); ready ${ready}s (a clean restart: ${clean}s; bar +10 s) and a new DeployCheck Ready ${reconciled}s after the API server's return (its pods Ready again after ${pods_back}s)"
