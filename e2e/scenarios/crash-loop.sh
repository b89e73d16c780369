# A container exiting 1 over and over: CrashLoopBackOff, Stuck after stuckAfter.
use_namespace e2e-crash
inference_service model
predictor model behavior=crash-loop
deploycheck model model

await_check model Stuck CrashLoopBackOff 45
contains "$(field model .status.message)" "last exit code 1" "status.message"
