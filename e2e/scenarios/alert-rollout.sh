# The shipped alerts, live (e2e/lib/alerting.sh): a real Prometheus scrapes the operator as the chart's
# ServiceMonitor says, evaluates deploy/alerts/deploycheck-rules.yaml with the shipped `for:`, and a real
# Alertmanager routed by deploy/alerts/alertmanager-route.yaml pages a local webhook. Three rollouts at once, so the
# waits overlap:
#   stuck:    a missing tag (ImageNotFound, definitive) pages InferenceServiceRolloutStuck with the rollout's labels,
#             a summary naming the reason and a runbook link that resolves; the fix sends `resolved`;
#   failed:   the same failure with progressDeadline 4m escalates to InferenceServiceRolloutFailed (critical);
#   deleted:  a paged rollout whose DeployCheck is deleted leaves no firing alert.
# Prints the time from the evidence (the pod's Ready condition turning False) to the page at the webhook.
source "$E2E_DIR/lib/alerting.sh"
alerting_start || fail "the alert pipeline did not start"
await_scraped 60

# A tag that was never pushed: the real node's pull fails with "not found" (ImageNotFound).
missing=$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9
for ns in e2e-alert-stuck e2e-alert-failed e2e-alert-deleted; do
  use_namespace "$ns"
  isvc model image="$missing"
done
NS=e2e-alert-stuck; deploycheck model model 5m
NS=e2e-alert-failed; deploycheck model model 1m 4m  # stuckAfter must be shorter than progressDeadline
NS=e2e-alert-deleted; deploycheck model model 5m
for NS in e2e-alert-stuck e2e-alert-failed e2e-alert-deleted; do await_check model Stuck ImageNotFound 90; done

step "stuck: InferenceServiceRolloutStuck reaches the webhook"
NS=e2e-alert-stuck
# The evidence: the real kubelet's first Warning Failed Event about the pod's image pull.
evidence=$(epoch "$(kubectl get events -n "$NS" \
  --field-selector "involvedObject.kind=Pod,involvedObject.name=$(pod_of model),reason=Failed" \
  -o jsonpath='{.items[0].firstTimestamp}')")
page=$(await_notified 300 firing InferenceServiceRolloutStuck "$NS" model) || exit 1
echo "$page" | jq .
labels=$(jq -c '.alert.labels' <<<"$page")
for pair in namespace=e2e-alert-stuck deploycheck=model inferenceservice=model reason=ImageNotFound \
  category=ImagePull severity=warning; do
  [ "$(jq -r --arg k "${pair%%=*}" '.[$k]' <<<"$labels")" = "${pair#*=}" ] || fail "label ${pair%%=*} is not ${pair#*=}: $labels"
done
contains "$(jq -r '.alert.annotations.summary' <<<"$page")" "ImageNotFound" "the summary"
contains "$(jq -r '.alert.annotations.description' <<<"$page")" "kubectl describe deploycheck model -n $NS" "the description"
runbook_link_works "$(jq -r '.alert.annotations.runbook_url' <<<"$page")" || fail "the runbook_url does not resolve"
since=$(epoch "$(field model .status.since)")
received=$(jq -r '.received' <<<"$page")
measured "evidence -> DeployCheck Stuck (status.since, 1 s resolution)" "$((since - evidence)) s"
measured "evidence -> InferenceServiceRolloutStuck at the webhook" "$(seconds_between "$evidence" "$received") s"

step "deleted: the DeployCheck goes, the alert with it"
NS=e2e-alert-deleted
# Usually in the same notification; one that missed its group_wait comes with the next, group_interval later.
await_notified 360 firing InferenceServiceRolloutStuck "$NS" model >/dev/null
kubectl delete deploycheck model -n "$NS" --wait=true >/dev/null
deleted_at=$(date +%s)

step "stuck: the fix (a tag that exists) resolves it"
NS=e2e-alert-stuck
isvc model
await_check model Ready Ready 120
fixed_at=$(date +%s)

no_alert() { [ -z "$(firing_in "$1")" ]; }
# The rule is evaluated every 30s after the series went stale; Alertmanager marks it resolved at once.
await 120 "no pending or firing alert for the deleted DeployCheck" no_alert e2e-alert-deleted
await 120 "no pending or firing alert for the fixed rollout" no_alert e2e-alert-stuck

step "failed: progressDeadline passes, InferenceServiceRolloutFailed (critical) takes over"
NS=e2e-alert-failed
await_check model Failed ImageNotFound 240
critical=$(await_notified 240 firing InferenceServiceRolloutFailed "$NS" model) || exit 1
echo "$critical" | jq .
[ "$(jq -r '.alert.labels.severity' <<<"$critical")" = critical ] || fail "InferenceServiceRolloutFailed is not critical"
[ "$(jq -r '.alert.labels.reason' <<<"$critical")" = ImageNotFound ] || fail "the Failed alert lost the reason"
contains "$(jq -r '.alert.annotations.summary' <<<"$critical")" "ImageNotFound" "the summary"
runbook_link_works "$(jq -r '.alert.annotations.runbook_url' <<<"$critical")" || fail "the runbook_url does not resolve"
# The deadline is due at rolloutStartedAt + progressDeadline (the operator schedules the transition for that moment).
failed_at=$(($(epoch "$(field model .status.rolloutStartedAt)") + 240))
measured "progressDeadline passed -> InferenceServiceRolloutFailed at the webhook" "$(seconds_between "$failed_at" "$(jq -r .received <<<"$critical")") s"
# While Failed, the warning is no longer pending or firing: the critical alert replaced it.
[ -z "$(firing_in "$NS" | grep InferenceServiceRolloutStuck || true)" ] || fail "InferenceServiceRolloutStuck still active: $(firing_in "$NS")"

step "resolved notifications (sent with the group's next update, group_interval 5m)"
resolved=$(await_notified 360 resolved InferenceServiceRolloutStuck e2e-alert-stuck model) || exit 1
measured "fix -> resolved at the webhook" "$(seconds_between "$fixed_at" "$(jq -r .received <<<"$resolved")") s"
resolved=$(await_notified 60 resolved InferenceServiceRolloutStuck e2e-alert-deleted model) || exit 1
measured "DeployCheck deleted -> resolved at the webhook" "$(seconds_between "$deleted_at" "$(jq -r .received <<<"$resolved")") s"
[ -z "$(firing_in e2e-alert-deleted)" ] || fail "an alert of the deleted DeployCheck is active: $(firing_in e2e-alert-deleted)"

# Leave nothing firing (and no pod on the real node) for the scenarios after this one.
for ns in e2e-alert-stuck e2e-alert-failed e2e-alert-deleted; do kubectl delete namespace "$ns" --wait=false >/dev/null; done
