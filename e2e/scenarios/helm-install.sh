# The operator installed the way a platform team installs it (README, "Install the operator"): its image built
# without Docker and pushed to the e2e registry (lib/image.sh), the chart installed with the real helm, the
# operator running as a pod on the real node with the chart's RBAC, leader election, probes and read-only root file
# system. Then a healthy rollout and a definitive failure, `helm upgrade` (a new pod takes over: every DeployCheck
# keeps its state, no Event is repeated) and `helm uninstall`. run.sh's own operator steps aside meanwhile.
[ -n "${DEPLOYCHECK_E2E_REAL_NODE:-}" ] \
  || skip "no real node in this cluster (DEPLOYCHECK_E2E_REAL_NODE is unset): the operator's pod needs a kubelet"
source "$E2E_DIR/lib/image.sh"
release_ns=deploycheck-system
repository=$DEPLOYCHECK_E2E_REGISTRY/deploycheck
version=$(project_version)
helm() { "$BIN/helm" "$@"; }
operator_pod() {
  kubectl get pods -n "$release_ns" -l app.kubernetes.io/instance=deploycheck --field-selector status.phase=Running \
    --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.name}'
}
holder_is() { [ "$(lease_holder)" = "$1" ]; }

step "the image: image/base.sh, Jib to target/jib-image.tar, crane push to $repository:$version"
image_push "$repository" || fail "the image was not built and pushed"

step "run.sh's operator and its RBAC objects make way for the release's"
operator_stop 30 || true
kubectl delete -f "$STATE/operator-rbac.yaml" --ignore-not-found --wait=true >/dev/null
restore() {
  helm uninstall deploycheck -n "$release_ns" >/dev/null 2>&1 || true
  operator_credentials && operator_start
}
trap restore EXIT

# What differs from a production install, all from this cluster: the API server listens on 127.0.0.1 of the
# cluster's network namespace and no kube-proxy routes the kubernetes Service, so the operator shares the node's
# network (hostNetwork) and is pointed there; no AWS.
metrics_port=$(python3 "$E2E_DIR/lib/freeport.py" 1)
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
cat >"$STATE/helm-e2e-values.yaml" <<YAML
hostNetwork: true
metrics: {port: $metrics_port}
registry: {verify: false}
nodeSelector: {kubernetes.io/hostname: $DEPLOYCHECK_E2E_REAL_NODE}
extraEnv:
  - {name: KUBERNETES_SERVICE_HOST, value: "127.0.0.1"}
  - {name: KUBERNETES_SERVICE_PORT, value: "${server##*:}"}
YAML

step "helm install (README's command, plus this cluster's values)"
cd "$REPO_DIR"
# --force-conflicts: cluster.sh applied the CRD with kubectl, and Helm 4 applies the chart's copy server-side.
helm install deploycheck helm/deploycheck-operator -n deploycheck-system --create-namespace \
  --set image.repository="$repository" -f "$STATE/helm-e2e-values.yaml" --force-conflicts
kubectl -n deploycheck-system rollout status deployment/deploycheck --timeout=180s
pod=$(operator_pod)
[ -n "$pod" ] || fail "no running operator pod"
jp() { kubectl get pod "$1" -n "$release_ns" -o jsonpath="{$2}"; }
[ "$(jp "$pod" .spec.nodeName)" = "$DEPLOYCHECK_E2E_REAL_NODE" ] || fail "the operator pod is not on the real node"
[ "$(jp "$pod" '.spec.containers[0].image')" = "$repository:$version" ] || fail "image is not $repository:$version"
[ "$(jp "$pod" '.status.containerStatuses[0].restartCount')" = 0 ] || fail "the operator restarted"
[ "$(jp "$pod" '.spec.containers[0].securityContext.readOnlyRootFilesystem')" = true ] || fail "rootfs is writable"
started=$(jp "$pod" '.status.containerStatuses[0].state.running.startedAt')
ready=$(jp "$pod" '.status.conditions[?(@.type=="Ready")].lastTransitionTime')
echo "operator pod $pod: image $(jp "$pod" '.status.containerStatuses[0].imageID'), container started $started," \
  "Ready $ready ($(( $(date -d "$ready" +%s) - $(date -d "$started" +%s) )) s)"

step "the container as the kernel sees it: user 65532, root file system read-only"
pid=$(pgrep -f -- "-jar /app/deploycheck.jar operator" || true)
[ -n "$pid" ] && [ "$(wc -l <<<"$pid")" = 1 ] || fail "not one process runs the image's entry point: '$pid'"
awk '$1 == "Uid:" {print "uid", $2} $1 == "VmRSS:" {print "rss", $2, $3}' "/proc/$pid/status"
[ "$(awk '$1 == "Uid:" {print $2}' "/proc/$pid/status")" = 65532 ] || fail "the operator does not run as 65532"
root_options=$(awk '$5 == "/" {print $6}' "/proc/$pid/mountinfo")
[[ $root_options == ro,* || $root_options == ro ]] || fail "the root file system is mounted '$root_options'"

