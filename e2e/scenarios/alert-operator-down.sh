# The shipped DeployCheckOperatorDown, live (e2e/lib/alerting.sh): the operator stops, Prometheus' scrape of it
# fails, and after the rule's `for: 5m` Alertmanager pages the webhook. Prints the time from the stop to the page.
source "$E2E_DIR/lib/alerting.sh"
alerting_start || fail "the alert pipeline did not start"
await_scraped 60

step "stop the operator"
operator_stop 30 || true  # a slow exit is operator-restart's concern; here only the page counts
stopped_at=$(date +%s)
# Up to one scrape interval (30s) for up to become 0, 5m of `for:`, up to one evaluation interval (30s), and
# Alertmanager's group_wait (30s).
page=$(await_notified 480 firing DeployCheckOperatorDown "") || exit 1
echo "$page" | jq .
[ "$(jq -r '.alert.labels.severity' <<<"$page")" = warning ] || fail "DeployCheckOperatorDown is not a warning"
runbook_link_works "$(jq -r '.alert.annotations.runbook_url' <<<"$page")" || fail "the runbook_url does not resolve"
measured "operator stopped -> DeployCheckOperatorDown at the webhook" "$(seconds_between "$stopped_at" "$(jq -r .received <<<"$page")") s"

step "start it again"
operator_start || fail "the operator did not start again"
alerting_target
await_scraped 60
no_operator_alert() { [ -z "$(firing_in "" | grep DeployCheckOperatorDown || true)" ]; }
await 90 "DeployCheckOperatorDown to stop firing" no_operator_alert
