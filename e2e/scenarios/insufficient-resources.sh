# Memory beyond the fake nodes (kwok, 2 x 16Gi): the real scheduler's FailedScheduling says "Insufficient memory",
# which is InsufficientResources, Progressing until stuckAfter, then Stuck. KServe creates the Deployment.
use_namespace e2e-insufficient
isvc model node=kwok memory=32Gi
deploycheck model model

await_check model Progressing InsufficientResources 30
await_check model Stuck InsufficientResources 40
message=$(field model .status.message)
contains "$message" "Insufficient memory" "status.message"
contains "$(field model .status.hint)" "32Gi" "status.hint"
[ "$(field model '.status.conditions[?(@.type=="Stalled")].status')" = True ] || fail "Stalled is not True"
