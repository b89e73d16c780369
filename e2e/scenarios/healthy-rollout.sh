# A healthy InferenceService on the real node: KServe's controller writes Ready (its PredictorReady comes from the
# Deployment's NewReplicaSetAvailable), the DeployCheck goes Ready, and `kubectl wait --for=condition=Ready`
# (kstatus conditions) sees it. The kubelet's readiness probe really asked the model server's /health, and the pod's
# private address is its Service's endpoint.
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

step "the pod's address is the endpoint of KServe's predictor Service"
# A private address on the pod's own interface: the endpoint controllers take it (a loopback one they refuse, with
# Warning Events on the Service).
ip=$(kubectl get pod "$pod" -n "$NS" -o jsonpath='{.status.podIP}')
[[ $ip == 10.88.* ]] || fail "the pod's address is '$ip', not in the real node's pod range 10.88.0.0/16"
ready_endpoints_are() {
  [ "$(kubectl get endpointslices -n "$NS" -l kubernetes.io/service-name=model-predictor \
    -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[*]}')" = "$1" ]
}
await 20 "$ip as the ready endpoint of Service model-predictor" ready_endpoints_are "$ip"
warnings=$(kubectl get events -n "$NS" --field-selector involvedObject.kind=Service,type=Warning -o name)
[ -z "$warnings" ] || fail "Warning Events on the Service: $(kubectl get events -n "$NS" \
  --field-selector involvedObject.kind=Service,type=Warning)"

step "a Normal RolloutReady Event on the DeployCheck and on the InferenceService"
await 20 "a RolloutReady Event on the DeployCheck" has_event DeployCheck RolloutReady Normal
await 20 "a RolloutReady Event on the InferenceService" has_event InferenceService RolloutReady Normal
