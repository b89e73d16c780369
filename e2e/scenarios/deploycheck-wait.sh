# `deploycheck wait` against the cluster, as a CD pipeline runs it: exit 0 on a Ready rollout, exit 1 with the
# diagnosis on a stuck one.
# picocli answers an unknown command followed by --help with the top-level usage and exit 0: look for wait's own.
usage=$(java -jar "$JAR" wait --help 2>&1) || true
[[ $usage == "Usage: deploycheck wait"* ]] || fail "target/deploycheck.jar has no wait command: 'deploycheck wait --help' printed:
$usage"
use_namespace e2e-wait
isvc model
step "deploycheck wait on a healthy rollout"
java -jar "$JAR" wait -n "$NS" --inference-service model --timeout 90s --stuck-after "$STUCK_AFTER"

isvc broken image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9"
step "deploycheck wait on a missing tag"
set +e
output=$(java -jar "$JAR" wait -n "$NS" --inference-service broken --timeout 90s --stuck-after "$STUCK_AFTER" 2>&1)
code=$?
set -e
echo "$output"
[ $code -eq 1 ] || fail "exit code $code, expected 1"
contains "$output" "ImageNotFound" "deploycheck wait's output"
