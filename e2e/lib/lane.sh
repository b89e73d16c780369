#!/usr/bin/env bash
# One lane of e2e/run.sh (run by it, not by hand): a cluster of its own (DEPLOYCHECK_E2E_STATE) with an operator of
# its own, running the scenarios it takes off run.sh's queue one after the other until the queue is empty.
#   lib/lane.sh RUN_DIR LANE KEEP CAPTURE
# RUN_DIR holds the queue (scenario names, one a line), the results ("PASS|FAIL|SKIP NAME SECONDS", one a line) and
# their locks. Exits non-zero only when the lane itself broke (its cluster or operator would not start); the
# scenarios it did not take stay in the queue for the other lanes.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$E2E_DIR/lib/operator.sh"
run_dir=$1 lane=$2 keep=$3 capture=$4

log() { printf '[e2e %s lane %s] %s\n' "$(date +%H:%M:%S)" "$lane" "$*" >&2; }

# next_scenario: prints the first name of the queue and takes it off; prints nothing when the queue is empty.
next_scenario() {
  (
    flock 8
    head -n 1 "$run_dir/queue"
    sed -i 1d "$run_dir/queue"
  ) 8>"$run_dir/queue.lock"
}

# report RESULT NAME SECONDS OUTPUT: the scenario's lines of run.sh's output, printed in one piece (the lanes share
# stdout), and its line in the results.
report() {
  (
    flock 8
    case $1 in
      PASS) printf 'PASS %-32s %3ss\n' "$2" "$3"; grep '^measured: ' "$4" | sed 's/^/    /' || true ;;
      # `skip` (lib/scenario.sh): this cluster lacks what the scenario needs; the reason is its last line.
      SKIP) printf 'SKIP %-32s %3ss  %s\n' "$2" "$3" "$(tail -n 1 "$4")" ;;
      FAIL) printf 'FAIL %-32s %3ss\n' "$2" "$3"; sed 's/^/    /' "$4" | tail -n 40 ;;
    esac
    echo "$1 $2 $3" >>"$run_dir/results"
  ) 8>"$run_dir/results.lock"
}

# The scenario's process: `set -e` holds (also inside command substitutions), and a command that fails outside `fail`
# names itself and its line in the output (the ERR trap, inherited by functions with -E; silent between `set +e`
# and `set -e`, where a failure is expected and checked).
# shellcheck disable=SC2016 # expanded by that process
SCENARIO_SHELL='set -eEuo pipefail; shopt -s inherit_errexit
  trap '"'"'err_status=$?; [[ $- != *e* ]] || echo "FAILED: exit $err_status at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2'"'"' ERR
  source "$1/lib/env.sh"; source "$1/lib/operator.sh"; source "$1/lib/scenario.sh"; source "$1/scenarios/$SCENARIO.sh"'

# run_scenario NAME: runs the scenario in a bash process of its own, so that its variables and helpers end with it
# and `set -e` holds in it (bash ignores `set -e` in a subshell that is the condition of an `if`). In the
# background, so that a TERM from run.sh reaches it at once.
run_scenario() {
  local name=$1 t0=$SECONDS out=$STATE/logs/scenario-$1.log code=0 result=FAIL ns
  SCENARIO=$name bash -c "$SCENARIO_SHELL" scenario "$E2E_DIR" >"$out" 2>&1 &
  scenario_pid=$!
  wait "$scenario_pid" || code=$?
  scenario_pid=""
  case $code in 0) result=PASS ;; 77) result=SKIP ;; esac
  report "$result" "$name" $((SECONDS - t0)) "$out"
  if [ "$result" = PASS ] && $capture; then
    for ns in $(sort -u "$STATE/namespaces/$name" 2>/dev/null); do "$E2E_DIR/capture.sh" --dump "$ns" "$name"; done
  fi
}

teardown() {
  $keep && { log "kept running: e2e/cluster.sh exec (a shell in its network namespace); e2e/cluster.sh down stops it"
    return; }
  operator_stop 5 || true
  "$E2E_DIR/cluster.sh" down
}
scenario_pid=""
trap teardown EXIT
trap '[ -z "$scenario_pid" ] || kill "$scenario_pid" 2>/dev/null; exit 143' TERM

# The cluster, then the rest of this lane again inside the cluster's network namespace (the same process: run.sh
# waits for it), where the API server, the pods' private addresses and the operator are.
"$E2E_DIR/cluster.sh" up >/dev/null
in_cluster_netns || enter_cluster_netns "$0" "$@"
# KUBECONFIG, PATH and the DEPLOYCHECK_E2E_* variables the scenarios use (registries, real node, KServe).
eval "$("$E2E_DIR/cluster.sh" env)"
# The lane's own copy of the jar, for its operator and its scenarios: helm-install's image build may rebuild
# target/deploycheck.jar while another lane's operator runs from it. Replaced by a rename, so that the operator a
# kept cluster still runs keeps its file.
cp "$JAR" "$STATE/deploycheck.jar.new"
mv -f "$STATE/deploycheck.jar.new" "$STATE/deploycheck.jar"
JAR=$STATE/deploycheck.jar
export DEPLOYCHECK_E2E_JAR=$JAR
log "cluster up ($STATE); starting the operator with the chart's RBAC"
operator_credentials
operator_running || operator_start

# Every scenario starts with the operator leading (when it does not within 60 s, the lane's output names the
# holder). A scenario that stopped the operator and failed before starting it again must not fail the ones
# after it.
while name=$(next_scenario) && [ -n "$name" ]; do
  operator_leads || true
  run_scenario "$name"
  operator_running || operator_start
done

# A teardown that leaves a process, mount or cgroup of the real node behind fails the run.
trap - EXIT
teardown || echo "FAIL teardown-lane$lane 0" >>"$run_dir/results"
