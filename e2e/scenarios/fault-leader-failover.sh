# Two replicas with leader election: the leader killed with SIGKILL (a lost node: nothing restarts it, the Lease is
# not released). The standby takes the Lease once it has expired: at most the lease duration (45 s) after the
# leader's last renewal, which came before the kill, plus one retry period of the standby (5 s, up to 6 s with
# fabric8's jitter): the bar is 52 s from the kill to the new holder's acquireTime (the Lease's own record, so the
# time kubectl takes to look is not counted). 45 s is DeployCheckOperator's choice: a leader rides out a 40 s API
# outage instead of exiting; a container restarted in its pod keeps its identity and takes the Lease back at once
# (fault-kill-9), so the full 45 s are paid only when a node is lost. The new leader then reconciles a DeployCheck
# created right after the kill and does not repeat the Event the old leader wrote.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-failover
isvc model
deploycheck model model
await_check model Ready Ready 90
# What the old leader wrote until now (a slow KServe may have made it say PodsNotCreated before Ready): the new leader
# must not add to it.
events_before=$(events_about DeployCheck model)
cleanup() {
  operator_stop 30 standby || true
  operator_running || operator_start
  # Leave the operator leading, as the scenario found it (the standby hands the Lease back as it stops).
  operator_leads 60 || fail "the operator does not lead again"
}
trap cleanup EXIT
operator_start standby
leader=$(lease_holder)
echo "Lease held by $leader; standby deploycheck-e2e-standby ready"
[ "$leader" = deploycheck-e2e-operator ] || fail "the Lease is held by '$leader', not the first replica"

step "the leader killed"
kill -9 "$(cat "$STATE/pids/operator")"
killed=$(now)
deploycheck model2 model
await 90 "the standby to take the Lease" eval '[ "$(lease_holder)" = deploycheck-e2e-standby ]'
acquired=$(date -d "$(kubectl get lease deploycheck-operator -n "$OPERATOR_NAMESPACE" -o jsonpath='{.spec.acquireTime}')" +%s.%N)
took=$(python3 -c 'import sys; print(f"{float(sys.argv[1]) - float(sys.argv[2]):.1f}")' "$acquired" "$killed")
await_check model2 Ready Ready 60
reconciled=$(seconds_since "$killed")
echo "Lease taken ${took}s after the kill, the new DeployCheck Ready ${reconciled}s after it"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 52)' "$took" || fail "failover took ${took}s; bar 52 s"
operator_ready standby || fail "the new leader's /readyz is not 200"
sleep 5
[ "$(events_about DeployCheck model)" = "$events_before" ] \
  || fail "the Events on the DeployCheck changed across the failover: before:
$events_before
after:
$(events_about DeployCheck model)"
[ "$(events_about DeployCheck model2)" = "Normal RolloutReady 1" ] \
  || fail "the Events on the DeployCheck model2: $(events_about DeployCheck model2)"
echo "measured: the standby took the Lease ${took}s after the leader's SIGKILL (bar 52 s) and reconciled a new DeployCheck ${reconciled}s after it"
