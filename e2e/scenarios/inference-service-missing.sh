# A DeployCheck naming an InferenceService that does not exist: InferenceServiceNotFound, Stuck after stuckAfter.
use_namespace e2e-missing
deploycheck model no-such-model

await_check model Progressing InferenceServiceNotFound 30
await_check model Stuck InferenceServiceNotFound 40
contains "$(field model .status.message)" "no-such-model" "status.message"
