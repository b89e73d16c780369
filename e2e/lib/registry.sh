# The cluster's image registries, sourced by cluster.sh (uses its start/await/log): two loopback OCI registries
# (crane's `registry serve`, in memory), the second behind e2e-authproxy so that it needs basic auth, and the
# images the scenarios run, built by crane from the programs under e2e/images (e2e/build.sh built them). Nothing is
# pulled from outside.
#
#   $REGISTRY/models/testsrv:v1               the fake model server (e2e/images/testsrv): no shell, no curl
#   $REGISTRY/kserve/storage-initializer:e2e  KServe's storage-initializer stand-in (e2e/images/storage-initializer)
#   $REGISTRY/e2e/pause:e2e                   the real node's sandbox image (e2e/images/pause)
#   $AUTH_REGISTRY/private/testsrv:v1         the fake model server again, behind basic auth
# Files: $STATE/registry/{address,auth-address,credentials} (credentials: user:password of the auth registry).
REGISTRY_DIR=$STATE/registry
# Every image runs as this user: the KServe runtime's securityContext has runAsNonRoot.
IMAGE_USER=65532

registries_up() {
  mkdir -p "$REGISTRY_DIR"
  local ports
  mapfile -t ports < <(python3 "$E2E_DIR/lib/freeport.py" 3)
  REGISTRY=127.0.0.1:${ports[0]}
  AUTH_REGISTRY=127.0.0.1:${ports[2]}
  local backend=127.0.0.1:${ports[1]}
  log "registries on $REGISTRY and $AUTH_REGISTRY (basic auth)"
  start registry "$BIN/crane" registry serve --address "$REGISTRY"
  start auth-registry-backend "$BIN/crane" registry serve --address "$backend"
  (umask 077 && printf 'e2e:%s\n' "$(openssl rand -hex 16)" >"$REGISTRY_DIR/credentials")
  start auth-registry "$BIN/e2e/e2e-authproxy" -listen "$AUTH_REGISTRY" -backend "http://$backend" \
    -credentials "$REGISTRY_DIR/credentials"
  await registry 30 curl -fsS "http://$REGISTRY/v2/"
  await auth-registry-backend 30 curl -fsS "http://$backend/v2/"
  # The proxy answers 401 without credentials: up is when it answers at all.
  await auth-registry 30 curl -sS -o /dev/null "http://$AUTH_REGISTRY/v2/"
  echo "$REGISTRY" >"$REGISTRY_DIR/address"
  echo "$AUTH_REGISTRY" >"$REGISTRY_DIR/auth-address"

  push_image "$REGISTRY/models/testsrv:v1" testsrv
  push_image "$REGISTRY/kserve/storage-initializer:e2e" storage-initializer
  push_image "$REGISTRY/e2e/pause:e2e" pause
  # Pushed to the registry behind the proxy directly; pulled through the proxy, which wants the credentials.
  push_image "$backend/private/testsrv:v1" testsrv
}

# push_image REF PROGRAM: a one-layer image holding /PROGRAM (a static binary from e2e/build.sh) as its entrypoint.
push_image() {
  local ref=$1 program=$2 dir
  dir=$(mktemp -d)
  mkdir "$dir/root"
  cp "$BIN/e2e/$program" "$dir/root/$program"
  tar -C "$dir/root" --owner=0 --group=0 --numeric-owner -cf "$dir/layer.tar" "$program"
  "$BIN/crane" append --oci-empty-base -f "$dir/layer.tar" -t "$ref" 2>/dev/null >/dev/null
  "$BIN/crane" mutate "$ref" --set-platform linux/amd64 --entrypoint "/$program" --user "$IMAGE_USER" \
    2>/dev/null >/dev/null
  rm -rf "$dir"
}
