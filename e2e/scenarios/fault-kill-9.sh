# The operator killed with SIGKILL mid-rollout (no shutdown hook, the Lease not released), restarted at once as the
# kubelet restarts a container in its pod (same pod name, so the same leader-election identity). A SIGKILL must cost
# no more than a restart: the restarted replica renews the same Lease (holder and acquireTime unchanged, no election,
# no 45 s wait for it to expire), it is ready within 30 s of the time a clean restart (SIGTERM, start) takes on this
# machine at this moment, measured first (the JVM's start-up varies that much on the shared machine), it keeps the
# rollout's start time, writes Stuck within 20 s of its falling due or of being ready, and no Event is lost or
# repeated, also across a second SIGKILL right after the transition.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-kill
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 60s
await_check model Progressing ReadinessProbeFailing 90
started=$(field model .status.rolloutStartedAt)
cleanup() { unsupervise; stop_sampling; }
trap cleanup EXIT

step "a clean restart, for the machine's current start-up time"
t0=$(now)
operator_stop
operator_start
clean=$(seconds_since "$t0")
echo "a clean restart took ${clean}s to be ready"
due=$(stuck_due model)
lease() { kubectl get lease deploycheck-operator -n "$OPERATOR_NAMESPACE" -o jsonpath='{.spec.holderIdentity} {.spec.acquireTime}'; }
held=$(lease)
supervise
start_sampling
sleep 3

step "SIGKILL, before the rollout falls due to turn Stuck"
mark "killed"
killed=$(now)
kill -9 "$(cat "$STATE/pids/operator")"
await 300 "the operator to be restarted and ready" operator_ready
ready=$(seconds_since "$killed")
ready_at=$(now)
await_check model Stuck ReadinessProbeFailing 120
late=$(python3 -c 'import sys, time; print(f"{time.time() - max(float(sys.argv[1]), float(sys.argv[2])):.1f}")' \
  "$due" "$ready_at")
echo "ready ${ready}s after the SIGKILL; Stuck written ${late}s after it fell due or the operator was ready"
[ "$(lease)" = "$held" ] || fail "the Lease changed hands across the SIGKILL: $held, then $(lease)"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]) + 30)' "$ready" "$clean" \
  || fail "ready ${ready}s after the SIGKILL, a clean restart took ${clean}s; bar: 30 s more"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 20)' "$late" || fail "Stuck ${late}s late; bar 20 s"
[ "$(field model .status.rolloutStartedAt)" = "$started" ] || fail "rolloutStartedAt changed across the kill"
sleep 5
stop_sampling
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the DeployCheck: $(our_events_about DeployCheck model)"

step "SIGKILL again once Stuck is written"
kill -9 "$(cat "$STATE/pids/operator")"
killed=$(now)
await 300 "the operator to be restarted and ready" operator_ready
again=$(seconds_since "$killed")
# Ready means the informers are synced and this replica leads: what it meant to write about the check is written.
sleep 5
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "an Event was repeated or lost: $(our_events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
[ "$(exits)" = 2 ] || fail "the operator exited $(exits) times; it was killed twice"
readyz_timeline killed killed - $((${clean%.*} + 31)) "-"
echo "measured: ready ${ready}s and ${again}s after two SIGKILLs (a clean restart: ${clean}s; bar +30 s), the same Lease renewed; Stuck ${late}s after it fell due or the operator was ready (bar 20 s); one Warning Event (count 1) on each object"
