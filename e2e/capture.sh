#!/usr/bin/env bash
# Real-component fixtures: runs scenarios (e2e/run.sh --capture) and, after each one that passed, dumps what the
# real components produced for each DeployCheck in its namespace (its InferenceService, the predictor pods, their
# Events, the DeployCheck) into src/test/resources/fixtures/real/<Reason>/<scenario>[-<deploycheck>].yaml, with the
# component versions and the operator's live verdict as the header. DiagnosisFixturesTest then checks that the
# offline diagnosis of each dump agrees with what the operator decided on the live cluster.
#
#   e2e/capture.sh [NAME...]       the scenarios to run (default: all)
#   e2e/capture.sh --dump NS SCENARIO   (run.sh's hook) dump one namespace of the running cluster
# Needs python3's yaml module (Debian: python3-yaml) to write YAML.
set -euo pipefail
source "$(dirname "$0")/lib/env.sh"
OUT=$REPO_DIR/src/test/resources/fixtures/real

if [ "${1:-}" != --dump ]; then
  exec "$E2E_DIR/run.sh" --capture "$@"
fi
ns=$2 scenario=$3

# The sources of the messages such a dump holds, at the versions that produced them.
sources=(
  "https://github.com/kubernetes/kubernetes/tree/$KUBERNETES_VERSION/pkg/kubelet"
  "https://github.com/containerd/containerd/tree/$CONTAINERD_VERSION/internal/cri/server"
  "https://github.com/kserve/kserve/tree/$KSERVE_VERSION/pkg/controller/v1beta1/inferenceservice"
)
runc=$(runc --version | awk 'NR==1 {print $3}')
dump=$(mktemp)
trap 'rm -f "$dump"' EXIT
kubectl get pods,events,inferenceservices,deploychecks -n "$ns" -o json >"$dump"

for dc in $(jq -r '.items[] | select(.kind == "DeployCheck") | .metadata.name' "$dump"); do
  read -r isvc phase reason stuck_after < <(jq -r --arg dc "$dc" '.items[] | select(.kind == "DeployCheck"
    and .metadata.name == $dc) | "\(.spec.inferenceService) \(.status.phase) \(.status.reason) \(.spec.stuckAfter // "3m")"' "$dump")
  # A dump cannot show that an object is absent (docs: a dump is partial evidence), so a verdict about a missing
  # InferenceService or KServe has no offline counterpart.
  case $reason in null | InferenceServiceNotFound | KServeNotInstalled) continue ;; esac
  file=$OUT/$reason/$scenario$([ "$dc" = model ] || echo "-$dc").yaml
  mkdir -p "$(dirname "$file")"
  {
    for source in "${sources[@]}"; do echo "# source: $source"; done
    echo "# variant: e2e scenario $scenario (e2e/scenarios/$scenario.sh), captured by e2e/capture.sh on real components:"
    echo "#   kubelet $KUBERNETES_VERSION, containerd $CONTAINERD_VERSION, runc $runc, KServe $KSERVE_VERSION (RawDeployment)"
    echo "# expect: reason=$reason phase=$phase"
    echo "# now: $(date -u +%Y-%m-%dT%H:%M:%SZ)  (the capture's time)"
    echo "# stuck-after: $stuck_after"
    # This DeployCheck's objects only: its InferenceService, the predictor pods, and the Events about any of them.
    jq --arg dc "$dc" --arg isvc "$isvc" '
      [.items[] | select(.kind == "Pod" and .metadata.labels["serving.kserve.io/inferenceservice"] == $isvc)
        | .metadata.name] as $pods
      | {apiVersion: "v1", kind: "List", items: [.items[] | select(
          (.kind == "Pod" and (.metadata.name | IN($pods[])))
          or (.kind == "InferenceService" and .metadata.name == $isvc)
          or (.kind == "DeployCheck" and .metadata.name == $dc)
          or (.kind == "Event" and ((.involvedObject.name | IN($pods[]))
            or (.involvedObject.name == $isvc) or (.involvedObject.name == $dc)
            or (.involvedObject.name | startswith($isvc + "-predictor")))))
        | del(.metadata.managedFields, .metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"])]}' \
        "$dump" |
      python3 -c 'import json, sys, yaml; yaml.safe_dump(json.load(sys.stdin), sys.stdout, sort_keys=False, width=120)'
  } >"$file"
  echo "captured $file ($phase/$reason)"
done
