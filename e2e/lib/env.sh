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
# The running cluster's network namespace (`ip netns`, one per state directory): every process of the cluster runs
# in it, and so must whatever talks to it (run.sh, the scenarios, `e2e/cluster.sh exec`). It has loopback and the
# pods' veths only, no route out: the pods' private addresses, which the API server's pod proxy accepts, and all
# test traffic stay inside it.
NETNS=deploycheck-e2e-$(printf '%s' "$STATE" | sha256sum | cut -c1-12)
NETNS_PATH=/run/netns/$NETNS

# in_cluster_netns: true when this process runs in the cluster's network namespace.
in_cluster_netns() { [ /proc/self/ns/net -ef "$NETNS_PATH" ]; }

# enter_cluster_netns COMMAND...: runs COMMAND (usually the calling script again, "$0" "$@") in the cluster's
# network namespace, in place of this process; returns when this process runs there already.
enter_cluster_netns() {
  in_cluster_netns && return 0
  [ -e "$NETNS_PATH" ] || { echo "no cluster running: no network namespace $NETNS (e2e/cluster.sh up)" >&2; exit 1; }
  exec nsenter --net="$NETNS_PATH" -- "$@"
}

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
