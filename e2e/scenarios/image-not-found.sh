# A tag that was never pushed to the registry: the real kubelet and containerd report "not found", which is
# ImageNotFound, definitive, so Stuck at once, with a Warning Event on the DeployCheck. KServe's own status shows
# the Deployment's MinimumReplicasUnavailable and never gets a lastFailureInfo for an image pull.
use_namespace e2e-image
image=$DEPLOYCHECK_E2E_REGISTRY/models/testsrv:v9
isvc model image="$image"
deploycheck model model 5m

# stuckAfter is 5m here: only a definitive reason can be Stuck this soon.
await_check model Stuck ImageNotFound 60
message=$(field model .status.message)
# source: containerd v2.4.2 internal/cri/server/images/image_pull.go ("failed to pull and unpack image %q: %w"),
# resolver "%s: not found" (core/remotes/docker/resolver.go)
contains "$message" "failed to resolve image: $image: not found" "status.message"
contains "$(field model .status.hint)" "v9" "status.hint"
[ "$(field model .status.category)" = ImagePull ] || fail "category is not ImagePull"
[ "$(field model .status.guideProblem)" = 4 ] || fail "guideProblem is not 4"
await 20 "a Warning ImageNotFound Event" has_event DeployCheck ImageNotFound Warning
[ "$(isvc_condition model PredictorReady)" = False ] || fail "KServe's PredictorReady is not False"
