# A repository that does not exist in the registry: containerd's answer has the same form as for a missing tag
# ("...: not found"; a registry's NAME_UNKNOWN body is not read on the HEAD request), so it is ImageNotFound, the
# message naming the repository. (RegistryRepositoryMissing needs ECR's "The repository with name ... does not
# exist", which only the ECR check of the registry sees.)
use_namespace e2e-repository
image=$DEPLOYCHECK_E2E_REGISTRY/models/no-such-model:v1
isvc model image="$image"
deploycheck model model 5m

await_check model Stuck ImageNotFound 60
contains "$(field model .status.message)" "failed to resolve image: $image: not found" "status.message"
contains "$(field model .status.hint)" "no-such-model" "status.hint"
