# /metrics has deploycheck_rollout_stuck{...,reason="ImageNotFound"} 1 while the rollout is Stuck; the fix (a new
# InferenceService generation with an image that exists) makes the rollout Ready and the series disappears.
use_namespace e2e-metrics
isvc model image="$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9"
deploycheck model model
await_check model Stuck ImageNotFound 60

stuck_series() { [ -n "$(metric deploycheck_rollout_stuck | grep -F 'reason="ImageNotFound"' | grep -E ' 1\.0$')" ]; }
await 20 "the stuck series" stuck_series
stuck=$(metric deploycheck_rollout_stuck)
echo "$stuck"
contains "$stuck" 'category="ImagePull"' "the stuck series"
contains "$stuck" 'inferenceservice="model"' "the stuck series"

step "fix: push a tag that exists"
isvc model image="$MODEL_IMAGE"
await_check model Ready Ready 90
[ -z "$(metric deploycheck_rollout_stuck)" ] || fail "the stuck series is still there: $(metric deploycheck_rollout_stuck)"
[ -n "$(metric deploycheck_rollout_phase | grep -F 'phase="Ready"' | grep -E ' 1\.0$')" ] || fail "phase series is not Ready"
