# Revisions: a new revision that cannot pull its image while the old one still serves is judged on the newest
# revision (ImageNotFound), not on the ready old pod; and the reverse: a fixed revision replacing the failing one
# makes the rollout Ready again (a new rollout, through Progressing: a second RolloutReady Event).
use_namespace e2e-revision
isvc model
deploycheck model model 5m
await_check model Ready Ready 90
old=$(pod_of model)

step "new revision with a tag that was never pushed"
isvc model image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v2-missing"
await_check model Stuck ImageNotFound 60
[ "$(kubectl get pod "$old" -n "$NS" -o jsonpath='{.status.containerStatuses[0].ready}')" = true ] \
  || fail "the old revision's pod stopped serving"
contains "$(field model .status.message)" "v2-missing" "status.message"

step "the reverse: a fixed revision replaces the failing one"
isvc model env=REVISION=3
await_check model Ready Ready 90
second_ready() { events_about DeployCheck model | grep -qx "Normal RolloutReady 2"; }
await 20 "a second Normal RolloutReady Event" second_ready
