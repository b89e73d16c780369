#!/usr/bin/env bash
# Measures the operator's start-up from the image built by tests/image/run.sh (target/jib-image.tar), without a
# container runtime: the image's file system unpacked, its entry point run as 65532 under chroot (root read-only,
# a tmpfs on /tmp, the host's network), against the cluster of a kubeconfig. Prints, per run, the milliseconds from
# exec to the first log line and to /readyz answering 200 (informers synced), and the resident memory then.
#
#   tests/image/startup.sh KUBECONFIG [RUNS]     e.g. with the e2e cluster: e2e/cluster.sh up; eval "$(e2e/cluster.sh env)"
#                                                tests/image/startup.sh "$STATE/operator.kubeconfig" 5
# The kubeconfig's user needs the operator's permissions (the e2e's operator.kubeconfig has the chart's RBAC).
# Needs root, kubectl (to inline the kubeconfig's files), curl, jq, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
kubeconfig=${1:?usage: tests/image/startup.sh KUBECONFIG [RUNS]}
runs=${2:-5}
[ -f target/jib-image.tar ] || { echo "no target/jib-image.tar: run tests/image/run.sh first" >&2; exit 2; }

work=$(mktemp -d)
pid=""
cleanup() {
  [ -z "$pid" ] || pkill -P "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/image" "$work/root"
tar -xf target/jib-image.tar -C "$work/image"
for layer in $(jq -r '.[0].Layers[]' "$work/image/manifest.json"); do
  tar -xzf "$work/image/$layer" -C "$work/root" 2>/dev/null
done
config=$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mkdir -p "$work/root/proc" "$work/root/kube"
# The kubeconfig with its certificate files inlined, readable by 65532.
KUBECONFIG=$kubeconfig kubectl config view --raw --flatten --minify >"$work/root/kube/config"
chmod 0644 "$work/root/kube/config"

echo "run  first-log-ms  ready-ms  rss-MiB"
for run in $(seq "$runs"); do
  port=$(python3 e2e/lib/freeport.py 1)
  log=$work/operator-$run.log
  start=$(date +%s%N)
  unshare --mount --pid --fork --kill-child sh -c '
    root=$1; shift
    mount --bind "$root" "$root" && mount -o remount,bind,ro "$root" && mount -t proc proc "$root/proc" &&
      mount -t tmpfs -o size=64m tmpfs "$root/tmp" || exit 125
    chroot=$(command -v chroot)
    exec env -i PATH=/opt/java/openjdk/bin:/usr/bin:/bin KUBECONFIG=/kube/config "$chroot" --userspec=65532:65532 \
      "$root" "$@"
  ' sh "$work/root" "${entrypoint[@]}" operator --port "$port" --leader-election false --verify-registry false \
    --log-format text >"$log" 2>&1 &
  pid=$!
  first="" ready=""
  deadline=$((SECONDS + 120))
  while [ -z "$ready" ]; do
    [ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "no /readyz within 120 s" >&2; exit 1; }
    now=$(date +%s%N)
    [ -n "$first" ] || [ ! -s "$log" ] || first=$(( (now - start) / 1000000 ))
    if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      ready=$(( (now - start) / 1000000 ))
    fi
    sleep 0.05
  done
  java_pid=$(pgrep -P "$pid")  # unshare's child, which exec'd sh, env, chroot and then java
  rss=$(awk '$1 == "VmRSS:" {printf "%d", $2 / 1024}' "/proc/$java_pid/status")
  printf '%3d  %12s  %8s  %7s\n' "$run" "$first" "$ready" "$rss"
  # SIGTERM to java itself, as the kubelet stops a container (unshare --fork ignores SIGTERM while it waits).
  kill "$java_pid"
  wait "$pid" || true
  pid=""
done
sed -n 1p "$work/operator-1.log"
