# The real node, sourced by cluster.sh (uses its start/await/log/die and the registries of lib/registry.sh):
# containerd (CRI, runc from Debian) and a kubelet of the cluster's Kubernetes version that joins as node
# $REAL_NODE, labelled type=real (the kwok nodes are type=kwok; scenarios pick one by nodeSelector).
#
# Pod networking is the CNI base plugins' (Debian's containernetworking-plugins): `ptp` gives each pod a veth pair,
# the pod's end an address of POD_SUBNET from `host-local`, the node's end a route to it; containerd's `loopback`
# brings each pod's lo up. The node's network is the cluster's network namespace (cluster.sh), so pods have
# private addresses there, which the kubelet's probes, the API server's pod proxy and the endpoint controllers take
# as they are, and nothing is routed out of it.
#
# Everything lives under $STATE/node: containerd's root and state (network namespaces included), the kubelet's root
# and pod logs. node_down leaves no process, mount or cgroup behind.
REAL_NODE=e2e-real
NODE_DIR=$STATE/node
CONTAINERD_SOCK=$NODE_DIR/containerd/containerd.sock
# Clusters of other state directories may run real nodes on this machine too: each node has cgroups under a root
# of its own (the kubelet's cgroupRoot). Pod addresses need not differ: each cluster has its own network namespace.
CGROUP_ROOT=deploycheck-e2e-$(basename "$STATE")
POD_SUBNET=10.88.0.0/16

# The Debian packages the node needs: runc, the CNI base plugins (ptp, host-local, loopback), and `ip` for the
# cluster's network namespace (cluster.sh).
node_packages() {
  local missing=()
  command -v runc >/dev/null || missing+=(runc)
  command -v ip >/dev/null || missing+=(iproute2)
  [ -x /usr/lib/cni/ptp ] || missing+=(containernetworking-plugins)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} (Debian)"
  [ "$(id -u)" = 0 ] || die "the real node needs root (containerd, kubelet); missing: ${missing[*]}"
  apt_install "${missing[@]}"
}

containerd_config() {
  local dir=$NODE_DIR/containerd
  mkdir -p "$dir/certs.d" "$NODE_DIR/cni/net.d"
  # Plain HTTP for both loopback registries.
  local registry
  for registry in "$REGISTRY" "$AUTH_REGISTRY"; do
    mkdir -p "$dir/certs.d/$registry"
    printf 'server = "http://%s"\n\n[host."http://%s"]\n  capabilities = ["pull", "resolve"]\n' \
      "$registry" "$registry" >"$dir/certs.d/$registry/hosts.toml"
  done
  cat >"$NODE_DIR/cni/net.d/10-e2e-pods.conflist" <<JSON
{"cniVersion": "1.0.0", "name": "e2e-pods",
 "plugins": [{"type": "ptp",
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_SUBNET"}]], "routes": [{"dst": "0.0.0.0/0"}],
            "dataDir": "$NODE_DIR/cni/ipam"}}]}
JSON
  cat >"$dir/config.toml" <<TOML
# Written by e2e/lib/node.sh.
version = 3
root = "$dir/root"
state = "$dir/state"
# NRI would listen on /var/run/nri: not needed here.
disabled_plugins = ["io.containerd.nri.v1.nri"]

[grpc]
  address = "$CONTAINERD_SOCK"

[plugins.'io.containerd.internal.v1.opt']
  path = "$dir/opt"

[plugins.'io.containerd.cri.v1.images']
  snapshotter = "overlayfs"
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = "$REGISTRY/e2e/pause:e2e"
  [plugins.'io.containerd.cri.v1.images'.registry]
    config_path = "$dir/certs.d"

[plugins.'io.containerd.cri.v1.runtime']
  # This machine's bounding set lacks CAP_SYS_RESOURCE: runc could not lower a pod's oom_score_adj.
  restrict_oom_score_adj = true
  # Pods' network namespaces under the state directory, so teardown finds every mount there.
  netns_mounts_under_state_dir = true
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["/usr/lib/cni"]
    conf_dir = "$NODE_DIR/cni/net.d"
  [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
      BinaryName = "$(command -v runc)"
      SystemdCgroup = false
TOML
}

# The kubelet's credentials: a client certificate of the node (Node authorizer: O=system:nodes,
# CN=system:node:NAME) signed by the cluster CA, and its kubeconfig.
kubelet_credentials() {
  local dir=$NODE_DIR/kubelet pki=$STATE/pki
  mkdir -p "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:nodes/CN=system:node:$REAL_NODE" \
    -keyout "$dir/client.key" -out "$dir/client.csr" 2>/dev/null
  openssl x509 -req -in "$dir/client.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -out "$dir/client.crt" 2>/dev/null
  chmod 600 "$dir/client.key"
  cat >"$dir/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster: {server: "https://127.0.0.1:$APISERVER_PORT", certificate-authority: "$pki/ca.crt"}
users:
- name: $REAL_NODE
  user: {client-certificate: "$dir/client.crt", client-key: "$dir/client.key"}
contexts:
- name: kubelet
  context: {cluster: e2e, user: $REAL_NODE}
current-context: kubelet
YAML
}

