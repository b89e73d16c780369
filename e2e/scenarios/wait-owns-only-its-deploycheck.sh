# deploycheck wait writes only a DeployCheck it owns (server-side apply, field manager deploycheck-wait); one that a
# GitOps tool manages is read and left exactly as it was, and wait says so.
use_namespace e2e-wait-owner
# A tag that was never pushed: the real node's pull fails with "not found" (ImageNotFound).
missing=$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9
isvc model image="$missing"
# What Argo CD does with server-side apply: its own field manager on the spec.
kubectl apply --server-side --field-manager=argocd-controller -n "$NS" -f - >/dev/null <<YAML
apiVersion: deploycheck.io/v1alpha1
kind: DeployCheck
metadata:
  name: model
spec:
  inferenceService: model
  expectedImage: $missing
  stuckAfter: 2m
  registry:
    verify: false
YAML
before=$(kubectl get deploycheck model -n "$NS" -o jsonpath='{.metadata.generation} {.spec}')

step "deploycheck wait on a GitOps-managed DeployCheck"
set +e
output=$(java -jar "$JAR" wait -n "$NS" --inference-service model --expected-image "$MODEL_IMAGE" \
  --stuck-after "$STUCK_AFTER" --timeout 90s 2>&1)
code=$?
set -e
echo "$output"
[ $code -eq 1 ] || fail "exit code $code, expected 1"
contains "$output" "(managed by argocd-controller: read, not changed; its stuckAfter 2m and progressDeadline 10m apply)"
contains "$output" "Result:   Stuck (ImageNotFound)"
after=$(kubectl get deploycheck model -n "$NS" -o jsonpath='{.metadata.generation} {.spec}')
[ "$after" = "$before" ] || fail "the DeployCheck changed: before '$before', after '$after'"
managers=$(kubectl get deploycheck model -n "$NS" --show-managed-fields -o jsonpath='{.metadata.managedFields[*].manager}')
not_contains "$managers" "deploycheck-wait" "the DeployCheck's field managers"

step "deploycheck wait creates and then updates its own DeployCheck by server-side apply"
isvc own image="$missing"
for stuck in 20s 25s; do
  set +e
  java -jar "$JAR" wait -n "$NS" --inference-service own --stuck-after "$stuck" --timeout 90s >/dev/null 2>&1
  code=$?
  set -e
  [ $code -eq 1 ] || fail "exit code $code, expected 1"
  [ "$(field own .spec.stuckAfter)" = "$stuck" ] || fail "stuckAfter is $(field own .spec.stuckAfter), not $stuck"
done
[ "$(field own '.metadata.labels.app\.kubernetes\.io/managed-by')" = "deploycheck-wait" ] || fail "no managed-by label"
managers=$(kubectl get deploycheck own -n "$NS" --show-managed-fields \
  -o jsonpath='{range .metadata.managedFields[*]}{.manager}/{.operation}{"\n"}{end}')
echo "$managers"
contains "$managers" "deploycheck-wait/Apply" "the DeployCheck's field managers"
not_contains "$managers" "fabric8" "the DeployCheck's field managers"
kubectl delete namespace "$NS" --wait=false >/dev/null
