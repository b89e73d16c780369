# /metrics has deploycheck_rollout_stuck{...,reason="ImageNotFound"} 1 while the rollout is Stuck; the fix (a new
# InferenceService generation with an image that exists) makes the rollout Ready and the series disappears.
use_namespace e2e-metrics
inference_service model "$MISSING_IMAGE"
predictor model image="$MISSING_IMAGE" behavior=image-not-found
deploycheck model model
await_check model Stuck ImageNotFound 30

stuck_series() { [ -n "$(metric deploycheck_rollout_stuck | grep -F 'reason="ImageNotFound"' | grep -E ' 1\.0$')" ]; }
await 20 "the stuck series" stuck_series
stuck=$(metric deploycheck_rollout_stuck)
echo "$stuck"
contains "$stuck" 'category="ImagePull"' "the stuck series"
contains "$stuck" 'inferenceservice="model"' "the stuck series"

step "fix: push a tag that exists"
inference_service model "$GOOD_IMAGE"
predictor model image="$GOOD_IMAGE"
isvc_ready model True
await_check model Ready Ready 90
[ -z "$(metric deploycheck_rollout_stuck)" ] || fail "the stuck series is still there: $(metric deploycheck_rollout_stuck)"
[ -n "$(metric deploycheck_rollout_phase | grep -F 'phase="Ready"' | grep -E ' 1\.0$')" ] || fail "phase series is not Ready"
