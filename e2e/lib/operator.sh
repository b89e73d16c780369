# The operator under test, as a local process from target/deploycheck.jar. Sourced by run.sh and scenarios.
#
# It runs with a ServiceAccount token (TokenRequest) of the ServiceAccount the chart creates, bound by exactly the
# RBAC objects the chart renders (helm template via helm-java, e2e/lib/RenderRbac.java), so a permission the chart
# lacks fails a scenario. Leader election is on, with its Lease in the release namespace, as in the chart.
OPERATOR_RELEASE=deploycheck
OPERATOR_NAMESPACE=deploycheck-system
OPERATOR_KUBECONFIG=$STATE/operator.kubeconfig
OPERATOR_LOG=$STATE/logs/operator.log
# target/deploycheck.jar, or the copy a lane of run.sh runs (lib/lane.sh).
JAR=${DEPLOYCHECK_E2E_JAR:-$REPO_DIR/target/deploycheck.jar}
# JVM options for the operator (e2e/load.sh sets a heap cap and a GC log).
OPERATOR_JAVA_OPTS=()
# Seconds operator_start waits for /readyz.
OPERATOR_READY_TIMEOUT=${OPERATOR_READY_TIMEOUT:-180}

# operator_jar: builds target/deploycheck.jar when missing or older than the sources (CI's `mvn verify` made it).
operator_jar() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$REPO_DIR/src/main" "$REPO_DIR/pom.xml" -newer "$JAR" -print -quit)" ]; then
    echo "building target/deploycheck.jar" >&2
    maven -Dmaven.test.skip=true package
  fi
}

# The classpath of helm-java, resolved once by Maven from the project's own (test-scoped) dependency.
helm_classpath() {
  local file=$CACHE/helm-java.classpath
  if [ ! -s "$file" ] || [ "$REPO_DIR/pom.xml" -nt "$file" ]; then
    maven dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$file"
  fi
  cat "$file"
}

# Applies the chart's RBAC and writes a kubeconfig holding a token of the chart's ServiceAccount.
operator_credentials() {
  kubectl create namespace "$OPERATOR_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  java -cp "$(helm_classpath)" "$E2E_DIR/lib/RenderRbac.java" "$REPO_DIR/helm/deploycheck-operator" \
    "$OPERATOR_RELEASE" "$OPERATOR_NAMESPACE" >"$STATE/operator-rbac.yaml"
  kubectl apply -f "$STATE/operator-rbac.yaml" >/dev/null
  operator_token
}

# operator_token: a new token of the chart's ServiceAccount in the operator's kubeconfig (rewritten in place, as the
# kubelet rewrites a projected token; the client reads it again on a 401 and once a minute).
operator_token() {
  local account
  account=$(kubectl get -f "$STATE/operator-rbac.yaml" -o jsonpath='{range .items[?(@.kind=="ServiceAccount")]}{.metadata.name}{end}')
  [ -n "$account" ] || { echo "the chart rendered no ServiceAccount" >&2; return 1; }
  local token server ca
  token=$(kubectl create token "$account" -n "$OPERATOR_NAMESPACE" --duration 2h)
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
  ca=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.certificate-authority}')
  (umask 077 && cat >"$OPERATOR_KUBECONFIG" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster: {server: "$server", certificate-authority: "$ca"}
users:
- name: $account
  user: {token: "$token"}
contexts:
- name: operator
  context: {cluster: e2e, user: $account, namespace: $OPERATOR_NAMESPACE}
current-context: operator
YAML
  )
}

# operator_port [REPLICA]: the port of /metrics, /healthz and /readyz of the operator (or of another replica).
operator_port() { cat "$STATE/${1:-operator}.port"; }

# operator_running [REPLICA]: its process is alive.
operator_running() {
  local pid
  pid=$(cat "$STATE/pids/${1:-operator}" 2>/dev/null) && kill -0 "$pid" 2>/dev/null
}

# operator_launch [REPLICA]: starts the operator (default replica "operator"; fault scenarios start a second one)
# without waiting for it: pid in pids/REPLICA, port in REPLICA.port, log in logs/REPLICA.log. Its leader-election
# identity is fixed per replica, as a pod's name is (JOSDK takes it from HOSTNAME), so a replica restarted after a
# crash is the same candidate, as a container restarted in its pod is.
operator_launch() {
  local replica=${1:-operator} port
  port=$(python3 "$E2E_DIR/lib/freeport.py" 1)
  echo "$port" >"$STATE/$replica.port"
  # No AWS: ECR verification is off, so no request leaves the machine.
  env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY KUBECONFIG="$OPERATOR_KUBECONFIG" \
    HOSTNAME="deploycheck-e2e-$replica" \
    java "${OPERATOR_JAVA_OPTS[@]}" -jar "$JAR" operator --port "$port" --leader-election true \
    --leader-election-namespace "$OPERATOR_NAMESPACE" --verify-registry false --log-format text \
    >>"$STATE/logs/$replica.log" 2>&1 &
  echo $! >"$STATE/pids/$replica"
  disown $!  # stopped by operator_stop; no job notices in the scenario's output
}

# operator_start [REPLICA]: operator_launch, then waits until /readyz says its informers are synced.
operator_start() {
  local replica=${1:-operator}
  operator_launch "$replica"
  local deadline=$((SECONDS + OPERATOR_READY_TIMEOUT))
  until curl -fsS "http://127.0.0.1:$(operator_port "$replica")/readyz" >/dev/null 2>&1; do
    if ! operator_running "$replica" || [ $SECONDS -ge $deadline ]; then
      tail -n 40 "$STATE/logs/$replica.log" >&2
      echo "the operator did not become ready (log: $STATE/logs/$replica.log)" >&2
      return 1
    fi
    sleep 0.1
  done
}

# operator_stop [GRACE_SECONDS [REPLICA]]: SIGTERM, as Kubernetes stops a pod, then SIGKILL once the grace period (default
# 30 s, the chart's terminationGracePeriodSeconds) is over. Fails when SIGKILL was needed.
operator_stop() {
  local pid grace=${1:-30} replica=${2:-operator}
  pid=$(cat "$STATE/pids/$replica" 2>/dev/null) || return 0
  rm -f "$STATE/pids/$replica"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  echo "the operator did not exit within ${grace}s of SIGTERM: killed" >&2
  return 1
}

# lease_holder: who holds the operator's leader-election Lease.
lease_holder() {
  kubectl get lease deploycheck-operator -n "$OPERATOR_NAMESPACE" -o jsonpath='{.spec.holderIdentity}'
}

# operator_leads [SECONDS]: waits (default 60 s) until the operator (replica "operator") holds the Lease. A ready
# replica that does not lead reconciles nothing, so a scenario started then misses its first window: after a
# release's pod (helm-install) or a standby held the Lease and did not hand it back, that took up to the lease
# duration (45 s).
operator_leads() {
  local deadline=$((SECONDS + ${1:-60}))
  until [ "$(lease_holder 2>/dev/null)" = deploycheck-e2e-operator ]; do
    [ $SECONDS -lt $deadline ] || { echo "the operator does not hold the Lease (holder: $(lease_holder))" >&2
      return 1; }
    sleep 0.5
  done
}

metrics() { curl -fsS "http://127.0.0.1:$(operator_port)/metrics"; }
