#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, from the binaries e2e/build.sh built:
#   etcd, kube-apiserver (static token file, --authorization-mode=Node,RBAC, ServiceAccount token signing),
#   kube-controller-manager, kube-scheduler, and kwok playing the kubelet of two fake nodes (4 CPU / 16Gi each).
# Then the cluster contents: the DeployCheck CRD (crds/), a trimmed InferenceService CRD, the fake nodes.
#
#   e2e/cluster.sh up     start everything (builds what is missing first); prints the admin kubeconfig's path
#   e2e/cluster.sh down   stop what `up` started (by the pids it recorded) and delete the cluster's files
#   e2e/cluster.sh env    print `export KUBECONFIG=...` for the running cluster (eval "$(e2e/cluster.sh env)")
#
# Files: $DEPLOYCHECK_E2E_STATE (default ~/.cache/deploycheck-e2e/cluster): kubeconfig, pki/, logs/*.log, pids/.
# Every port is a free loopback port chosen at start; nothing listens beyond 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"

log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

KUBECONFIG_FILE=$STATE/kubeconfig
KUBECTL=$BIN/kubectl

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

up() {
  if alive kube-apiserver; then
    log "already running"
    echo "$KUBECONFIG_FILE"
    return
  fi
  "$E2E_DIR/build.sh"
  # Leftovers of a cluster that died: stop what still runs, start clean.
  down
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
    --profiling=false
  await kube-apiserver 120 "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" get --raw /readyz

  log "kube-controller-manager, kube-scheduler"
  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig "$KUBECONFIG_FILE" --leader-elect=false --secure-port 0 \
    --root-ca-file "$STATE/pki/ca.crt" --service-account-private-key-file "$STATE/pki/sa.key" \
    --use-service-account-credentials=false --profiling=false
  start kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig "$KUBECONFIG_FILE" --leader-elect=false --secure-port 0 --profiling=false

  log "kwok"
  # Pod and node IPs come from loopback ranges: nothing that follows a pod IP (the API server's pod proxy) can
  # leave the machine.
  start kwok "$BIN/kwok" --kubeconfig "$KUBECONFIG_FILE" --config "$STATE/kwok.yaml" \
    --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr 127.64.0.0/16 --node-ip 127.0.0.1

  local k=("$KUBECTL" --kubeconfig "$KUBECONFIG_FILE")
  "${k[@]}" apply -f "$REPO_DIR/crds/" -f "$REPO_DIR/src/test/resources/operator/inferenceservice-crd.yaml" >/dev/null
  "${k[@]}" apply -f "$E2E_DIR/kwok/nodes.yaml" >/dev/null
  await kwok 60 "${k[@]}" wait --for=condition=Ready node --all --timeout=1s
  "${k[@]}" wait --for=condition=Established crd --all --timeout=60s >/dev/null
  # Pods need the namespace's default ServiceAccount, which the controller-manager creates.
  await kube-controller-manager 60 "${k[@]}" get serviceaccount default -n default
  log "up: $("${k[@]}" get nodes --no-headers | wc -l) nodes"
  echo "$KUBECONFIG_FILE"
}

# Stops what `up` started, and the operator run.sh may have left running (--keep), by their recorded pids; keeps
# the logs in $CACHE/logs for a look afterwards.
down() {
  local name pid
  local order=(prometheus alertmanager alert-webhook operator kwok kube-scheduler kube-controller-manager kube-apiserver etcd)
  for name in "${order[@]}"; do
    pid=$(cat "$STATE/pids/$name" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null || true
  done
  for name in "${order[@]}"; do
    pid=$(cat "$STATE/pids/$name" 2>/dev/null) || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -d "$STATE/pids" ]; then
    rm -rf "$CACHE/logs"
    cp -r "$STATE/logs" "$CACHE/logs" 2>/dev/null || true
    rm -rf "$STATE"
    log "down; logs kept in $CACHE/logs"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env)
    alive kube-apiserver || die "no cluster running (e2e/cluster.sh up)"
    echo "export KUBECONFIG=$KUBECONFIG_FILE"
    echo "export PATH=$BIN:\$PATH"
    ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
