#!/usr/bin/env bash
# A real Kubernetes cluster in a network namespace of its own (lib/env.sh: NETNS), from the binaries e2e/build.sh
# built:
#   etcd, kube-apiserver (static token file, --authorization-mode=Node,RBAC, ServiceAccount token signing),
#   kube-controller-manager, kube-scheduler;
#   a real node: containerd + runc and a kubelet, joined as node e2e-real (label type=real), each pod on a veth
#   with a private address of the namespace (lib/node.sh);
#   kwok playing the kubelet of fake nodes (4 CPU / 16Gi each: two labelled type=kwok, one type=kwok-gpu with a
#   taint), for states a real node cannot produce here (scheduler capacity, taints);
#   two loopback image registries, the second with basic auth, holding the harness's images (lib/registry.sh);
#   KServe's own controller with its real CRDs, config and webhooks (lib/kserve.sh);
# and the DeployCheck CRD (crds/).
#
#   e2e/cluster.sh up     start everything (builds what is missing and creates the network namespace first, then
#                         starts the rest inside it); prints the admin kubeconfig's path.
#                         Idempotent: with everything running it changes nothing.
#   e2e/cluster.sh up --control-plane
#                         only etcd, the API server, controller-manager, scheduler, kwok and the CRDs (KServe's
#                         and ours): no registries, real node or KServe manager (the load harness, e2e/load.sh)
#   e2e/cluster.sh down   stop what `up` started (by the pids it recorded), delete the cluster's files and its
#                         network namespace, and fail when a process, mount or cgroup of the real node, or a process
#                         in the namespace, is left behind
#   e2e/cluster.sh env    print the environment of the running cluster for other harnesses
#                         (eval "$(e2e/cluster.sh env)"): KUBECONFIG, PATH, DEPLOYCHECK_E2E_NETNS (the namespace's
#                         path, for nsenter --net), DEPLOYCHECK_E2E_REGISTRY, DEPLOYCHECK_E2E_AUTH_REGISTRY
#                         (+ _CREDENTIALS, a file holding user:password), DEPLOYCHECK_E2E_REAL_NODE,
#                         DEPLOYCHECK_E2E_KSERVE=true
#   e2e/cluster.sh exec [COMMAND...]  run COMMAND (default: bash) inside the namespace with that environment
#
# Files: $DEPLOYCHECK_E2E_STATE (default ~/.cache/deploycheck-e2e/cluster): kubeconfig, pki/, logs/*.log, pids/,
# node/, registry/, kserve/. Every port is a free loopback port of the namespace chosen at start; everything
# listens on its 127.0.0.1 except KServe's webhook server (TLS), which binds every interface (KServe sets only its
# port). Needs root (the namespace, containerd, the kubelet).
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

KUBECONFIG_FILE=$STATE/kubeconfig
KUBECTL=$BIN/kubectl
k=("$KUBECTL" --kubeconfig "$KUBECONFIG_FILE")
# What `up` starts, in start order; `down` stops them in reverse. The operator is run.sh's (lib/operator.sh).
CONTROL_PLANE=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
PROCESSES=("${CONTROL_PLANE[@]}" registry auth-registry-backend auth-registry containerd kubelet kserve-manager)

source "$E2E_DIR/lib/registry.sh"
source "$E2E_DIR/lib/node.sh"
source "$E2E_DIR/lib/kserve.sh"

# start NAME COMMAND...: runs COMMAND in the background with its output in logs/NAME.log and its pid in pids/NAME.
start() {
  local name=$1; shift
  "$@" >"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$STATE/pids/$name"
}

alive() {
  local pid
  pid=$(cat "$STATE/pids/$1" 2>/dev/null) && kill -0 "$pid" 2>/dev/null
}

# await WHAT SECONDS COMMAND...: retries COMMAND until it succeeds; shows the last log lines of WHAT on failure.
await() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ! alive "$what" || [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$STATE/logs/$what.log" >&2 || true
      die "$what did not come up (log: $STATE/logs/$what.log)"
    fi
    sleep 0.5
  done
}

