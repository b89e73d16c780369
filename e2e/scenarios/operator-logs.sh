# The operator logs each transition (the reconciler's "<namespace>/<name> is <phase>: <reason>" line at INFO), so
# `kubectl logs` of the operator tells what it decided.
use_namespace e2e-logs
isvc model
deploycheck model model
kubectl wait --for=condition=Ready deploycheck/model -n "$NS" --timeout=90s >/dev/null
logged() { grep -qF "$NS/model is Ready: Ready" "$OPERATOR_LOG"; }
for _ in $(seq 20); do logged && break; sleep 0.5; done
logged || fail "the operator's log ($OPERATOR_LOG) has no line '$NS/model is Ready: Ready'; it holds:
$(tail -n 20 "$OPERATOR_LOG")"
