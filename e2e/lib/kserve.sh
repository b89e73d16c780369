# KServe's own controller, sourced by cluster.sh (uses its start/await/log and lib/registry.sh's $REGISTRY): the
# manager e2e/build.sh built from github.com/kserve/kserve $KSERVE_VERSION, run as a local process against the API
# server, with the module's real CRDs (config/crd/full), its inferenceservice-config ConfigMap set for
# RawDeployment, its webhooks (defaulter, validator, pod mutator) called by the API server over a certificate of
# the cluster CA, and the module's sklearn ClusterServingRuntime running the fake model server.
# KServe's manifests are read from the module in the Go module cache, not copied into this repository.
KSERVE_DIR=$STATE/kserve

kserve_module() {
  echo "$GOMODCACHE/github.com/kserve/kserve@$KSERVE_VERSION"
}

# kserve_json FILE: the objects of a manifest of the module, as a stream of JSON objects.
kserve_json() {
  "${k[@]}" create --dry-run=client -o json -f "$(kserve_module)/$1"
}

# apply_stream: applies a stream of JSON objects (as one v1 List).
apply_stream() {
  jq -s '{apiVersion: "v1", kind: "List", items: .}' | "${k[@]}" apply -f - >/dev/null
}

# The ConfigMap as KServe ships it, with what a cluster without Knative, Istio or external images needs: the
# RawDeployment mode, no Ingress, the local storage-initializer, small default resources (two cores in all).
kserve_config() {
  kserve_json config/configmap/inferenceservice.yaml | jq --arg image "$REGISTRY/kserve/storage-initializer:e2e" '
    del(.data._example)
    | .metadata.namespace = "kserve"
    | .data.deploy = ({defaultDeploymentMode: "RawDeployment"} | tojson)
    | .data.ingress |= (fromjson | .disableIngressCreation = true | .disableIstioVirtualHost = true | tojson)
    | .data.storageInitializer |= (fromjson | .image = $image | .enableModelcar = false
        | .cpuRequest = "10m" | .memoryRequest = "32Mi" | .memoryLimit = "128Mi" | tojson)
    | .data.inferenceService |= (fromjson | .resource = {cpuRequest: "10m", memoryRequest: "32Mi",
        cpuLimit: "1", memoryLimit: "512Mi"} | tojson)'
}

# The webhooks point at the manager on loopback instead of a Service.
kserve_webhooks() {
  local port=$1 ca
  ca=$(base64 -w0 <"$STATE/pki/ca.crt")
  kserve_json config/webhook/manifests.yaml | jq --arg base "https://127.0.0.1:$port" --arg ca "$ca" '
    .webhooks |= map(.clientConfig = {url: ($base + .clientConfig.service.path), caBundle: $ca})'
}

# The sklearn runtime with the fake model server as its image and requests that fit the shared machine.
kserve_runtime() {
  kserve_json config/runtimes/kserve-sklearnserver.yaml | jq --arg image "$REGISTRY/models/testsrv:v1" '
    .spec.containers[0].image = $image
    | .spec.containers[0].resources = {requests: {cpu: "10m", memory: "32Mi"}, limits: {cpu: "1", memory: "512Mi"}}'
}

# The webhook server's certificate, where controller-runtime looks for it ($TMPDIR/k8s-webhook-server/serving-certs).
kserve_certificate() {
  local dir=$KSERVE_DIR/tmp/k8s-webhook-server/serving-certs pki=$STATE/pki
  mkdir -p "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kserve-webhook-server" \
    -keyout "$dir/tls.key" -out "$KSERVE_DIR/webhook.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' >"$KSERVE_DIR/san.ext"
  openssl x509 -req -in "$KSERVE_DIR/webhook.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile "$KSERVE_DIR/san.ext" -out "$dir/tls.crt" 2>/dev/null
  chmod 600 "$dir/tls.key"
}

# KServe's real CRDs, without its manager (cluster.sh up --control-plane, too).
kserve_crds() {
  "${k[@]}" apply --server-side -k "$(kserve_module)/config/crd/full" >/dev/null
  # A CRD just created has no conditions yet, which kubectl wait takes for an error: retry.
  await kube-apiserver 60 "${k[@]}" wait --for=condition=Established crd --all --timeout=5s
}

kserve_up() {
  log "kserve $KSERVE_VERSION: CRDs, inferenceservice-config, manager, webhooks, sklearn runtime"
  mkdir -p "$KSERVE_DIR/tmp"
  kserve_crds
  "${k[@]}" create namespace kserve --dry-run=client -o yaml | "${k[@]}" apply -f - >/dev/null
  kserve_config | apply_stream
  kserve_certificate
  local ports
  mapfile -t ports < <(python3 "$E2E_DIR/lib/freeport.py" 3)
  # controller-runtime's webhook server binds every interface (KServe sets only its port); it serves TLS only.
  start kserve-manager env TMPDIR="$KSERVE_DIR/tmp" KUBECONFIG="$KUBECONFIG_FILE" POD_NAMESPACE=kserve \
    "$BIN/kserve-manager" --metrics-addr "127.0.0.1:${ports[0]}" --health-probe-addr "127.0.0.1:${ports[1]}" \
    --webhook-port "${ports[2]}"
  await kserve-manager 120 curl -fsS "http://127.0.0.1:${ports[1]}/readyz"
  await kserve-manager 60 curl -ksS -o /dev/null "https://127.0.0.1:${ports[2]}/"
  kserve_webhooks "${ports[2]}" | apply_stream
  # The validating webhook checks the runtime: the manager answers it.
  kserve_runtime | apply_stream
}
