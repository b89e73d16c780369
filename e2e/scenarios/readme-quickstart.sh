# README.md's operator quickstart, run as written there: the commands are read from the README's first bash block
# under "## Operator quickstart", not copied here, so the README and its behaviour cannot drift apart. KServe's own
# controller makes the predictor, and the real node's kubelet and containerd try to pull the example's image. Three
# documented substitutions stand in for what this cluster lacks or shares, and nothing else is changed:
#   - port 8080 (several clusters share this machine): a free port takes its place;
#   - the examples' registry host, ECR account 123456789012 (unreachable from here, where nothing is pulled from
#     outside): the cluster's loopback registry takes its place in the YAML the README's `kubectl apply -f
#     examples/...` lines apply, so the never-pushed tag 3f9c2e1 fails as a real missing tag does ("not found");
#   - the fake kwok nodes are cordoned meanwhile, so the example's pod (it has no nodeSelector) goes where a user's
#     would, to a real kubelet.
# The harness's operator is stopped meanwhile, so the README's operator (with the admin kubeconfig, as a user runs
# it) is the only one; run.sh starts the harness's operator again afterwards. Then `kubectl apply -f deploy/`, as
# README's install section says, on this cluster without the Prometheus Operator.
quickstart=$(awk '/^## Operator quickstart/ {inside = 1; next}
  inside && /^```bash$/ {block = 1; next}
  block && /^```$/ {exit}
  block {print}' "$REPO_DIR/README.md")
[ -n "$quickstart" ] || fail "README.md has no bash block under '## Operator quickstart'"
contains "$quickstart" "deploycheck operator" "the README's quickstart"
contains "$quickstart" "kubectl wait --for=condition=Reconciling=False" "the README's quickstart"
port=$(python3 "$E2E_DIR/lib/freeport.py" 1)
quickstart=${quickstart//8080/$port}
ecr=123456789012.dkr.ecr.ap-northeast-2.amazonaws.com
grep -qF "$ecr/" "$REPO_DIR/examples/inference-service.yaml" || fail "examples/inference-service.yaml names no image in $ecr"
# `kubectl apply -f examples/X.yaml` -> the same file with the loopback registry in place of ECR.
quickstart=$(sed -E "s#kubectl apply -f (examples/[a-z-]+\.yaml)#sed 's|$ecr/|$DEPLOYCHECK_E2E_REGISTRY/|' \1 | kubectl apply -f -#" <<<"$quickstart")
contains "$quickstart" "$DEPLOYCHECK_E2E_REGISTRY/" "the quickstart with the loopback registry"

NS=kubeflow-user01
kubectl delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null
operator_stop 30
# No AWS here: the README's operator verifies ECR by default; without instance metadata to probe, the SDK says at
# once that it has no credentials (and the hint then says ECR was not consulted).
export AWS_EC2_METADATA_DISABLED=true
cd "$REPO_DIR"
# The README's `deploycheck` is the launcher bin/install.sh installs; from a checkout, bin/deploycheck is the same.
export PATH="$REPO_DIR/bin:$PATH"
# lib/scenario.sh's `deploycheck` helper (it applies a DeployCheck) would shadow that command.
unset -f deploycheck
quickstart_operator=""
fake_nodes='type in (kwok,kwok-gpu)'
cleanup() {
  [ -z "$quickstart_operator" ] || kill "$quickstart_operator" 2>/dev/null || true
  kubectl uncordon -l "$fake_nodes" >/dev/null || true
}
trap cleanup EXIT
kubectl cordon -l "$fake_nodes" >/dev/null
while IFS= read -r line; do
  [ -n "$line" ] || continue
  step "README: $line"
  # Checked here: run.sh runs a scenario as an `if` condition, where `set -e` does not apply.
  eval "$line" || fail "the README's line failed: $line"
  case $line in
    *"operator"*"&"*) quickstart_operator=$! ;;
  esac
done <<<"$quickstart"

step "the quickstart's wait ended on the definitive failure, well before its timeout"
[ "$(field california-housing .status.phase)/$(field california-housing .status.reason)" = "Stuck/ImageNotFound" ] \
  || fail "expected Stuck/ImageNotFound, got $(field california-housing .status.phase)/$(field california-housing .status.reason)"
[ "$(field california-housing '.status.conditions[?(@.type=="Stalled")].status')" = "True" ] || fail "Stalled is not True"
wide=$(kubectl get dchk california-housing -n "$NS" -o wide --no-headers)
echo "$wide"
contains "$wide" "ImageNotFound"
contains "$wide" "$(field california-housing .status.shortHint)" "the HINT column"
# The object's part of kubectl describe (the Events after it quote the message in their own right).
described=$(kubectl describe dchk california-housing -n "$NS" | sed '/^Events:/,$d')
[ "$(grep -cF -- "$(field california-housing .status.message)" <<<"$described")" -eq 1 ] \
  || fail "kubectl describe shows the message other than once:
$described"
step "the real node's containerd answered the pull"
image=$DEPLOYCHECK_E2E_REGISTRY/ml-model-california-housing:3f9c2e1
[ "$(field california-housing .spec.expectedImage)" = "$image" ] || fail "expectedImage is not $image"
# source: containerd v2.4.2 internal/cri/server/images/image_pull.go, resolver "%s: not found"
contains "$(field california-housing .status.message)" "failed to resolve image: $image: not found" "status.message"
pod=$(pod_of california-housing)
[ "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.spec.nodeName}')" = "$DEPLOYCHECK_E2E_REAL_NODE" ] \
  || fail "the example's pod is not on the real node"
if [ -n "$quickstart_operator" ]; then
  for _ in $(seq 100); do kill -0 "$quickstart_operator" 2>/dev/null || break; sleep 0.1; done
  ! kill -0 "$quickstart_operator" 2>/dev/null || fail "the README's 'kill %1' did not stop its operator"
fi
kubectl delete namespace "$NS" --wait=false >/dev/null
kubectl uncordon -l "$fake_nodes" >/dev/null

step "kubectl apply -f deploy/ on a cluster without the Prometheus Operator"
# deploy/ labels the release namespace (the harness's operator's) to enforce the restricted Pod Security Standard;
# the label goes again afterwards where it was not there before (helm-install runs a hostNetwork pod there).
enforce_label=pod-security.kubernetes.io/enforce
enforced=$(kubectl get namespace deploycheck-system -o jsonpath="{.metadata.labels.${enforce_label//./\\.}}" 2>/dev/null || true)
kubectl apply -f deploy/
kubectl get deployment deploycheck -n deploycheck-system >/dev/null
kubectl get crd deploychecks.deploycheck.io >/dev/null
# Its folders: the Prometheus Operator's kinds are refused here, as their README says they would be.
set +e
refused=$(kubectl apply -f deploy/prometheus-operator/ 2>&1)
code=$?
set -e
[ $code -ne 0 ] || fail "deploy/prometheus-operator/ applied on a cluster without the Prometheus Operator"
contains "$refused" "ServiceMonitor"
# Leave the harness's operator alone: only the Deployment and Service deploy/ added go (its RBAC is the chart's,
# which the harness applied already).
kubectl delete deployment/deploycheck service/deploycheck -n deploycheck-system --ignore-not-found >/dev/null
[ -n "$enforced" ] || kubectl label namespace deploycheck-system "$enforce_label-" >/dev/null
