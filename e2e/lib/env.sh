# Shared by the e2e scripts: pinned versions and where things live. Sourced, not run.
# Why these versions, and what they cost to build: docs/testing.md.
KUBERNETES_VERSION=v1.37.2
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
CONTAINERD_VERSION=v2.4.2
CRANE_VERSION=v0.22.1
KSERVE_VERSION=v0.17.0
HELM_VERSION=v4.3.2
ACTIONLINT_VERSION=v1.7.12

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$E2E_DIR/.." && pwd)
# Everything built or fetched lives outside the repository, and survives between runs.
CACHE=${DEPLOYCHECK_E2E_CACHE:-$HOME/.cache/deploycheck-e2e}
BIN=$CACHE/bin
# A running cluster's files: keys, kubeconfigs, etcd data, logs, pids.
STATE=${DEPLOYCHECK_E2E_STATE:-$CACHE/cluster}
export GOMODCACHE=$CACHE/gomod GOCACHE=$CACHE/gobuild

# maven ARGS...: Maven in the repository, quiet; its output is shown only when it fails.
maven() {
  local out
  out=$(mktemp)
  if ! (cd "$REPO_DIR" && mvn -B -q -ntp -Dstyle.color=never "$@") >"$out" 2>&1; then
    cat "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}
