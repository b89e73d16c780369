# A healthy InferenceService on the real node: KServe's controller writes Ready (its PredictorReady comes from the
# Deployment's NewReplicaSetAvailable), the DeployCheck goes Ready, and `kubectl wait --for=condition=Ready`
# (kstatus conditions) sees it. The kubelet's readiness probe really asked the model server's /health.
use_namespace e2e-healthy
isvc model
deploycheck model model

step "kubectl wait --for=condition=Ready deploycheck/model"
kubectl wait --for=condition=Ready deploycheck/model -n "$NS" --timeout=90s
[ "$(field model .status.phase)" = Ready ] || fail "phase is $(field model .status.phase), not Ready"
[ "$(field model .status.readyPods)/$(field model .status.totalPods)" = 1/1 ] || fail "pods not 1/1"
[ "$(field model '.status.conditions[?(@.type=="Stalled")].status')" = False ] || fail "Stalled is not False"
[ "$(field model .status.observedGeneration)" = 1 ] || fail "observedGeneration is not 1"

step "what KServe and the kubelet did"
[ "$(isvc_condition model Ready)" = True ] || fail "KServe's Ready is not True"
[ "$(kubectl get inferenceservice model -n "$NS" -o jsonpath='{.status.modelStatus.transitionStatus}')" = UpToDate ] \
  || fail "modelStatus.transitionStatus is not UpToDate"
pod=$(pod_of model)
[ "$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.spec.nodeName}')" = "$DEPLOYCHECK_E2E_REAL_NODE" ] \
  || fail "the pod is not on the real node"
contains "$(kubectl logs "$pod" -n "$NS" -c kserve-container)" '"GET /health HTTP/1.1" 200 OK' "the model server's log"
contains "$(kubectl logs "$pod" -n "$NS" -c storage-initializer)" "Successfully copied" "the storage-initializer's log"

step "a Normal RolloutReady Event on the DeployCheck and on the InferenceService"
await 20 "a RolloutReady Event on the DeployCheck" has_event DeployCheck RolloutReady Normal
await 20 "a RolloutReady Event on the InferenceService" has_event InferenceService RolloutReady Normal
