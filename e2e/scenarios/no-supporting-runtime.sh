# A model format no serving runtime supports: KServe's controller writes lastFailureInfo reason NoSupportingRuntime
# (transitionStatus InvalidSpec) and creates no Deployment, which is ModelLoadFailed, definitive.
use_namespace e2e-no-runtime
isvc model format=tensorflow
deploycheck model model 5m

await_check model Stuck ModelLoadFailed 60
contains "$(field model .status.message)" "tensorflow" "status.message"
status=$(kubectl get inferenceservice model -n "$NS" \
  -o jsonpath='{.status.modelStatus.transitionStatus}/{.status.modelStatus.lastFailureInfo.reason}')
[ "$status" = InvalidSpec/NoSupportingRuntime ] || fail "KServe's modelStatus is $status"
