# etcd stopped for 30 s and started again while a rollout falls due to turn Stuck: the operator's timer fires during
# the outage, its status write fails (the API server cannot reach its storage) and is retried; once etcd is back the
# write passes within one backoff cap (30 s), the Warning Event is written once, and /readyz is false while writes
# fail (with the API server's answer as the reason) and true again right after. The operator keeps its process and
# its Lease (renew deadline 40 s).
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-etcd
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 40s
await_check model Progressing ReadinessProbeFailing 90
due=$(stuck_due model)
operator=$(cat "$STATE/pids/operator")
cleanup() { restore_component etcd; stop_sampling; await_controllers; }
trap cleanup EXIT
start_sampling

step "etcd stopped 10 s before the Stuck transition falls due, started 20 s after"
sleep_until $((due - 10))
mark "etcd stopped"
stop_component etcd
sleep_until $((due + 20))
start_component etcd
mark "etcd started"
back=$(now)
await_check model Stuck ReadinessProbeFailing 60
written=$(seconds_since "$back")
echo "Stuck written ${written}s after etcd's return"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 35)' "$written" \
  || fail "Stuck was written ${written}s after etcd's return; bar 35 s (one backoff cap of 30 s, and the write)"
await 60 "the API server to be ready again" api_up
sleep 15
stop_sampling

step "/readyz over time, Events, the operator's process"
# The premise: the status write did fail during the outage (the API server's own account of it).
grep -F 'method="PATCH" path="/apis/deploycheck.io/v1alpha1/namespaces/'"$NS"'/deploychecks/model/status"' \
  "$STATE/logs/kube-apiserver.log" | grep -qF 'Post-timeout activity' \
  || fail "the API server logged no timed-out status write of $NS/model: the outage missed the transition"
readyz_timeline "etcd stopped" "etcd started" 25 35 "API server"
[ "$(cat "$STATE/pids/operator")" = "$operator" ] && operator_running || fail "the operator exited or was restarted"
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the DeployCheck: $(our_events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
echo "measured: Stuck written ${written}s after etcd's return (bar 35 s), one Warning Event (count 1) on each object"
