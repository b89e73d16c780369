#!/usr/bin/env bash
# End-to-end tests on a real control plane (docs/testing.md):
#   e2e/run.sh                 build what is missing, start the clusters, run every scenario, tear down
#   e2e/run.sh NAME...         only these scenarios (file names under e2e/scenarios/, without .sh)
#   e2e/run.sh --lanes N [NAME...]  N clusters side by side, each with its own operator, taking the scenarios from
#                              one queue, longest first (default: 2 for every scenario, 1 for named ones)
#   e2e/run.sh --keep [NAME...]  one lane, left running afterwards (e2e/cluster.sh down stops it)
#   e2e/run.sh --capture [NAME...]  also dump what each passing scenario produced as fixtures (e2e/capture.sh)
# Prints PASS, FAIL or SKIP per scenario as it ends, last "N passed, M failed"; exits 1 when any scenario failed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$E2E_DIR/lib/operator.sh"
source "$E2E_DIR/lib/alerting.sh"
source "$E2E_DIR/lib/image.sh"

keep=false capture=false lanes=""
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=true; shift ;;
    --capture) capture=true; shift ;;
    --lanes) lanes=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -gt 0 ]; then
  scenarios=("$@")
  : "${lanes:=1}"
else
  mapfile -t scenarios < <(for file in "$E2E_DIR"/scenarios/*.sh; do basename "$file" .sh; done)
  : "${lanes:=2}"
fi
for name in "${scenarios[@]}"; do
  [ -f "$E2E_DIR/scenarios/$name.sh" ] || { echo "no scenario $name (e2e/scenarios/$name.sh)" >&2; exit 2; }
done
[[ $lanes =~ ^[1-9][0-9]*$ ]] || { echo "--lanes wants a positive number, not '$lanes'" >&2; exit 2; }
# A kept cluster is the one `e2e/cluster.sh env` finds: one lane, in the default state directory.
$keep && lanes=1
[ "$lanes" -le ${#scenarios[@]} ] || lanes=${#scenarios[@]}

# needs FUNCTION: true when a selected scenario calls FUNCTION.
needs() {
  local name
  for name in "${scenarios[@]}"; do grep -qw -- "$1" "$E2E_DIR/scenarios/$name.sh" && return 0; done
  return 1
}

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
started=$SECONDS

"$E2E_DIR/build.sh"
# The operator under test is the jar.
operator_jar
# What needs the machine's network happens out here, once: each lane's cluster runs in a network namespace of its
# own with no route out (lib/lane.sh), and the lanes would otherwise all run Maven or apt-get at once.
helm_classpath >/dev/null
if needs alerting_start; then alerting_install; fi
if needs image_push; then image_build; fi

# How long each scenario took when it last passed (name seconds), for the order of the next run's queue.
DURATIONS=$CACHE/scenario-seconds
touch "$DURATIONS"
run_dir=$(mktemp -d)
trap 'rm -rf "$run_dir"' EXIT
# Longest first, so that no long scenario starts last while the other lanes stand idle; one never timed goes first
# (it may be long).
printf '%s\n' "${scenarios[@]}" | awk 'FILENAME == ARGV[1] { t[$1] = $2; next }
  { print ($1 in t ? t[$1] : 1000000), $1 }' "$DURATIONS" - | sort -k1,1nr -k2,2 | cut -d' ' -f2 >"$run_dir/queue"
: >"$run_dir/results"

# lane_state N: lane 1 uses the state directory (so --keep leaves the cluster where cluster.sh finds it), lane N
# the same name with -N.
lane_state() { if [ "$1" -eq 1 ]; then echo "$STATE"; else echo "$STATE-$1"; fi; }

log "${#scenarios[@]} scenarios in $lanes lane(s)"
pids=()
for lane in $(seq "$lanes"); do
  DEPLOYCHECK_E2E_STATE=$(lane_state "$lane") "$E2E_DIR/lib/lane.sh" "$run_dir" "$lane" "$keep" "$capture" &
  pids+=($!)
done
# An interrupted run stops the lanes, which tear their clusters down.
trap 'kill "${pids[@]}" 2>/dev/null; wait; rm -rf "$run_dir"; exit 130' INT TERM
broken=()
for i in "${!pids[@]}"; do wait "${pids[$i]}" || broken+=("lane$((i + 1))"); done
trap 'rm -rf "$run_dir"' INT TERM

# Remember the times of the scenarios that passed, keeping the others' earlier ones.
awk '$1 == "PASS" { print $2, $3 }' "$run_dir/results" | cat - "$DURATIONS" | awk '!seen[$1]++' >"$run_dir/durations"
mv "$run_dir/durations" "$DURATIONS"

passed=$(grep -c '^PASS ' "$run_dir/results" || true)
skipped=$(grep -c '^SKIP ' "$run_dir/results" || true)
# Failed: the scenarios that failed, a teardown that failed, a lane that broke, and what no lane got to run.
mapfile -t failures < <(awk '$1 == "FAIL" { print $2 }' "$run_dir/results"; printf '%s\n' "${broken[@]}" | grep .;
  sed 's/$/ (not run)/' "$run_dir/queue")
if $keep; then logs=$STATE/logs; else logs=$(for lane in $(seq "$lanes"); do kept_logs "$(lane_state "$lane")"; done); fi
log "finished in $((SECONDS - started))s; logs: ${logs//$'\n'/ }"
[ ${#failures[@]} -eq 0 ] || log "failed: ${failures[*]}"
echo "$passed passed, ${#failures[@]} failed$([ "$skipped" -eq 0 ] || echo ", $skipped skipped")"
[ ${#failures[@]} -eq 0 ]
