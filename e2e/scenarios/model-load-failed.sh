# The storage-initializer cannot find the model: KServe's controller copies its termination message into
# status.modelStatus.lastFailureInfo (reason ModelLoadFailed, exit code 1, transitionStatus BlockedByFailedLoad),
# which is ModelLoadFailed, definitive.
use_namespace e2e-model-load
uri=gs://e2e-models/missing/california-housing/v3
isvc model storage="$uri"
deploycheck model model 5m

await_check model Stuck ModelLoadFailed 90
contains "$(field model .status.message)" "Failed to fetch model. No model found in $uri." "status.message"
[ "$(field model .status.category)" = Model ] || fail "category is not Model"
status=$(kubectl get inferenceservice model -n "$NS" \
  -o jsonpath='{.status.modelStatus.transitionStatus}/{.status.modelStatus.lastFailureInfo.reason}/{.status.modelStatus.lastFailureInfo.exitCode}')
[ "$status" = BlockedByFailedLoad/ModelLoadFailed/1 ] || fail "KServe's modelStatus is $status"
