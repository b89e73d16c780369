# A healthy rollout reaches Ready, and `kubectl wait --for=condition=Ready` (kstatus conditions) sees it.
use_namespace e2e-healthy
inference_service model
predictor model
deploycheck model model
isvc_ready model True

step "kubectl wait --for=condition=Ready deploycheck/model"
kubectl wait --for=condition=Ready deploycheck/model -n "$NS" --timeout=60s
[ "$(field model .status.phase)" = Ready ] || fail "phase is $(field model .status.phase), not Ready"
[ "$(field model .status.readyPods)/$(field model .status.totalPods)" = 1/1 ] || fail "pods not 1/1"
[ "$(field model '.status.conditions[?(@.type=="Stalled")].status')" = False ] || fail "Stalled is not False"
[ "$(field model .status.observedGeneration)" = 1 ] || fail "observedGeneration is not 1"

step "a Normal RolloutReady Event on the DeployCheck and on the InferenceService"
await 20 "a RolloutReady Event on the DeployCheck" has_event DeployCheck RolloutReady Normal
await 20 "a RolloutReady Event on the InferenceService" has_event InferenceService RolloutReady Normal
