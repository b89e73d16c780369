# The operator's ServiceAccount token revoked (the ServiceAccount deleted and created again, as an uninstall and
# reinstall does: every token bound to the old one is rejected) for 25 s while a rollout falls due to turn Stuck,
# then renewed (a new token in the operator's kubeconfig, as the kubelet rewrites a projected token file): /readyz is
# false with the 401 as the reason while every request is rejected; the client reads the new token without a
# restart, the Stuck status is written within one backoff cap (30 s) of the renewal and the Warning Event once. The
# outage is shorter than the Lease's renew deadline (40 s), so the process and its Lease are kept.
source "$E2E_DIR/lib/faults.sh"
use_namespace e2e-fault-token
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 30s
await_check model Progressing ReadinessProbeFailing 90
due=$(stuck_due model)
operator=$(cat "$STATE/pids/operator")
cleanup() { kubectl apply -f "$STATE/operator-rbac.yaml" >/dev/null && operator_token || true; stop_sampling; }
trap cleanup EXIT
start_sampling

step "ServiceAccount deploycheck deleted and created again 10 s before Stuck falls due; a new token 25 s later"
sleep_until $((due - 10))
mark "token revoked"
kubectl delete serviceaccount deploycheck -n "$OPERATOR_NAMESPACE" >/dev/null
kubectl apply -f "$STATE/operator-rbac.yaml" >/dev/null
sleep_until $((due + 15))
operator_token
mark "token renewed"
back=$(now)
await_check model Stuck ReadinessProbeFailing 60
written=$(seconds_since "$back")
echo "Stuck written ${written}s after the new token"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) > 35)' "$written" \
  || fail "Stuck was written ${written}s after the new token; bar 35 s (one backoff cap of 30 s, and the write)"
sleep 15
stop_sampling

step "/readyz over time, Events, the operator's process"
readyz_timeline "token revoked" "token renewed" 15 35 "writes refused: HTTP 401"
[ "$(cat "$STATE/pids/operator")" = "$operator" ] && operator_running || fail "the operator exited or was restarted"
[ "$(our_events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the DeployCheck: $(our_events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
echo "measured: Stuck written ${written}s after the new token (bar 35 s), one Warning Event (count 1) on each object"
