# One bad image, one page (docs/metrics.md, "Paging"): 20 InferenceServices in 4 namespaces all point at a tag that
# was never pushed, each pod's pull failing on the real node ("not found"; 64Mi each, so the node stays light). Each DeployCheck goes Stuck (ImageNotFound) and each fires InferenceServiceRolloutStuck, but
# Alertmanager, routed by deploy/alerts/alertmanager-route.yaml (group_by cluster, alertname, reason), sends them as
# one notification group. Deleting them resolves all 20 and leaves no firing alert.
source "$E2E_DIR/lib/alerting.sh"
alerting_start || fail "the alert pipeline did not start"
await_scraped 60

missing=$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9
namespaces=(e2e-alert-group-a e2e-alert-group-b e2e-alert-group-c e2e-alert-group-d)
for ns in "${namespaces[@]}"; do
  use_namespace "$ns"
  for i in 1 2 3 4 5; do
    isvc "model-$i" image="$missing" memory=64Mi
    deploycheck "model-$i" "model-$i" 5m
  done
done
created_at=$(date +%s)
for ns in "${namespaces[@]}"; do
  for i in 1 2 3 4 5; do NS=$ns await_check "model-$i" Stuck ImageNotFound 120; done
done

# The firing InferenceServiceRolloutStuck alerts of these namespaces in the notifications so far, one line each:
# "groupKey<TAB>namespace/deploycheck" (a groupKey has spaces).
paged() {
  jq -r -n --argjson since "$ALERT_SINCE" 'inputs | select(.received >= $since) | .notification.groupKey as $key
    | .notification.alerts[] | select(.status == "firing" and .labels.alertname == "InferenceServiceRolloutStuck"
      and ((.labels.namespace // "") | startswith("e2e-alert-group-")))
    | "\($key)\t\(.labels.namespace)/\(.labels.deploycheck)"' "$ALERT_NOTIFICATIONS" | sort -u
}
all_paged() { [ "$(paged | cut -f2 | sort -u | wc -l)" -eq 20 ]; }
# `for: 2m` after the first evaluation that sees each one, group_wait 30s; a straggler that missed the first
# notification comes with the group's next one, group_interval (5m) later.
await 600 "all 20 rollouts in notifications" all_paged
paged
[ "$(paged | cut -f1 | sort -u | wc -l)" -eq 1 ] || fail "the 20 stuck rollouts came in more than one notification group"
notifications=$(jq -r -n --argjson since "$ALERT_SINCE" '[inputs | select(.received >= $since)
  | select(any(.notification.alerts[]; .status == "firing" and ((.labels.namespace // "") | startswith("e2e-alert-group-"))))
  | (.notification.alerts | map(select((.labels.namespace // "") | startswith("e2e-alert-group-"))) | length)] | map(tostring) | join(",")' \
  "$ALERT_NOTIFICATIONS")
measured "20 stuck rollouts, one image: notification group(s)" "1 (alerts per notification: $notifications)"
measured "created -> all 20 paged" "$(( $(date +%s) - created_at )) s"

step "delete them: every alert resolves"
for ns in "${namespaces[@]}"; do kubectl delete deploychecks --all -n "$ns" --wait=true >/dev/null; done
resolved_all() {
  [ "$(jq -r -n --argjson since "$ALERT_SINCE" 'inputs | select(.received >= $since) | .notification.alerts[]
    | select(.status == "resolved" and ((.labels.namespace // "") | startswith("e2e-alert-group-")))
    | "\(.labels.namespace)/\(.labels.deploycheck)"' "$ALERT_NOTIFICATIONS" | sort -u | wc -l)" -eq 20 ]
}
await 420 "20 resolved alerts at the webhook" resolved_all
for ns in "${namespaces[@]}"; do
  [ -z "$(firing_in "$ns")" ] || fail "alerts still active in $ns: $(firing_in "$ns")"
  kubectl delete namespace "$ns" --wait=false >/dev/null
done
