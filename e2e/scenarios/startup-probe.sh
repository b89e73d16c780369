# A model that takes 20 s to load, with a startup probe whose budget (60 s) covers it: the kubelet's "Startup probe
# failed" Events while it loads, Progressing meanwhile, then Ready; never Stuck.
use_namespace e2e-startup
isvc model env=TESTSRV_LISTEN_AFTER=20s \
  probe='startupProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 2, failureThreshold: 30}'
deploycheck model model 60s

# Every phase/reason the DeployCheck shows until Ready.
seen=""
deadline=$((SECONDS + 90))
until [ "$(field model .status.phase)" = Ready ]; do
  [ $SECONDS -lt $deadline ] || fail "not Ready within 90s; seen: $seen"
  got=$(field model .status.phase)/$(field model .status.reason)
  [[ " $seen " == *" $got "* ]] || seen+=" $got"
  sleep 0.5
done
echo "seen:$seen"
contains "$seen" "Progressing/" "the phases seen"
not_contains "$seen" "Stuck/" "the phases seen"
await 20 "the kubelet's Startup probe failed Event" has_unhealthy "Startup probe failed"
not_contains "$(events_about DeployCheck model)" "Warning" "the DeployCheck's Events"
