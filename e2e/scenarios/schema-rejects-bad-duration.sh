# The CRD's schema rejects a duration that is not Go syntax, at `kubectl apply`, with the pattern's message; and one
# with more digits than a duration can hold (9999999999999h once wrapped silently to 0s), by the same bounded pattern.
use_namespace e2e-schema
for duration in 5x 9999999999999h; do
  set +e
  output=$(kubectl apply -n "$NS" -f - 2>&1 <<YAML
apiVersion: deploycheck.io/v1alpha1
kind: DeployCheck
metadata:
  name: model
spec:
  inferenceService: model
  stuckAfter: $duration
YAML
  )
  code=$?
  set -e
  echo "$output"
  [ $code -ne 0 ] || fail "kubectl apply accepted stuckAfter: $duration"
  contains "$output" "spec.stuckAfter: Invalid value: \"$duration\": spec.stuckAfter in body should match" \
    "kubectl apply's error"
  kubectl get deploycheck model -n "$NS" >/dev/null 2>&1 && fail "the DeployCheck was created anyway"
done
true