step "the first log line, leader election and probes"
first=$(kubectl logs "$pod" -n "$release_ns" | sed -n 1p)
echo "$first"
contains "$first" "deploycheck $version operator starting: watching all namespaces; /metrics, /healthz, /readyz on port $metrics_port; leader election on (Lease deploycheck-system/deploycheck-operator); ECR verification off" "the first log line"
await 60 "the pod to hold the Lease" holder_is "$pod"
curl -fsS "http://127.0.0.1:$metrics_port/readyz" >/dev/null || fail "/readyz does not answer 200"
# The kubelet's own probes decided Ready: its startup, liveness and readiness probes ask /healthz and /readyz.
[ "$(jp "$pod" '.status.containerStatuses[0].ready')" = true ] || fail "the container is not ready"

step "a healthy rollout and a definitive failure, diagnosed by the in-cluster operator"
use_namespace e2e-helm
isvc model
deploycheck model model
isvc broken image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9"
deploycheck broken broken 5m
kubectl wait --for=condition=Ready deploycheck/model -n "$NS" --timeout=120s
await_check broken Stuck ImageNotFound 90
await 30 "the RolloutReady Event" has_event DeployCheck RolloutReady Normal
await 30 "the ImageNotFound Event" bash -c "kubectl get events -n $NS -o name \
  --field-selector involvedObject.kind=DeployCheck,involvedObject.name=broken,reason=ImageNotFound | grep -q ."
state() {
  local name
  for name in model broken; do
    echo "$name $(field "$name" .status.phase) $(field "$name" .status.reason) $(field "$name" .status.since)" \
      "$(field "$name" .status.rolloutStartedAt)"
    events_about DeployCheck "$name"
  done
}
before=$(state)
echo "$before"

step "helm upgrade: a new pod takes over the Lease; state kept, no Event repeated"
helm upgrade deploycheck helm/deploycheck-operator -n deploycheck-system --reuse-values \
  --set-string podAnnotations.e2e-upgrade="$(date +%s)"
kubectl -n deploycheck-system rollout status deployment/deploycheck --timeout=180s
await 60 "the old pod to be gone" bash -c "! kubectl get pod $pod -n $release_ns"
new_pod=$(operator_pod)
[ "$new_pod" != "$pod" ] || fail "helm upgrade did not replace the pod"
await 60 "the new pod to hold the Lease" holder_is "$new_pod"
# The old pod handed the Lease back as it stopped: the new one took it as soon as it ran for leader, not after the
# lease duration (45 s) of the old pod's last renewal.
started=$(date -d "$(jp "$new_pod" '.status.containerStatuses[0].state.running.startedAt')" +%s)
acquired=$(date -d "$(kubectl get lease deploycheck-operator -n "$release_ns" -o jsonpath='{.spec.acquireTime}')" +%s)
echo "measured: the new pod took the Lease $((acquired - started))s after its container started (bar 20 s)"
[ $((acquired - started)) -le 20 ] || fail "the new pod waited $((acquired - started))s for the Lease: not released"
# The new leader has reconciled both DeployChecks once its metrics show them.
await 60 "the new pod's metrics for both DeployChecks" bash -c "curl -fsS http://127.0.0.1:$metrics_port/metrics \
  | grep -F 'deploycheck_rollout_stuck{' | grep -qF 'deploycheck=\"broken\"'"
sleep 5  # room for a wrongly repeated Event to appear
after=$(state)
echo "$after"
[ "$after" = "$before" ] || fail "state or Events changed across helm upgrade:
before:
$before
after:
$after"
[ "$(helm status deploycheck -n deploycheck-system -o json | jq -r .version)" = 2 ] || fail "release is not revision 2"

step "helm uninstall: the release's objects go, the CRD and the DeployChecks stay"
helm uninstall deploycheck -n deploycheck-system
await 90 "the operator pods to be gone" bash -c "[ -z \"\$(kubectl get pods -n $release_ns \
  -l app.kubernetes.io/instance=deploycheck -o name)\" ]"
[ -z "$(kubectl get clusterroles,clusterrolebindings -l app.kubernetes.io/instance=deploycheck -o name)" ] \
  || fail "cluster-scoped RBAC objects left behind"
kubectl get crd deploychecks.deploycheck.io >/dev/null
[ "$(field broken .status.reason)" = ImageNotFound ] || fail "the DeployCheck lost its status"
