# Helpers of the fault scenarios (e2e/scenarios/fault-*.sh), sourced by them after lib/scenario.sh: break what the
# operator depends on (a control-plane process, its RBAC, its token, the operator itself), sample /readyz and
# deploycheck_operator_ready over time, and play the kubelet that restarts a crashed operator. Each scenario undoes
# its fault in an EXIT trap, so a failing one leaves the cluster and the operator as it found them.
FAULTS=$STATE/faults/$SCENARIO
rm -rf "$FAULTS" && mkdir -p "$FAULTS"

# sample REPLICA: one line "EPOCH CODE READY BODY": /readyz's HTTP code (000: nothing answers), the value of
# deploycheck_operator_ready (- when absent) and /readyz's body.
sample() {
  local url out code ready
  url=http://127.0.0.1:$(operator_port "$1" 2>/dev/null || echo 9)
  out=$(curl -s -m 2 -w '\n%{http_code}' "$url/readyz" 2>/dev/null || true)
  code=${out##*$'\n'}
  ready=$(curl -s -m 2 "$url/metrics" 2>/dev/null | awk '$1 == "deploycheck_operator_ready" {print $2}' || true)
  printf '%s %s %s %s\n' "$(date +%s.%N)" "${code:-000}" "${ready:--}" "$(head -n 1 <<<"${out%$'\n'*}")"
}

# start_sampling [REPLICA]: samples the replica (default: the operator) twice a second into $FAULTS/readyz until the
# scenario ends; `mark WHAT` adds a line there, so readyz_timeline can tell a fault's start and end.
start_sampling() {
  local replica=${1:-operator}
  ( while true; do sample "$replica"; sleep 0.5; done ) >>"$FAULTS/readyz" 2>/dev/null &
  SAMPLER=$!
}
mark() { printf '%s mark %s\n' "$(date +%s.%N)" "$1" >>"$FAULTS/readyz"; }
stop_sampling() {
  [ -z "${SAMPLER:-}" ] || { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; }
  SAMPLER=""
}

# readyz_timeline FAULT RECOVERY DETECT_BAR READY_BAR REASON: judges the samples between `mark FAULT` and
# `mark RECOVERY` and after it (lib/readyz_timeline.py); prints measured: lines.
readyz_timeline() {
  python3 "$E2E_DIR/lib/readyz_timeline.py" "$FAULTS/readyz" "$@" || fail "/readyz over time (above)"
}

# supervise: restarts the operator whenever its process has gone, as the kubelet restarts a container that exited:
# the first time at once, then after 10 s, 20 s, 40 s ... (kubelet's crash-loop back-off). Each exit is a line in
# $FAULTS/exits. unsupervise stops it; an intended operator_stop must come after unsupervise.
supervise() {
  : >"$FAULTS/exits"
  (
    delay=0
    while sleep 0.5; do
      operator_running && continue
      date +%s.%N >>"$FAULTS/exits"
      sleep "$delay"
      delay=$((delay == 0 ? 10 : delay * 2))
      operator_launch
    done
  ) >/dev/null 2>&1 &
  SUPERVISOR=$!
}
unsupervise() {
  [ -z "${SUPERVISOR:-}" ] || { kill "$SUPERVISOR" 2>/dev/null || true; wait "$SUPERVISOR" 2>/dev/null || true; }
  SUPERVISOR=""
}
exits() { wc -l <"$FAULTS/exits" | tr -d ' '; }

# stop_component NAME: SIGTERM to a process cluster.sh started (etcd, kube-apiserver), its command line kept for
# start_component; waits until it is gone.
stop_component() {
  local pid
  pid=$(cat "$STATE/pids/$1")
  tr '\0' '\n' <"/proc/$pid/cmdline" >"$FAULTS/$1.cmdline"
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# start_component NAME: starts it again with the same command line, output appended to its log; pid in pids/NAME, so
# cluster.sh down stops it. Inside the network namespace of the rest of the control plane, should that not be ours.
start_component() {
  local cmd=() ns=()
  mapfile -t cmd <"$FAULTS/$1.cmdline"
  local peer
  peer=$(cat "$STATE/pids/kube-scheduler")
  [ "$(readlink "/proc/$peer/ns/net")" = "$(readlink /proc/self/ns/net)" ] || ns=(nsenter --net="/proc/$peer/ns/net")
  "${ns[@]}" "${cmd[@]}" >>"$STATE/logs/$1.log" 2>&1 &
  echo $! >"$STATE/pids/$1"
  disown $!
  rm -f "$FAULTS/$1.cmdline"
}

# restore_component NAME: starts it again if stop_component stopped it and it was not started since (for traps).
restore_component() { [ ! -f "$FAULTS/$1.cmdline" ] || start_component "$1"; }

# await_controllers: waits until kube-controller-manager works again after the control plane came back (its watches
# reconnect with a back-off of their own): a namespace made for the purpose gets its default ServiceAccount. A fault
# scenario leaves the cluster as it found it, so the next scenario's namespace is usable at once.
await_controllers() {
  local probe=e2e-controllers-$RANDOM
  new_namespace "$probe" 180
  kubectl delete namespace "$probe" --wait=false >/dev/null
}

# operator_ready [REPLICA]: its /readyz says 200 now (the port read anew: a restarted replica has a new one).
operator_ready() { curl -fsS -m 2 "http://127.0.0.1:$(operator_port "${1:-operator}")/readyz" >/dev/null 2>&1; }

# api_up: the API server answers (the admin's kubectl).
api_up() { kubectl get --raw /readyz >/dev/null 2>&1; }

# stuck_due NAME: the epoch second at which the DeployCheck's current problem turns Stuck (first seen + stuckAfter).
stuck_due() {
  local since after
  since=$(date -d "$(field "$1" .status.since)" +%s)
  after=$(field "$1" .spec.stuckAfter)
  echo $((since + ${after%s}))
}

now() { date +%s.%N; }
# sleep_until EPOCH: sleeps until then (not at all if it has passed).
sleep_until() { python3 -c 'import sys, time; time.sleep(max(0, float(sys.argv[1]) - time.time()))' "$1"; }
# seconds_since EPOCH: seconds from then to now, one decimal.
seconds_since() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$1"; }
