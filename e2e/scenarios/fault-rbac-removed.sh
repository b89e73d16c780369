# The operator's cluster-wide RBAC (the chart's ClusterRole and ClusterRoleBinding) deleted for 50 s while a rollout
# falls due to turn Stuck, then applied again: every status write is forbidden meanwhile and retried without limit
# (JOSDK's default once gave up after 18 s, and nothing was reconciled after the RBAC came back); /readyz is false
# from the first refused write until a write passes, with the refusal as the reason; after the restore the Stuck
# status is written within one backoff cap (30 s) and the Warning Event exactly once. The leader-election Role stays,
# so the Lease is kept and the process too.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-rbac
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 30s
await_check model Progressing ReadinessProbeFailing 90
due=$(stuck_due model)
operator=$(cat "$STATE/pids/operator")
rbac=$STATE/operator-rbac.yaml
cleanup() { kubectl apply -f "$rbac" >/dev/null || true; stop_sampling; }
trap cleanup EXIT
start_sampling

step "ClusterRoleBinding and ClusterRole deploycheck deleted 10 s before Stuck falls due, applied again 50 s later"
sleep_until $((due - 10))
mark "RBAC removed"
kubectl delete clusterrolebinding deploycheck >/dev/null
kubectl delete clusterrole deploycheck >/dev/null
sleep_until $((due + 40))
kubectl apply -f "$rbac" >/dev/null
mark "RBAC restored"
back=$(now)
await_check model Stuck ReadinessProbeFailing 60
written=$(seconds_since "$back")
echo "Stuck written ${written}s after the RBAC's return"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 35)' "$written" \
  || fail "Stuck was written ${written}s after the RBAC's return; bar 35 s (one backoff cap of 30 s, and the write)"
sleep 15
stop_sampling

step "/readyz over time, Events, the operator's process"
readyz_timeline "RBAC removed" "RBAC restored" 25 35 "writes refused: HTTP 403"
[ "$(cat "$STATE/pids/operator")" = "$operator" ] && operator_running || fail "the operator exited or was restarted"
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the DeployCheck: $(our_events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
echo "measured: Stuck written ${written}s after the RBAC's return (bar 35 s), one Warning Event (count 1) on each object"