kubelet_config() {
  local dir=$NODE_DIR/kubelet ports
  mapfile -t ports < <(python3 "$E2E_DIR/lib/freeport.py" 2)
  mkdir -p "$dir/root" "$dir/pod-logs"
  echo "nameserver 127.0.0.1" >"$dir/resolv.conf"
  cat >"$dir/config.yaml" <<YAML
# Written by e2e/lib/node.sh.
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: ${ports[0]}
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: ${ports[1]}
# The API server's client certificate (logs, exec) is signed by the cluster CA.
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: "$STATE/pki/ca.crt"}
authorization: {mode: AlwaysAllow}
containerRuntimeEndpoint: "unix://$CONTAINERD_SOCK"
# This machine has cgroup v1 controllers; kubelet >= 1.35 refuses them unless told otherwise.
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
failCgroupV1: false
failSwapOn: false
podLogsDir: "$dir/pod-logs"
resolvConf: "$dir/resolv.conf"
serializeImagePulls: false
maxPods: 40
# A shared test machine: evict only when it is really short.
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%, nodefs.inodesFree: 1%}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
YAML
  echo "${ports[1]}" >"$dir/healthz-port"
}

# node_addresses: what a cloud controller does for a node of an external cloud provider: its addresses, and the
# end of the "uninitialized" taint. The kubelet refuses --node-ip 127.0.0.1; left to itself it would publish the
# machine's default address, where it does not listen (`kubectl logs`: "dial tcp ...: connection refused").
# No Hostname entry: the API server would resolve it by DNS.
node_addresses() {
  "${k[@]}" patch node "$REAL_NODE" --subresource=status --type=merge \
    -p '{"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}' >/dev/null
  "${k[@]}" taint node "$REAL_NODE" node.cloudprovider.kubernetes.io/uninitialized- >/dev/null 2>&1 || true
}

node_up() {
  mkdir -p "$NODE_DIR"
  containerd_config
  log "containerd $CONTAINERD_VERSION (runc $(runc --version | awk 'NR==1 {print $3}'))"
  start containerd "$BIN/containerd" --config "$NODE_DIR/containerd/config.toml"
  await containerd 60 "$BIN/ctr" --address "$CONTAINERD_SOCK" version

  kubelet_credentials
  kubelet_config
  # The kubelet wants its cgroup root to exist in every hierarchy.
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do mkdir -p "$hierarchy$CGROUP_ROOT"; done
  log "kubelet $KUBERNETES_VERSION as node $REAL_NODE"
  start kubelet "$BIN/kubelet" --config "$NODE_DIR/kubelet/config.yaml" \
    --kubeconfig "$NODE_DIR/kubelet/kubeconfig" --root-dir "$NODE_DIR/kubelet/root" \
    --hostname-override "$REAL_NODE" --node-labels type=real --cloud-provider external
  # With an external cloud provider, the kubelet publishes no address of its own and keeps the ones set for it.
  await kubelet 120 "${k[@]}" get node "$REAL_NODE"
  node_addresses
  await kubelet 120 "${k[@]}" wait --for=condition=Ready "node/$REAL_NODE" --timeout=1s
}

# node_down: stops the kubelet, then every container (pods' sandboxes included) by containerd's own API, then
# containerd; then unmounts what is left under $NODE_DIR and removes the kubelet's empty cgroups.
node_down() {
  [ -d "$NODE_DIR" ] || return 0
  stop_pid kubelet
  if alive containerd; then
    local ctr=("$BIN/ctr" --address "$CONTAINERD_SOCK" -n k8s.io) id
    for id in $("${ctr[@]}" tasks ls -q 2>/dev/null); do
      "${ctr[@]}" tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true
    done
    # containerd's CRI deletes a task once it has exited.
    for _ in $(seq 100); do
      [ -z "$("${ctr[@]}" tasks ls -q 2>/dev/null)" ] && break
      sleep 0.1
    done
    for id in $("${ctr[@]}" containers ls -q 2>/dev/null); do
      "${ctr[@]}" containers delete "$id" >/dev/null 2>&1 || true
    done
  fi
  stop_pid containerd
  # Shims outlive containerd when a task could not be deleted: they are the ones naming our socket.
  local pid
  for pid in $(node_processes); do kill -9 "$pid" 2>/dev/null || true; done
  local mount
  for mount in $(node_mounts | sort -r); do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true
  done
  local cgroup
  for cgroup in /sys/fs/cgroup/*/"$CGROUP_ROOT"; do
    [ -d "$cgroup" ] && find "$cgroup" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  # The kubelet links container logs into /var/log/containers.
  find /var/log/containers -maxdepth 1 -type l -lname "$NODE_DIR/*" -delete 2>/dev/null || true
  return 0
}

# What would be left behind: processes naming the node's files, mounts under them, the kubelet's cgroups.
node_processes() {
  # "[n]ode" keeps grep from finding its own command line.
  grep -als -- "${NODE_DIR%/node}/[n]ode/" /proc/[0-9]*/cmdline | cut -d/ -f3
  return 0
}

node_mounts() {
  awk -v dir="$NODE_DIR/" 'index($5, dir) == 1 {print $5}' /proc/self/mountinfo
}

node_cgroups() {
  ls -d /sys/fs/cgroup/*/"$CGROUP_ROOT" 2>/dev/null || true
}

# node_leftovers: one line per leftover; nothing when the node is gone cleanly.
node_leftovers() {
  local pid
  for pid in $(node_processes); do echo "process $pid: $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")"; done
  node_mounts | sed 's/^/mount /'
  node_cgroups | sed 's/^/cgroup /'
}
