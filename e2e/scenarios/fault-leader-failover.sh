# Two replicas with leader election: the leader killed with SIGKILL (a lost node: nothing restarts it, the Lease is
# not released), the standby takes the Lease once it has expired: at most the lease duration (45 s) after the
# leader's last renewal, plus one retry period (5 s, with jitter): 55 s after the kill at the outside. It then
# reconciles a DeployCheck created right after the kill, and does not repeat the Event the old leader wrote.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-failover
isvc model
deploycheck model model
await_check model Ready Ready 90
cleanup() {
  operator_stop 30 standby || true
  operator_running || operator_start
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
took=$(seconds_since "$killed")
await_check model2 Ready Ready 60
reconciled=$(seconds_since "$killed")
echo "Lease taken ${took}s after the kill, the new DeployCheck Ready ${reconciled}s after it"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 55)' "$took" || fail "failover took ${took}s; bar 55 s"
operator_ready standby || fail "the new leader's /readyz is not 200"
sleep 5
[ "$(events_about DeployCheck model)" = "Normal RolloutReady 1" ] \
  || fail "the Events on the DeployCheck: $(events_about DeployCheck model)"
[ "$(events_about DeployCheck model2)" = "Normal RolloutReady 1" ] \
  || fail "the Events on the DeployCheck model2: $(events_about DeployCheck model2)"
echo "measured: the standby took the Lease ${took}s after the leader's SIGKILL (bar 55 s) and reconciled a new DeployCheck ${reconciled}s after it"
