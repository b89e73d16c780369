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

# kept_logs STATE_DIR: where `cluster.sh down` keeps a cluster's logs: logs/ for the default state directory,
# logs-NAME for another one, so clusters of several state directories (run.sh's lanes) keep theirs side by side.
kept_logs() {
  if [ "$1" = "$CACHE/cluster" ]; then echo "$CACHE/logs"; else echo "$CACHE/logs-$(basename "$1")"; fi
}

# apt_install PACKAGE...: Debian packages, one apt-get at a time: the clusters of run.sh's lanes start together, and
# a second apt-get fails at once on dpkg's lock instead of waiting.
apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  mkdir -p "$CACHE"
  (
    flock 9
    "${sudo[@]}" apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  ) 9>"$CACHE/apt.lock"
}

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
