#!/usr/bin/env bash
# End-to-end tests on a real control plane (docs/testing.md):
#   e2e/run.sh                 build what is missing, start the cluster, run every scenario, tear down
#   e2e/run.sh NAME...         only these scenarios (file names under e2e/scenarios/, without .sh)
#   e2e/run.sh --keep [NAME...]  leave the cluster and the operator running afterwards (e2e/cluster.sh down stops them)
#   e2e/run.sh --capture [NAME...]  also dump what each passing scenario produced as fixtures (e2e/capture.sh)
# Ends with "N passed, M failed"; exits 1 when any scenario failed.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
source "$E2E_DIR/lib/operator.sh"
source "$E2E_DIR/lib/alerting.sh"
source "$E2E_DIR/lib/image.sh"

# The seconds the part before entering the cluster's network namespace took (see below).
SECONDS=${DEPLOYCHECK_E2E_RUN_SECONDS:-0}
unset DEPLOYCHECK_E2E_RUN_SECONDS
args=("$@")
keep=false capture=false
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=true; shift ;;
    --capture) capture=true; shift ;;
    *) break ;;
  esac
done
if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  mapfile -t scenarios < <(cd "$E2E_DIR/scenarios" && ls *.sh | sed 's/\.sh$//')
fi
for name in "${scenarios[@]}"; do
  [ -f "$E2E_DIR/scenarios/$name.sh" ] || { echo "no scenario $name (e2e/scenarios/$name.sh)" >&2; exit 2; }
done

# needs FUNCTION: true when a selected scenario calls FUNCTION.
needs() {
  local name
  for name in "${scenarios[@]}"; do grep -qw -- "$1" "$E2E_DIR/scenarios/$name.sh" && return 0; done
  return 1
}

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

teardown() {
  $keep && { log "kept running: e2e/cluster.sh exec (a shell in its network namespace); e2e/cluster.sh down stops it"
    return; }
  operator_stop 5 || true
  "$E2E_DIR/cluster.sh" down
}

# Out here, what needs the machine's network; then the cluster, and the rest of this script again inside its
# network namespace, which has no route out.
if ! in_cluster_netns; then
  "$E2E_DIR/build.sh"
  # The operator under test is the jar; build it when missing or older than the sources (CI's `mvn verify` made it).
  if [ ! -f "$JAR" ] || [ -n "$(find "$REPO_DIR/src/main" "$REPO_DIR/pom.xml" -newer "$JAR" -print -quit)" ]; then
    log "building target/deploycheck.jar"
    maven -Dmaven.test.skip=true package
  fi
  # Maven may fetch its dependency plugin for this; the scenarios' libraries fetch Debian packages.
  helm_classpath >/dev/null
  if needs alerting_start; then alerting_install; fi
  if needs image_push; then image_build; fi
  trap teardown EXIT
  "$E2E_DIR/cluster.sh" up >/dev/null
  trap - EXIT
  export DEPLOYCHECK_E2E_RUN_SECONDS=$SECONDS
  enter_cluster_netns "$0" "${args[@]}"
fi
trap teardown EXIT

# Started already, unless this script was started inside the namespace (e2e/cluster.sh exec).
"$E2E_DIR/cluster.sh" up >/dev/null
# KUBECONFIG, PATH and the DEPLOYCHECK_E2E_* variables the scenarios use (registries, real node, KServe).
eval "$("$E2E_DIR/cluster.sh" env)"
log "cluster up after ${SECONDS}s; starting the operator with the chart's RBAC"
operator_credentials
operator_running || operator_start

passed=0 failed=0 skipped=0 failures=()
for name in "${scenarios[@]}"; do
  t0=$SECONDS
  out=$STATE/logs/scenario-$name.log
  # Each scenario in its own shell: its variables, helpers and `set -e` end with it.
  if (
    set -euo pipefail
    export SCENARIO=$name
    source "$E2E_DIR/lib/scenario.sh"
    source "$E2E_DIR/scenarios/$name.sh"
  ) >"$out" 2>&1; then
    passed=$((passed + 1))
    printf 'PASS %-32s %3ss\n' "$name" $((SECONDS - t0))
    grep '^measured: ' "$out" | sed 's/^/    /' || true
    if $capture; then
      for ns in $(sort -u "$STATE/namespaces/$name" 2>/dev/null); do "$E2E_DIR/capture.sh" --dump "$ns" "$name"; done
    fi
  elif [ $? -eq 77 ]; then
    # `skip` (lib/scenario.sh): this cluster lacks what the scenario needs; the reason is its last line.
    skipped=$((skipped + 1))
    printf 'SKIP %-32s %3ss  %s\n' "$name" $((SECONDS - t0)) "$(tail -n 1 "$out")"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL %-32s %3ss\n' "$name" $((SECONDS - t0))
    sed 's/^/    /' "$out" | tail -n 40
  fi
  # A scenario that stopped the operator and failed before starting it again must not fail the ones after it.
  operator_running || operator_start
done

# Tear down before the summary, so "N passed, M failed" is the last line. A teardown that leaves a process, mount or
# cgroup of the real node behind fails the run.
trap - EXIT
teardown || { failed=$((failed + 1)); failures+=("teardown"); }
log "finished in ${SECONDS}s; logs: $($keep && echo "$STATE/logs" || echo "$CACHE/logs")"
[ ${#failures[@]} -eq 0 ] || log "failed: ${failures[*]}"
echo "$passed passed, $failed failed$([ "$skipped" -eq 0 ] || echo ", $skipped skipped")"
[ "$failed" -eq 0 ]
