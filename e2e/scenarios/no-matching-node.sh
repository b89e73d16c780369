# A nodeSelector that no node has: the scheduler says the nodes "didn't match Pod's node affinity/selector",
# which is NoMatchingNode.
use_namespace e2e-no-node
inference_service model
predictor model 'node_selector={nvidia.com/gpu.product: A100-SXM4-80GB}'
deploycheck model model

await_check model Stuck NoMatchingNode 45
contains "$(field model .status.message)" "didn't match Pod's node affinity/selector" "status.message"
