# Revisions: a new revision that cannot pull its image while the old one still serves is judged on the newest
# revision (ImageNotFound), not on the ready old pod; and the reverse: a fixed revision replacing a failing one
# makes the rollout Ready again (Recovered).
use_namespace e2e-revision
isvc model
deploycheck model model 5m
await_check model Ready Ready 90
old=$(pod_of model)

step "new revision with a tag that was never pushed"
isvc model image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v2-missing"
await_check model Stuck ImageNotFound 60
[ "$(field model .status.observedGeneration)" = 2 ] || fail "observedGeneration is not 2"
[ "$(kubectl get pod "$old" -n "$NS" -o jsonpath='{.status.containerStatuses[0].ready}')" = true ] \
  || fail "the old revision's pod stopped serving"
contains "$(field model .status.message)" "v2-missing" "status.message"

step "the reverse: a fixed revision replaces the failing one"
isvc model env=REVISION=3
await_check model Ready Ready 90
await 20 "a Normal Recovered Event" has_event DeployCheck Recovered Normal
