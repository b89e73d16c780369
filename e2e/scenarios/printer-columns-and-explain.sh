# `kubectl get deploychecks` shows ISVC, READY, PHASE, REASON, AGE (and HINT with -o wide); the short name works;
# `kubectl explain deploycheck.spec` teaches every field.
use_namespace e2e-columns
isvc model
deploycheck model model
kubectl wait --for=condition=Ready deploycheck/model -n "$NS" --timeout=90s >/dev/null

table=$(kubectl get deploychecks -n "$NS")
echo "$table"
header=$(head -1 <<<"$table" | tr -s ' ')
[ "$header" = "NAME ISVC READY PHASE REASON AGE" ] || fail "columns are '$header'"
row=$(sed -n 2p <<<"$table" | tr -s ' ')
[[ $row == "model model 1/1 Ready Ready "* ]] || fail "row is '$row'"

wide=$(kubectl get dchk -n "$NS" -o wide)
wide=$(head -1 <<<"$wide" | tr -s ' ')
[ "$wide" = "NAME ISVC READY PHASE REASON AGE HINT" ] || fail "wide columns are '$wide'"
all=$(kubectl get deploychecks -A)
[[ $all == NAMESPACE* ]] || fail "-A has no NAMESPACE column"

explain=$(kubectl explain deploycheck.spec)
echo "$explain"
contains "$explain" "KIND:       DeployCheck" "kubectl explain"
for f in inferenceService components expectedImage stuckAfter progressDeadline registry; do
  contains "$explain" "$f" "kubectl explain"
done
# Every field has a description: no "<no description>" anywhere in the spec or status.
explain_all=$(kubectl explain deploycheck --recursive=false; kubectl explain deploycheck.spec.registry; kubectl explain deploycheck.status)
not_contains "$explain_all" "<no description>" "kubectl explain"
