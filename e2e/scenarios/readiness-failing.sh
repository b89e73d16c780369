# A model server whose /health answers 503 (model not loaded): the kubelet's "Readiness probe failed: HTTP probe
# failed with statuscode: 503" is ReadinessProbeFailing, Progressing first, Stuck once it has lasted stuckAfter.
use_namespace e2e-readiness
isvc model env=TESTSRV_MODEL_LOADED=false
deploycheck model model

await_check model Progressing ReadinessProbeFailing 60
await_check model Stuck ReadinessProbeFailing 40
contains "$(field model .status.message)" "Readiness probe failed: HTTP probe failed with statuscode: 503" "status.message"
contains "$(field model .status.hint)" "/health" "status.hint"
[ "$(field model '.status.conditions[?(@.type=="Ready")].status')" = False ] || fail "Ready is not False"
[ "$(field model '.status.conditions[?(@.type=="Stalled")].reason')" = ReadinessProbeFailing ] \
  || fail "Stalled's reason is not ReadinessProbeFailing"
