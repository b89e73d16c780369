# A model format no serving runtime supports: KServe's controller writes lastFailureInfo reason NoSupportingRuntime
# (transitionStatus InvalidSpec) and creates no Deployment, which is ModelLoadFailed, definitive.
use_namespace e2e-no-runtime
isvc model format=tensorflow
deploycheck model model 5m

await_check model Stuck ModelLoadFailed 60
# source: https://github.com/kserve/kserve/blob/v0.17.0/pkg/controller/v1beta1/inferenceservice/components/predictor.go
contains "$(field model .status.message)" "NoSupportingRuntime: No runtime found to support specified framework/version" \
  "status.message"
status=$(kubectl get inferenceservice model -n "$NS" \
  -o jsonpath='{.status.modelStatus.transitionStatus}/{.status.modelStatus.lastFailureInfo.reason}')
[ "$status" = InvalidSpec/NoSupportingRuntime ] || fail "KServe's modelStatus is $status"
