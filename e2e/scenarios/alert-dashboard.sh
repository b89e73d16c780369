# Every panel query of the Grafana dashboard (deploy/grafana/deploycheck.json) draws data on the live Prometheus of
# e2e/lib/alerting.sh, checked through Prometheus' query API by e2e/lib/dashboard_check.py. The scenario makes the
# data, on the real node: a rollout that turns Ready (time to Ready), one Stuck on a real OOM kill (the model server
# allocates 400 MiB under a 256Mi limit; stuck panels, diagnoses), and
# reconcile errors, by taking the operator's permission to write DeployCheck status away for a moment (as a broken
# RBAC change would) and giving it back.
source "$E2E_DIR/lib/alerting.sh"
alerting_start || fail "the alert pipeline did not start"
await_scraped 60
from=$(($(date +%s) - 60))

use_namespace e2e-alert-dashboard
isvc ready
deploycheck ready ready
isvc oom memory=256Mi env=TESTSRV_ALLOC_MB=400
deploycheck oom oom
await_check ready Ready Ready 90
await_check oom Stuck OOMKilled 90
# Rates need two samples: the histograms and counters appear with the operator's first reconciliations, so let
# Prometheus scrape them once before the next round of activity changes them.
scraped_series() {
  [ "$(prom_query 'count(operator_sdk_controllers_execution_reconcile_seconds_count) + count(deploycheck_rollout_duration_seconds_count) + count(deploycheck_detection_latency_seconds_count)' | jq length)" -gt 0 ]
}
await 60 "Prometheus to scrape the first reconciliations" scraped_series

step "reconcile errors: no permission to write DeployCheck status"
role=$(kubectl get -f "$STATE/operator-rbac.yaml" -o jsonpath='{range .items[?(@.kind=="ClusterRole")]}{.metadata.name}{"\n"}{end}' \
  | while read -r name; do
      if kubectl get clusterrole "$name" -o json \
        | jq -e 'any(.rules[]; (.resources | index("deploychecks/status")) and (.verbs | index("patch")))' >/dev/null; then
        echo "$name"
      fi
    done)
[ -n "$role" ] || fail "no ClusterRole of the chart grants deploychecks/status"
restore() { kubectl apply -f "$STATE/operator-rbac.yaml" >/dev/null; }
trap restore EXIT
kubectl get clusterrole "$role" -o json | jq 'del(.rules[] | select(.resources | index("deploychecks/status")))' \
  | kubectl replace -f - >/dev/null
isvc denied
deploycheck denied denied
failures() { metrics | grep -E '^operator_sdk_reconciliations_failed_total\{.*group="deploycheck.io"' | grep -vE ' 0\.0$'; }
await 60 "a failed reconciliation in the operator's /metrics" failures
failures
restore
trap - EXIT
await_check denied Ready Ready 120

step "every panel query returns data"
# Two more scrapes, so rates over the last changes have two samples.
sleep 65
# Registry calls: the e2e operator runs with --verify-registry false (no AWS), so it makes no ECR call.
check() { python3 "$E2E_DIR/lib/dashboard_check.py" "$REPO_DIR/deploy/grafana/deploycheck.json" "$(prometheus_url)" "$from" \
  --may-be-empty "Registry calls"; }
deadline=$((SECONDS + 120))
until out=$(check); do
  [ $SECONDS -lt $deadline ] || { echo "$out"; fail "dashboard panels without data"; }
  sleep 15
done
echo "$out"
contains "$out" "e2e-alert-dashboard" "the namespace variable's values"
kubectl delete namespace "$NS" --wait=false >/dev/null
