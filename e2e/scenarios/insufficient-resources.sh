# Memory beyond the fake nodes (kwok, 2 x 16Gi): the real scheduler's FailedScheduling says "Insufficient memory",
# which is InsufficientResources, Progressing until stuckAfter, then Stuck. KServe creates the Deployment.
use_namespace e2e-insufficient
isvc model node=kwok memory=32Gi
deploycheck model model

await_check model Progressing InsufficientResources 30
await_check model Stuck InsufficientResources 40
message=$(field model .status.message)
contains "$message" "Insufficient memory" "status.message"
hint=$(field model .status.hint)
contains "$hint" "32Gi" "status.hint"
# The operator reads the Nodes: 32Gi is more than any type=kwok node holds, so the hint says so and does not say
# "add nodes" (more 16Gi nodes would not help).
contains "$hint" "larger than any node can hold" "status.hint"
contains "$hint" "memory=16Gi" "status.hint"
not_contains "$hint" "add nodes" "status.hint"
[ "$(field model '.status.conditions[?(@.type=="Stalled")].status')" = True ] || fail "Stalled is not True"