pki() {
  local dir=$STATE/pki
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=deploycheck-e2e-ca" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$dir/apiserver.key" -out "$dir/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/apiserver.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile "$dir/san.ext" -out "$dir/apiserver.crt" 2>/dev/null
  # The API server's client certificate towards the kubelet (logs, exec, port-forward).
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=kube-apiserver-kubelet-client" \
    -keyout "$dir/kubelet-client.key" -out "$dir/kubelet-client.csr" 2>/dev/null
  openssl x509 -req -in "$dir/kubelet-client.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -out "$dir/kubelet-client.crt" 2>/dev/null
  # ServiceAccount tokens (TokenRequest, `kubectl create token`) are signed with this key.
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  # One static token: the admin, in system:masters. Every control-plane component and the scenarios' setup use it;
  # the operator does not (it gets a ServiceAccount token, see run.sh).
  local token
  token=$(openssl rand -hex 32)
  printf '%s,admin,admin,system:masters\n' "$token" >"$dir/tokens.csv"
  chmod 600 "$dir"/*.key "$dir/tokens.csv"
  cat >"$KUBECONFIG_FILE" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $dir/ca.crt
users:
- name: admin
  user:
    token: $token
contexts:
- name: e2e
  context: {cluster: e2e, user: admin}
current-context: e2e
YAML
  chmod 600 "$KUBECONFIG_FILE"
}

# kwok's configuration: our pod stages plus kwok's own node stages and pod-delete, read from the kwok module in the
# Go module cache (the version we built), so they are not copied into this repository.
kwok_config() {
  local stages=$GOMODCACHE/sigs.k8s.io/kwok@$KWOK_VERSION/kustomize/stage
  local file
  {
    for file in "$stages/node/fast/node-initialize.yaml" "$stages/node/heartbeat/node-heartbeat.yaml" \
        "$stages/pod/fast/pod-delete.yaml" "$E2E_DIR/kwok/pod-stages.yaml"; do
      [ -f "$file" ] || die "missing $file: run e2e/build.sh"
      echo "---"
      cat "$file"
    done
  } >"$STATE/kwok.yaml"
}

# all_alive: every process `up` starts is running.
all_alive() {
  local name names=("${PROCESSES[@]}")
  [ "${1:-}" = --control-plane ] && names=("${CONTROL_PLANE[@]}")
  for name in "${names[@]}"; do alive "$name" || return 1; done
}

up() {
  local mode=${1:-}
  [ -z "$mode" ] || [ "$mode" = --control-plane ] || die "usage: $0 up [--control-plane]"
  if all_alive "$mode" && [ -e "$NETNS_PATH" ]; then
    log "already running"
    echo "$KUBECONFIG_FILE"
    return
  fi
  if ! in_cluster_netns; then
    # What needs the machine's network (the Go module proxy, Debian's mirror) happens out here; the namespace has
    # no route out.
    "$E2E_DIR/build.sh"
    [ "$mode" = --control-plane ] || node_packages
    # Leftovers of a cluster that died: stop what still runs, start clean.
    down
    netns_up
    exec nsenter --net="$NETNS_PATH" -- "$0" up "$mode"
  fi
  # Inside the namespace (started again by the lines above, or called from a shell in it).
  stop_cluster
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/etcd"
  local ports
  mapfile -t ports < <(python3 "$E2E_DIR/lib/freeport.py" 3)
  ETCD_PORT=${ports[0]} ETCD_PEER_PORT=${ports[1]} APISERVER_PORT=${ports[2]}
  pki
  kwok_config

  log "etcd on 127.0.0.1:$ETCD_PORT"
  start etcd "$BIN/etcd" --name e2e --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "e2e=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync --quota-backend-bytes 1073741824 --log-level warn
  await etcd 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"

  log "kube-apiserver on 127.0.0.1:$APISERVER_PORT"
  start kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$STATE/pki/apiserver.crt" --tls-private-key-file "$STATE/pki/apiserver.key" \
    --client-ca-file "$STATE/pki/ca.crt" \
    --token-auth-file "$STATE/pki/tokens.csv" \
    --authorization-mode Node,RBAC \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/24 --endpoint-reconciler-type none \
    --kubelet-client-certificate "$STATE/pki/kubelet-client.crt" --kubelet-client-key "$STATE/pki/kubelet-client.key" \
    --kubelet-preferred-address-types InternalIP \
    --profiling=false
  await kube-apiserver 120 "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" get --raw /readyz

  log "kube-controller-manager, kube-scheduler"
  # At load scale kwok's node heartbeats come late on a busy machine; the node lifecycle controller would then mark
  # every pod of a late node not Ready for good (kwok readies only Pending pods).
  local grace=()
  [ "$mode" = --control-plane ] && grace=(--node-monitor-grace-period 1h)
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig "$KUBECONFIG_FILE" --leader-elect=false --secure-port 0 \
    --root-ca-file "$STATE/pki/ca.crt" --service-account-private-key-file "$STATE/pki/sa.key" \
    --use-service-account-credentials=false --profiling=false "${grace[@]}"
  start kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig "$KUBECONFIG_FILE" --leader-elect=false --secure-port 0 --profiling=false

  log "kwok"
  # The fake pods' addresses: private (so the endpoint controllers take them), a range no interface of the
  # namespace has (so nothing answers there), and no route out of the namespace.
  start kwok "$BIN/kwok" --kubeconfig "$KUBECONFIG_FILE" --config "$STATE/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr 10.244.0.0/16 --node-ip 127.0.0.1

  "${k[@]}" apply -f "$REPO_DIR/crds/" >/dev/null
  "${k[@]}" apply -f "$E2E_DIR/kwok/nodes.yaml" >/dev/null
  await kwok 60 "${k[@]}" wait --for=condition=Ready node -l 'type in (kwok,kwok-gpu)' --timeout=1s
  # Pods need the namespace's default ServiceAccount, which the controller-manager creates.
  await kube-controller-manager 60 "${k[@]}" get serviceaccount default -n default

  if [ "$mode" = --control-plane ]; then
    kserve_crds
  else
    registries_up
    node_up
    kserve_up
  fi
  # A CRD just created has no conditions yet, which kubectl wait takes for an error: retry.
  await kube-apiserver 60 "${k[@]}" wait --for=condition=Established crd --all --timeout=5s
  log "up: $("${k[@]}" get nodes --no-headers | wc -l) nodes, KServe $KSERVE_VERSION ${mode:-with its manager}"
  echo "$KUBECONFIG_FILE"
}

# stop_pid NAME...: SIGTERM to processes `up` recorded, then SIGKILL to those still there after 10 s.
stop_pid() {
  local name pids=() pid
  for name in "$@"; do
    pid=$(cat "$STATE/pids/$name" 2>/dev/null) && kill "$pid" 2>/dev/null && pids+=("$pid")
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

# stop_cluster: stops what `up` started, and the operator run.sh may have left running (--keep), by their recorded
# pids; keeps the logs for a look afterwards (lib/env.sh kept_logs: $CACHE/logs for the default state directory).
# Fails when the real node left something behind. The network namespace stays (down removes it).
stop_cluster() {
  stop_pid prometheus alertmanager alert-webhook operator standby kserve-manager
  node_down
  stop_pid "${PROCESSES[@]}"
  local leftovers logs
  leftovers=$(node_leftovers)
  logs=$(kept_logs "$STATE")
  if [ -d "$STATE/pids" ]; then
    rm -rf "$logs"
    cp -r "$STATE/logs" "$logs" 2>/dev/null || true
  fi
  [ -z "$leftovers" ] || die "left behind by the real node:
$leftovers"
  if [ -d "$STATE" ]; then
    rm -rf "$STATE"
    log "stopped; logs kept in $logs"
  fi
}

# netns_up: the cluster's network namespace with its loopback up. The real node's CNI plugin adds a veth per pod.
netns_up() {
  [ -e "$NETNS_PATH" ] || ip netns add "$NETNS"
  ip -n "$NETNS" link set lo up
}

# netns_processes: processes in the cluster's network namespace, except this one and its ancestors (run.sh calls
# down from inside it). Builtins only, so the scan itself starts no process there.
netns_processes() {
  [ -e "$NETNS_PATH" ] || return 0
  local own=" " pid=$BASHPID key value proc
  while [ "$pid" -gt 1 ]; do
    own+="$pid "
    while read -r key value; do [ "$key" = PPid: ] && break; done <"/proc/$pid/status"
    pid=$value
  done
  for proc in /proc/[0-9]*; do
    [[ $own == *" ${proc#/proc/} "* ]] && continue
    [ "$proc/ns/net" -ef "$NETNS_PATH" ] && echo "${proc#/proc/}"
  done
  return 0
}

# down: stop_cluster, then remove the network namespace; fails when a process still runs in it.
down() {
  stop_cluster
  [ -e "$NETNS_PATH" ] || return 0
  local pid leftovers=""
  for pid in $(netns_processes); do
    leftovers+="process $pid in network namespace $NETNS: $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")
"
  done
  [ -z "$leftovers" ] || die "left behind:
$leftovers"
  ip netns delete "$NETNS"
  [ ! -e "$NETNS_PATH" ] || die "network namespace $NETNS left behind"
  log "down"
}

# cluster_env: the environment of the running cluster, as shell exports.
cluster_env() {
  alive kube-apiserver || die "no cluster running (e2e/cluster.sh up)"
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
  echo "export PATH=$BIN:\$PATH"
  echo "export DEPLOYCHECK_E2E_NETNS=$NETNS_PATH"
  if [ -f "$REGISTRY_DIR/address" ]; then
    echo "export DEPLOYCHECK_E2E_REGISTRY=$(cat "$REGISTRY_DIR/address")"
    echo "export DEPLOYCHECK_E2E_AUTH_REGISTRY=$(cat "$REGISTRY_DIR/auth-address")"
    echo "export DEPLOYCHECK_E2E_AUTH_REGISTRY_CREDENTIALS=$REGISTRY_DIR/credentials"
  fi
  alive kubelet && echo "export DEPLOYCHECK_E2E_REAL_NODE=$REAL_NODE"
  echo "export DEPLOYCHECK_E2E_KSERVE=$(alive kserve-manager && echo true || echo false)"
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  env) cluster_env ;;
  exec)
    shift
    eval "$(cluster_env)"
    [ $# -gt 0 ] || set -- bash
    exec nsenter --net="$NETNS_PATH" -- "$@"
    ;;
  *) echo "usage: $0 up [--control-plane]|down|env|exec [COMMAND...]" >&2; exit 2 ;;
esac
