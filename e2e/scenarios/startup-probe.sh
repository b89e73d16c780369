# A model that takes 20 s to load, with a startup probe whose budget (60 s) covers it: Progressing while the probe
# fails, then Ready, never Stuck.
use_namespace e2e-startup
isvc model env=TESTSRV_LISTEN_AFTER=20s probe='startupProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 2, failureThreshold: 30}'
deploycheck model model 60s

await_check model Progressing StartupProbeFailing 40
contains "$(field model .status.message)" "Startup probe failed" "status.message"
await_check model Ready Ready 60
phases=$(events_about DeployCheck model)
echo "$phases"
not_contains "$phases" "Warning" "the DeployCheck's Events"
