# The CRD stays (Helm keeps it) but the operator is stopped: deploycheck wait must not wait blind until its timeout.
# It notices that no status comes for this rollout within its 10 s grace, says so, and diagnoses in-process with the
# same engine: a problem that waiting might fix is Stuck within stuckAfter + 15 s of the start of the wait. The
# problem: a model server whose /health answers 503 on the real node, the kubelet's readiness probe failing.
use_namespace e2e-wait-stopped
operator_stop 30
isvc model env=TESTSRV_MODEL_LOADED=false
# The wait starts once the kubelet reports the failing probe, so the time below is the wait's, not the pod's start.
await 90 "the kubelet's failing readiness probe" has_unhealthy "statuscode: 503"
step "deploycheck wait with the operator stopped"
started=$SECONDS
set +e
output=$(java -jar "$JAR" wait -n "$NS" --inference-service model --stuck-after "$STUCK_AFTER" --timeout 3m 2>&1)
code=$?
set -e
took=$((SECONDS - started))
echo "$output"
echo "took ${took}s"
operator_start
[ $code -eq 1 ] || fail "exit code $code, expected 1"
contains "$output" "the deploycheck operator wrote no status for this rollout within 10s"
contains "$output" "diagnosing in-process from now on"
contains "$output" "Result:   Stuck (ReadinessProbeFailing)"
[ "$took" -le $(( ${STUCK_AFTER%s} + 15 )) ] || fail "took ${took}s, more than stuckAfter ($STUCK_AFTER) + 15s"
kubectl delete namespace "$NS" --wait=false >/dev/null
