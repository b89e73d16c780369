# The guide's 256Mi model server, OOM-killed (exit 137): OOMKilled, definitive, and the hint names the limit.
use_namespace e2e-oom
inference_service model
predictor model behavior=oom-killed memory=256Mi
deploycheck model model 5m

await_check model Stuck OOMKilled 30
contains "$(field model .status.message)" "256Mi" "status.message"
contains "$(field model .status.hint)" "512Mi" "status.hint"
