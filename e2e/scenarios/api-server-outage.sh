# A 30 s API-server outage costs nothing: the kube-apiserver process is frozen (SIGSTOP), so every request and watch
# of the operator hangs; the operator keeps its process and its Lease, /readyz and deploycheck_operator_ready tell
# the truth meanwhile (503 with the reason, 0), and within seconds of the API's return it is ready again and
# reconciles what changed. (It once exited on such an outage: the Lease was lost after 10 s.)
use_namespace e2e-outage
isvc model
deploycheck model model
await_check model Ready Ready 90

apiserver=$(cat "$STATE/pids/kube-apiserver")
operator=$(cat "$STATE/pids/operator")
readyz() { curl -s -m 2 "http://127.0.0.1:$(operator_port)/readyz" || true; }
not_ready() { [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(operator_port)/readyz")" = 503 ]; }
ready() { [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(operator_port)/readyz")" = 200 ]; }

step "freeze the API server for 30 s"
kill -STOP "$apiserver"
trap 'kill -CONT "$apiserver" 2>/dev/null || true' EXIT
frozen=$SECONDS
await 25 "/readyz to report the outage" not_ready
reason=$(readyz)
echo "/readyz during the outage: $reason"
contains "$reason" "API server unreachable" "/readyz's reason"
operator_ready() { metrics | grep -E "^deploycheck_operator_ready $1" >/dev/null; }
operator_ready 0 || fail "deploycheck_operator_ready is not 0"
sleep $((30 - (SECONDS - frozen) > 0 ? 30 - (SECONDS - frozen) : 0))
kill -CONT "$apiserver"
thawed=$SECONDS

step "the API server is back"
await 30 "/readyz to be ready again" ready
echo "ready again $((SECONDS - thawed))s after the API server's return"
operator_running || fail "the operator exited"
[ "$(cat "$STATE/pids/operator")" = "$operator" ] || fail "the operator was restarted"
operator_ready 1 || fail "deploycheck_operator_ready is not 1"

step "a change after the outage is reconciled"
deploycheck model2 model
await_check model2 Ready Ready 60
