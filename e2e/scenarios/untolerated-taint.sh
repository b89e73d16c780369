# A predictor selecting the fake GPU node, whose taint it does not tolerate: the scheduler's FailedScheduling says
# the node "had untolerated taint", which is NoMatchingNode, Stuck after stuckAfter.
use_namespace e2e-taint
isvc model node=kwok-gpu
deploycheck model model

await_check model Progressing NoMatchingNode 30
await_check model Stuck NoMatchingNode 40
# kube-scheduler v1.37 names no taint: "1 node(s) had untolerated taint(s)".
contains "$(field model .status.message)" "1 node(s) had untolerated taint(s)" "status.message"
