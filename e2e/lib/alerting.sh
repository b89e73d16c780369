# The live alert pipeline of the e2e, for the alert-* scenarios (docs/testing.md, "Alerts, live"). Sourced after
# lib/env.sh and lib/operator.sh.
#
# Prometheus and Alertmanager from Debian's packages (installed when missing) on free loopback ports: Prometheus
# scrapes the operator as the chart's ServiceMonitor would have the Prometheus Operator do it, evaluates
# deploy/alerts/deploycheck-rules.yaml and sends to Alertmanager, routed by deploy/alerts/alertmanager-route.yaml to
# a local webhook (lib/webhook.py) that writes every notification to $ALERT_NOTIFICATIONS. lib/alerting_config.py
# writes both configurations from those files. Started afresh by each scenario that needs it, stopped by the next
# one or by cluster.sh down.
ALERTING_DIR=$STATE/alerting
ALERT_NOTIFICATIONS=$ALERTING_DIR/notifications.jsonl

alerting_install() {
  local missing=()
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# alerting_start: starts a fresh pipeline for the calling scenario (stopping the one an earlier scenario left):
# Prometheus re-sends resolved alerts for 15 minutes, which keeps an earlier scenario's Alertmanager group with the
# same labels alive, and a new alert joining it waits for the group's next group_interval tick instead of
# group_wait; the times measured would depend on the order of the scenarios (the first full run showed it).
# Later notified/await_notified calls look only at notifications from now on.
alerting_start() {
  ALERT_SINCE=$(date +%s)
  alerting_stop
  rm -rf "$ALERTING_DIR"
  alerting_install
  mkdir -p "$ALERTING_DIR" "$STATE/pids" "$STATE/logs"
  local ports
  mapfile -t ports < <(python3 "$E2E_DIR/lib/freeport.py" 3)
  echo "${ports[0]}" >"$ALERTING_DIR/prometheus.port"
  echo "${ports[1]}" >"$ALERTING_DIR/alertmanager.port"
  python3 "$E2E_DIR/lib/alerting_config.py" "$REPO_DIR" "$ALERTING_DIR" "${ports[1]}" "${ports[2]}"
  alerting_target
  : >>"$ALERT_NOTIFICATIONS"

  python3 "$E2E_DIR/lib/webhook.py" "${ports[2]}" "$ALERT_NOTIFICATIONS" >>"$STATE/logs/alert-webhook.log" 2>&1 &
  echo $! >"$STATE/pids/alert-webhook"
  disown $!
  alertmanager_start "${ports[1]}"
  prometheus --config.file "$ALERTING_DIR/prometheus.yml" --storage.tsdb.path "$ALERTING_DIR/prometheus-data" \
    --web.listen-address "127.0.0.1:${ports[0]}" >>"$STATE/logs/prometheus.log" 2>&1 &
  echo $! >"$STATE/pids/prometheus"
  disown $!

  await_ready "$(prometheus_url)" && await_ready "$(alertmanager_url)"
}

# No --cluster.*: a single Alertmanager, not a gossip cluster.
alertmanager_start() {
  prometheus-alertmanager --config.file "$ALERTING_DIR/alertmanager.yml" \
    --storage.path "$ALERTING_DIR/alertmanager-data" --web.listen-address "127.0.0.1:$1" \
    --cluster.listen-address= >>"$STATE/logs/alertmanager.log" 2>&1 &
  echo $! >"$STATE/pids/alertmanager"
  disown $!
}

# await_ready URL: Prometheus' or Alertmanager's /-/ready answers within 60s.
await_ready() {
  local deadline=$((SECONDS + 60))
  until curl -fsS "$1/-/ready" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$STATE/logs/prometheus.log" "$STATE/logs/alertmanager.log" >&2
      echo "$1 did not become ready" >&2
      return 1
    fi
    sleep 0.5
  done
}

# alerting_target: the scrape target file (file_sd) with the operator's current port and the target labels the
# Prometheus Operator would attach; Prometheus notices the change by itself.
alerting_target() {
  python3 - "$ALERTING_DIR/target-labels.json" "127.0.0.1:$(operator_port)" >"$ALERTING_DIR/targets.json.tmp" <<'PY'
import json, sys
print(json.dumps([{"targets": [sys.argv[2]], "labels": json.load(open(sys.argv[1]))}]))
PY
  mv "$ALERTING_DIR/targets.json.tmp" "$ALERTING_DIR/targets.json"
}

# alerting_stop [NAME...]: stops the pipeline, or only the named parts of it.
alerting_stop() {
  local name pid names=("$@")
  [ ${#names[@]} -gt 0 ] || names=(prometheus alertmanager alert-webhook)
  for name in "${names[@]}"; do
    pid=$(cat "$STATE/pids/$name" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$STATE/pids/$name"
  done
}

prometheus_url() { echo "http://127.0.0.1:$(cat "$ALERTING_DIR/prometheus.port")"; }
alertmanager_url() { echo "http://127.0.0.1:$(cat "$ALERTING_DIR/alertmanager.port")"; }

# prom_query EXPR: the result vector of an instant query (JSON array).
prom_query() {
  curl -fsS -G "$(prometheus_url)/api/v1/query" --data-urlencode "query=$1" | jq -c '.data.result'
}

# await_scraped SECONDS: until Prometheus has scraped the operator's current port successfully.
await_scraped() {
  local instance="127.0.0.1:$(operator_port)"
  scraped() { [ "$(prom_query "up{instance=\"$instance\"} == 1" | jq length)" -gt 0 ]; }
  await "$1" "Prometheus to scrape the operator at $instance" scraped
}

# Notifications received before ALERT_SINCE (unix seconds; alerting_start sets it) belong to earlier scenarios.
ALERT_SINCE=0

# notified STATUS ALERTNAME NAMESPACE [DEPLOYCHECK]: the first webhook notification since ALERT_SINCE holding that
# alert with that status (firing|resolved), as {"received": unix seconds, "groupKey": ..., "alert": {...}}; empty
# when none.
notified() {
  jq -c -n --argjson since "$ALERT_SINCE" --arg status "$1" --arg name "$2" --arg ns "$3" --arg dc "${4:-}" '
    first(inputs | select(.received >= $since)
    | .received as $t | .notification.groupKey as $key | .notification.alerts[]
    | select(.status == $status and .labels.alertname == $name and (.labels.namespace // "") == $ns
             and ($dc == "" or .labels.deploycheck == $dc))
    | {received: $t, groupKey: $key, alert: .})' "$ALERT_NOTIFICATIONS"
}

# await_notified SECONDS STATUS ALERTNAME NAMESPACE [DEPLOYCHECK]: waits for notified ... and prints it.
await_notified() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds)) got
  while true; do
    got=$(notified "$@")
    [ -z "$got" ] || { echo "$got"; return 0; }
    if [ $SECONDS -ge $deadline ]; then
      echo "Prometheus' alerts: $(curl -fsS "$(prometheus_url)/api/v1/alerts" | jq -c '.data.alerts')" >&2
      echo "webhook notifications so far:" >&2
      jq -c '{status: .notification.status, alerts: [.notification.alerts[] | .labels.alertname + " " + (.labels.namespace // "") + " " + .status]}' "$ALERT_NOTIFICATIONS" >&2 || true
      fail "no '$1' notification of $2 for namespace '$3'${4:+ deploycheck $4} within ${seconds}s"
    fi
    sleep 2
  done
}

# firing_in NAMESPACE: the alerts Prometheus and Alertmanager hold as firing/active for that namespace (empty: none).
firing_in() {
  curl -fsS "$(prometheus_url)/api/v1/alerts" \
    | jq -r --arg ns "$1" '.data.alerts[] | select((.labels.namespace // "") == $ns) | "prometheus: \(.labels.alertname) \(.state)"'
  curl -fsS "$(alertmanager_url)/api/v2/alerts?active=true" \
    | jq -r --arg ns "$1" '.[] | select((.labels.namespace // "") == $ns) | "alertmanager: \(.labels.alertname) \(.status.state)"'
}

# runbook_link_works URL: the URL is the chart's runbook base (values.yaml prometheusRule.runbookBaseUrl) plus an
# anchor that a heading of docs/runbook.md makes (GitHub's heading slugs).
runbook_link_works() {
  python3 - "$REPO_DIR" "$1" <<'PY'
import re, sys, yaml
repo, url = sys.argv[1], sys.argv[2]
base = yaml.safe_load(open(f"{repo}/helm/deploycheck-operator/values.yaml"))["prometheusRule"]["runbookBaseUrl"]
if not url.startswith(base + "#"):
    sys.exit(f"runbook_url {url} does not start with the chart's runbook base {base}#")
def slug(heading):
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
anchors = {slug(line.lstrip("#")) for line in open(f"{repo}/docs/runbook.md") if re.match(r"#{1,6} ", line)}
anchor = url.split("#", 1)[1]
if anchor not in anchors:
    sys.exit(f"docs/runbook.md has no section #{anchor}")
PY
}

# epoch TIMESTAMP: RFC 3339 to unix seconds.
epoch() { date -u -d "$1" +%s; }

# seconds_between FROM TO: whole seconds from one unix time to another (either may have a fraction).
seconds_between() { jq -n --argjson from "$1" --argjson to "$2" '($to - $from) | round'; }

# measured WHAT SECONDS: a measurement, printed by run.sh under the scenario's PASS line.
measured() { echo "measured: $1: $2"; }
