# The operator restarted mid-rollout rebuilds everything from the cluster: the rollout keeps its start time, goes
# Stuck on time, and no Event is repeated, neither by the restart mid-rollout nor by one after Stuck. Each stop is
# a SIGTERM, and the operator must exit by itself within the chart's 30 s grace period (checked last, so the
# restart itself is judged either way).
use_namespace e2e-restart
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model 30s
await_check model Progressing ReadinessProbeFailing 60
started=$(field model .status.rolloutStartedAt)

# reconciled: the running operator has reconciled this DeployCheck (its metrics have a phase for it). Events are
# written before metrics in a reconciliation, so any Event it meant to write exists by then.
reconciled() {
  [ -n "$(metric deploycheck_rollout_phase | grep -E ' 1\.0$')" ]
}

unclean=()
step "restart while Progressing"
operator_stop || unclean+=("while Progressing")
operator_start
await 60 "the new operator to reconcile the DeployCheck" reconciled
await_check model Stuck ReadinessProbeFailing 60
[ "$(field model .status.rolloutStartedAt)" = "$started" ] || fail "rolloutStartedAt changed across the restart"
events=$(events_about DeployCheck model)
echo "$events"
[ "$events" = "Warning ReadinessProbeFailing 1" ] || fail "expected one Warning ReadinessProbeFailing Event, count 1"

step "restart while Stuck"
operator_stop || unclean+=("while Stuck")
operator_start
await 60 "the new operator to reconcile the DeployCheck" reconciled
[ "$(events_about DeployCheck model)" = "Warning ReadinessProbeFailing 1" ] || fail "an Event was repeated: $(events_about DeployCheck model)"
[ "$(our_events_about InferenceService model)" = "Warning ReadinessProbeFailing 1" ] \
  || fail "the operator's Events on the InferenceService: $(our_events_about InferenceService model)"
[ ${#unclean[@]} -eq 0 ] || fail "the operator needed SIGKILL to stop (${unclean[*]}): SIGTERM did not end it within 30s"
