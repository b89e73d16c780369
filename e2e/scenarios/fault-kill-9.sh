# The operator killed with SIGKILL mid-rollout (no shutdown hook, the Lease not released), restarted at once as the
# kubelet restarts a container in its pod (same pod name, so the same leader-election identity): it is ready again
# within 20 s of the kill, the rollout keeps its start time and turns Stuck on time (within 10 s of stuckAfter),
# and no Event is lost or repeated, also across a second SIGKILL right after the transition.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-kill
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 30s
await_check model Progressing ReadinessProbeFailing 90
started=$(field model .status.rolloutStartedAt)
due=$(stuck_due model)
cleanup() { unsupervise; stop_sampling; }
trap cleanup EXIT
supervise
start_sampling

step "SIGKILL 15 s before the rollout falls due to turn Stuck"
sleep_until $((due - 15))
mark "killed"
kill -9 "$(cat "$STATE/pids/operator")"
await 30 "the operator to be restarted" operator_running
await_check model Stuck ReadinessProbeFailing 60
late=$(seconds_since "$due")
echo "Stuck written ${late}s after it fell due"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 10)' "$late" || fail "Stuck ${late}s late; bar 10 s"
[ "$(field model .status.rolloutStartedAt)" = "$started" ] || fail "rolloutStartedAt changed across the kill"
sleep 5
stop_sampling
readyz_timeline killed killed - 20 "-"
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the DeployCheck: $(our_events_about DeployCheck model)"

step "SIGKILL again once Stuck is written"
kill -9 "$(cat "$STATE/pids/operator")"
killed=$(now)
await 60 "the operator to be restarted and ready" operator_ready
ready=$(seconds_since "$killed")
# Ready means the informers are synced and this replica leads: what it meant to write about the check is written.
sleep 5
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "an Event was repeated or lost: $(our_events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
[ "$(exits)" = 2 ] || fail "the operator exited $(exits) times; it was killed twice"
echo "measured: Stuck ${late}s after it fell due (bar 10 s) across a SIGKILL 15 s before; ready ${ready}s after a second SIGKILL; one Warning Event (count 1) on each object"
