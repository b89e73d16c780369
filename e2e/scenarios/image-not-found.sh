# A tag that was never pushed: containerd's "not found" (kwok stage image-not-found) is ImageNotFound, definitive,
# so Stuck at once, with a Warning Event on the DeployCheck.
use_namespace e2e-image
inference_service model "$MISSING_IMAGE"
predictor model image="$MISSING_IMAGE" behavior=image-not-found
deploycheck model model 5m

# stuckAfter is 5m here: only a definitive reason can be Stuck this soon.
await_check model Stuck ImageNotFound 30
contains "$(field model .status.message)" "not found" "status.message"
contains "$(field model .status.hint)" "3f9c2e1" "status.hint"
[ "$(field model .status.category)" = ImagePull ] || fail "category is not ImagePull"
[ "$(field model .status.guideProblem)" = 4 ] || fail "guideProblem is not 4"
await 20 "a Warning ImageNotFound Event" has_event DeployCheck ImageNotFound Warning
