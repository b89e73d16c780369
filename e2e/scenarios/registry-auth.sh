# A registry that wants basic auth: no credentials, then wrong ones, are RegistryAuthFailed with containerd's own
# words; the right ones (an imagePullSecret) make the rollout Ready.
use_namespace e2e-auth
credentials=$(cat "$DEPLOYCHECK_E2E_AUTH_REGISTRY_CREDENTIALS")

step "no credentials"
isvc anonymous image="$PRIVATE_IMAGE"
deploycheck anonymous anonymous 5m
await_check anonymous Stuck RegistryAuthFailed 60
contains "$(field anonymous .status.message)" "no basic auth credentials" "status.message"
[ "$(field anonymous .status.category)" = ImagePull ] || fail "category is not ImagePull"

step "wrong credentials"
registry_secret wrong "${credentials%%:*}:not-the-password"
isvc wrong image="$PRIVATE_IMAGE" pull_secret=wrong
deploycheck wrong wrong 5m
await_check wrong Stuck RegistryAuthFailed 60
contains "$(field wrong .status.message)" "401 Unauthorized" "status.message"

step "the right credentials"
registry_secret right "$credentials"
isvc right image="$PRIVATE_IMAGE" pull_secret=right
deploycheck right right
await_check right Ready Ready 90
# The password never reaches the DeployCheck's status or the operator's log.
not_contains "$(kubectl get deploychecks -n "$NS" -o yaml)" "${credentials#*:}" "the DeployChecks"
not_contains "$(cat "$OPERATOR_LOG")" "${credentials#*:}" "the operator's log"
