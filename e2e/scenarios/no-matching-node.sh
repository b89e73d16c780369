# A nodeSelector that no node has: the scheduler says the nodes "didn't match Pod's node affinity/selector",
# which is NoMatchingNode.
use_namespace e2e-no-node
isvc model node=gpu-a100
deploycheck model model

await_check model Stuck NoMatchingNode 45
contains "$(field model .status.message)" "didn't match Pod's node affinity/selector" "status.message"
