# The CRD's schema rejects a duration that is not Go syntax, at `kubectl apply`, with the pattern's message.
use_namespace e2e-schema
set +e
output=$(kubectl apply -n "$NS" -f - 2>&1 <<YAML
apiVersion: deploycheck.io/v1alpha1
kind: DeployCheck
metadata:
  name: model
spec:
  inferenceService: model
  stuckAfter: 5x
YAML
)
code=$?
set -e
echo "$output"
[ $code -ne 0 ] || fail "kubectl apply accepted stuckAfter: 5x"
contains "$output" 'spec.stuckAfter: Invalid value: "5x": spec.stuckAfter in body should match' "kubectl apply's error"
kubectl get deploycheck model -n "$NS" >/dev/null 2>&1 && fail "the DeployCheck was created anyway"
true
