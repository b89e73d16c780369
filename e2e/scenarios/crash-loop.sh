# A model server exiting 3 at start, over and over: the kubelet's CrashLoopBackOff, Stuck after stuckAfter, the
# message carrying the exit code.
use_namespace e2e-crash
isvc model env=TESTSRV_EXIT_CODE=3
deploycheck model model

await_check model Stuck CrashLoopBackOff 90
contains "$(field model .status.message)" "last exit code 3" "status.message"
