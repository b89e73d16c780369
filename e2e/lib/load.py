#!/usr/bin/env python3
"""The load harness's work against the API server (driven by e2e/load.sh; docs/performance.md).

Subcommands:
  setup N K REAL_JSON      namespaces, kwok nodes, N InferenceServices, K predictor pods each and their Events,
                           modelled on a real KServe predictor pod and the Events a real kubelet and scheduler wrote
                           for it (REAL_JSON: the captured fixture as JSON); waits until every pod is Ready
  checks N                 one DeployCheck per InferenceService; waits until every one has a status
  watch FILE               records, with arrival times, pod changes into the failing state and every DeployCheck
                           change, one JSON line each (runs until killed)
  fail FILE PACED GAP BURST OFFSET  turns one pod each of InferenceServices OFFSET... into the failing state:
                           PACED one at a time GAP seconds apart, then BURST at the same instant; FILE records which,
                           and the writes and the API server's and etcd's CPU (LOAD_CPU_PIDS) in the burst's window
  rollout FILE R K GAP REAL PREFIX  R new InferenceServices with a DeployCheck each, then their K pods one every
                           GAP seconds
  apimetrics               the API server's LIST, WATCH and write request counts by resource, as JSON
  report WATCH FAILED ROLLOUT  detection latencies and status writes per rollout, as JSON
  quantiles BEFORE AFTER METRIC  p50 and p99 of a histogram between two scrapes of the operator's /metrics

Connection: LOAD_SERVER (https://host:port), LOAD_CA (file), LOAD_TOKEN (the admin token; never printed).
"""
import concurrent.futures
import copy
import hashlib
import http.client
import json
import os
import re
import ssl
import sys
import threading
import time
import urllib.parse

NAMESPACES = 10          # InferenceServices spread over this many namespaces (load-000 ...)
PODS_PER_NODE = 100      # kwok nodes hold at most 110 pods, as a default kubelet
WORKERS = 8
SELECTOR = "component=predictor"
DC_API = "/apis/deploycheck.io/v1alpha1"
ISVC_API = "/apis/serving.kserve.io/v1beta1"
MAIN = "kserve-container"
BURST_WINDOW = 3  # seconds after the burst's patches in which its writes are counted (its p99 is well inside)


class Api:
    """HTTPS with the admin token, one kept-alive connection per thread, retries on overload."""

    def __init__(self):
        url = urllib.parse.urlparse(os.environ["LOAD_SERVER"])
        self.host, self.port = url.hostname, url.port
        self.context = ssl.create_default_context(cafile=os.environ["LOAD_CA"])
        self.headers = {"Authorization": "Bearer " + os.environ["LOAD_TOKEN"], "Accept": "application/json"}
        self.local = threading.local()

    def connection(self, fresh=False):
        if fresh or getattr(self.local, "conn", None) is None:
            self.local.conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=60)
        return self.local.conn

    def call(self, method, path, body=None, ctype="application/json", ok=(200, 201)):
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = ctype
        for attempt in range(8):
            try:
                conn = self.connection(fresh=attempt > 0)
                conn.request(method, path, data, headers)
                response = conn.getresponse()
                text = response.read()
            except (OSError, http.client.HTTPException):
                time.sleep(0.2 * (attempt + 1))
                continue
            if response.status in ok:
                return json.loads(text) if text[:1] == b"{" else text.decode()
            if response.status == 409 and method == "POST":
                return None  # already there: set-up may be resumed
            if response.status in (429, 500, 503, 504):
                time.sleep(0.2 * (attempt + 1))
                continue
            raise SystemExit(f"{method} {path}: HTTP {response.status}: {text[:300].decode(errors='replace')}")
        raise SystemExit(f"{method} {path}: gave up after retries")

    def pages(self, path):
        """Every item of a paged LIST (limit/continue)."""
        token = ""
        while True:
            sep = "&" if "?" in path else "?"
            page = self.call("GET", f"{path}{sep}limit=500&continue={urllib.parse.quote(token)}")
            yield from page["items"]
            token = page["metadata"].get("continue")
            if not token:
                return


def parallel(items, work):
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for _ in pool.map(work, items):
            pass


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def namespace(i):
    return f"load-{i % NAMESPACES:03d}"


def isvc_name(prefix, i):
    return f"{prefix}-{i:04d}"


def template_hash(name):
    return hashlib.sha1(name.encode()).hexdigest()[:10]


def pod_name(isvc, j):
    # KServe's RawDeployment pods: <isvc>-predictor-<pod-template-hash>-<5 characters>
    return f"{isvc}-predictor-{template_hash(isvc)}-{j:05d}"


def real_objects(path):
    """The captured real predictor pod and the Events the scheduler and kubelet wrote for it, minus those that are
    this e2e cluster's own circumstances (no cluster DNS) or a probe failing before the model listened."""
    text, items, decoder, at = open(path).read(), [], json.JSONDecoder(), 0
    while text[at:].strip():  # kubectl prints the fixture's objects one after another
        obj, at = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        items += obj["items"] if obj.get("kind") == "List" else [obj]
    pod = next(o for o in items if o["kind"] == "Pod")
    events = [o for o in items if o["kind"] == "Event" and o["involvedObject"]["kind"] == "Pod"
              and o["reason"] in ("Scheduled", "Pulled", "Created", "Started")]
    return pod, events


def inference_service(ns, name):
    return {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
            "metadata": {"name": name, "namespace": ns,
                         "annotations": {"serving.kserve.io/deploymentMode": "RawDeployment"}},
            "spec": {"predictor": {"model": {"modelFormat": {"name": "sklearn"},
                                             "storageUri": "gs://kfserving-examples/models/sklearn/1.0/model"}}}}


def predictor_pod(real, ns, isvc, j, node):
    pod = copy.deepcopy(real)
    old = pod["metadata"]["labels"]["serving.kserve.io/inferenceservice"]
    meta = pod["metadata"]
    meta["name"], meta["namespace"] = pod_name(isvc, j), ns
    meta["labels"].update({"serving.kserve.io/inferenceservice": isvc, "app": f"isvc.{isvc}-predictor",
                           "pod-template-hash": template_hash(isvc)})
    annotations = {k: v.replace(old, isvc) for k, v in meta.get("annotations", {}).items()}
    for key in ("uid", "resourceVersion", "creationTimestamp", "generateName", "managedFields",
                "ownerReferences"):  # no ReplicaSet owns it: the garbage collector would delete it
        meta.pop(key, None)
    meta["annotations"] = annotations
    pod.pop("status", None)
    pod["spec"]["nodeName"] = node
    # The projected token volume is added again by the ServiceAccount admission plug-in.
    pod["spec"]["volumes"] = [v for v in pod["spec"]["volumes"] if not v["name"].startswith("kube-api-access")]
    for c in pod["spec"].get("initContainers", []) + pod["spec"]["containers"]:
        c["volumeMounts"] = [m for m in c.get("volumeMounts", []) if not m["name"].startswith("kube-api-access")]
    return pod


def pod_events(real_events, pod):
    meta = pod["metadata"]
    out = []
    for k, real in enumerate(real_events):
        event = {key: real[key] for key in ("apiVersion", "kind", "reason", "type", "source", "reportingComponent",
                                            "reportingInstance") if key in real}
        event["metadata"] = {"name": f"{meta['name']}.{k:016x}", "namespace": meta["namespace"]}
        event["involvedObject"] = dict(real["involvedObject"], name=meta["name"], namespace=meta["namespace"],
                                       uid=meta["uid"], resourceVersion=meta["resourceVersion"])
        message = real["message"]
        if real["reason"] == "Scheduled":
            message = f"Successfully assigned {meta['namespace']}/{meta['name']} to {pod['spec']['nodeName']}"
        if "host" in event.get("source", {}):
            event["source"] = dict(event["source"], host=pod["spec"]["nodeName"])
            event["reportingInstance"] = pod["spec"]["nodeName"]
        event["message"] = message
        event["count"] = 1
        event["firstTimestamp"] = event["lastTimestamp"] = now()
        out.append(event)
    return out


def count_ready(api, path):
    ready = 0
    for pod in api.pages(path):
        ready += any(c["type"] == "Ready" and c["status"] == "True" for c in pod.get("status", {}).get("conditions", []))
    return ready


def operator_gone():
    """The operator's process (LOAD_OPERATOR_PID, when set) has exited."""
    pid = os.environ.get("LOAD_OPERATOR_PID")
    try:
        return pid is not None and os.kill(int(pid), 0) is not None
    except ProcessLookupError:
        return True


def wait_until(what, done, timeout):
    deadline = time.monotonic() + timeout
    while True:
        left = done()
        if left == 0:
            return
        if operator_gone():
            raise SystemExit(f"{what}: {left} still missing when the operator exited")
        if time.monotonic() > deadline:
            raise SystemExit(f"{what}: {left} still missing after {timeout:.0f}s")
        time.sleep(3)


def create_pods(api, real, real_events, ns, isvc, k, node_of, gap=0.0):
    for j in range(k):
        pod = api.call("POST", f"/api/v1/namespaces/{ns}/pods", predictor_pod(real, ns, isvc, j, node_of(j)))
        if pod is not None:
            for event in pod_events(real_events, pod):
                api.call("POST", f"/api/v1/namespaces/{ns}/events", event)
        if gap:
            time.sleep(gap)


def setup(api, n, k, real_path):
    real, real_events = real_objects(real_path)
    nodes = -(-n * k // PODS_PER_NODE)
    for ns in sorted({namespace(i) for i in range(n)}):
        api.call("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
    capacity = {"cpu": "64", "memory": "256Gi", "pods": "110"}
    parallel(range(nodes), lambda j: api.call("POST", "/api/v1/nodes", {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": f"kwok-load-{j}", "annotations": {"kwok.x-k8s.io/node": "fake"},
                     "labels": {"type": "kwok-load", "kubernetes.io/hostname": f"kwok-load-{j}"}},
        "status": {"allocatable": capacity, "capacity": capacity}}))
    # Pods need their namespace's default ServiceAccount (the controller-manager creates it).
    for ns in sorted({namespace(i) for i in range(n)}):
        account = f"/api/v1/namespaces/{ns}/serviceaccounts/default"
        wait_until(f"ServiceAccount default in {ns}",
                   lambda: 0 if api.call("GET", account, ok=(200, 404)).get("kind") == "ServiceAccount" else 1, 60)

    def one(i):
        name, ns = isvc_name("isvc", i), namespace(i)
        api.call("POST", f"{ISVC_API}/namespaces/{ns}/inferenceservices", inference_service(ns, name))
        create_pods(api, real, real_events, ns, name, k, lambda j: f"kwok-load-{(i * k + j) // PODS_PER_NODE}")
    parallel(range(n), one)
    total = n * k
    wait_until("Ready predictor pods", lambda: total - count_ready(api, f"/api/v1/pods?labelSelector={SELECTOR}"),
               max(120, total / 20))
    print(json.dumps({"nodes": nodes, "inferenceServices": n, "pods": total, "events": total * len(real_events)}))


def deploy_check(ns, name):
    return {"apiVersion": "deploycheck.io/v1alpha1", "kind": "DeployCheck",
            "metadata": {"name": name, "namespace": ns},
            # KServe's controller does not run here, so no InferenceService becomes Ready: a long deadline keeps
            # the checks Progressing until a pod fails.
            "spec": {"inferenceService": name, "progressDeadline": "24h"}}


def checks(api, n):
    parallel(range(n), lambda i: api.call("POST", f"{DC_API}/namespaces/{namespace(i)}/deploychecks",
                                          deploy_check(namespace(i), isvc_name("isvc", i))))
    wait_until("DeployChecks with a status",
               lambda: n - sum(1 for d in api.pages(f"{DC_API}/deploychecks") if d.get("status", {}).get("phase")),
               max(120, n / 5))


def failed_container(pod_name_, image):
    """The state a real kubelet (v1.37.2, containerd v2.4.2) wrote for an OOM-killed model server
    (src/test/resources/fixtures/real/OOMKilled/oom-killed.yaml, e2e scenario oom-killed)."""
    t = now()
    oom = {"exitCode": 137, "reason": "OOMKilled", "startedAt": t, "finishedAt": t}
    unready = {"status": "False", "reason": "ContainersNotReady", "lastTransitionTime": t,
               "message": f"containers with unready status: [{MAIN}]"}
    return {"status": {"phase": "Running", "conditions": [
        {"type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": t},
        {"type": "Initialized", "status": "True", "lastTransitionTime": t},
        dict(unready, type="Ready"), dict(unready, type="ContainersReady"),
        {"type": "PodScheduled", "status": "True", "lastTransitionTime": t}],
        "containerStatuses": [{"name": MAIN, "image": image, "ready": False, "started": False, "restartCount": 1,
                               "lastState": {"terminated": oom}, "state": {"terminated": oom}}]}}


def fail_pod(api, ns, isvc):
    name = pod_name(isvc, 0)
    path = f"/api/v1/namespaces/{ns}/pods/{name}"
    image = next(c["image"] for c in api.call("GET", path)["spec"]["containers"] if c["name"] == MAIN)
    return path, failed_container(name, image)


def fail(api, out, paced, gap, burst, offset):
    chosen = {"paced": [], "burst": []}
    paced_end, burst_end = offset + paced, offset + paced + burst
    for i in range(offset, paced_end):
        ns, isvc = namespace(i), isvc_name("isvc", i)
        path, body = fail_pod(api, ns, isvc)
        api.call("PATCH", path + "/status", body, "application/merge-patch+json")
        chosen["paced"].append(f"{ns}/{isvc}")
        time.sleep(gap)
    targets = [fail_pod(api, namespace(i), isvc_name("isvc", i)) for i in range(paced_end, burst_end)]
    barrier = threading.Barrier(len(targets)) if targets else None

    def fire(target):
        api.call("GET", "/version")  # a warm connection, so the burst is the patches alone
        barrier.wait()
        api.call("PATCH", target[0] + "/status", target[1], "application/merge-patch+json")
    before = (api_counts(api), control_plane_cpu(), time.monotonic())
    with concurrent.futures.ThreadPoolExecutor(max(1, len(targets))) as pool:
        list(pool.map(fire, targets))
    time.sleep(BURST_WINDOW)
    # the window's CPU and end are read before the metrics scrape, whose own cost is not the burst's
    cpu, end = control_plane_cpu(), time.monotonic()
    after = (api_counts(api), cpu, end)
    chosen["burst"] = [f"{namespace(i)}/{isvc_name('isvc', i)}" for i in range(paced_end, burst_end)]
    chosen["burst_window"] = {
        "seconds": round(after[2] - before[2], 2),
        "cpu_seconds": None if before[1] is None or after[1] is None else round(after[1] - before[1], 2),
        "writes": {k: after[0][k] - before[0].get(k, 0) for k in sorted(after[0])
                   if k.startswith("WRITE") and after[0][k] - before[0].get(k, 0)}}
    json.dump(chosen, open(out, "w"))


def control_plane_cpu():
    """CPU seconds the API server and etcd have used (LOAD_CPU_PIDS: their pids), from /proc; None when unknown."""
    total = 0.0
    for pid in os.environ.get("LOAD_CPU_PIDS", "").split():
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total if total else None


def rollout(api, out, r, k, gap, real_path, prefix):
    real, real_events = real_objects(real_path)
    names = []

    def one(i):
        name, ns = isvc_name(prefix, i), namespace(i)
        api.call("POST", f"{ISVC_API}/namespaces/{ns}/inferenceservices", inference_service(ns, name))
        api.call("POST", f"{DC_API}/namespaces/{ns}/deploychecks", deploy_check(ns, name))
        time.sleep(2)  # the check sees an InferenceService without pods first, as in a real rollout
        create_pods(api, real, real_events, ns, name, k, lambda j: f"kwok-load-{j % 2}", gap)
        names.append(f"{ns}/{name}")
    with concurrent.futures.ThreadPoolExecutor(max(1, r)) as pool:
        list(pool.map(one, range(r)))
    time.sleep(10)  # kwok readies the last pod after about a second; the operator then writes
    json.dump({"rollouts": sorted(names), "pods": k}, open(out, "w"))


def watch(api, out):
    """Two watch streams; each line carries its arrival time (CLOCK_MONOTONIC, ns) as read by this process."""
    lock = threading.Lock()
    sink = open(out, "a", buffering=1)

    def emit(record):
        with lock:
            sink.write(json.dumps(record) + "\n")

    def stream(path, kind, summarize):
        version = api.call("GET", f"{path}{'&' if '?' in path else '?'}limit=1")["metadata"]["resourceVersion"]
        emit({"kind": kind, "type": "READY"})
        while True:
            conn = http.client.HTTPSConnection(api.host, api.port, context=api.context, timeout=None)
            sep = "&" if "?" in path else "?"
            conn.request("GET", f"{path}{sep}watch=1&resourceVersion={version}&allowWatchBookmarks=true",
                         headers=api.headers)
            response = conn.getresponse()
            if response.status != 200:
                raise SystemExit(f"watch {path}: HTTP {response.status}")
            for line in response:
                t = time.monotonic_ns()
                event = json.loads(line)
                obj = event["object"]
                version = obj["metadata"].get("resourceVersion", version)
                if event["type"] in ("BOOKMARK", "ERROR"):
                    continue
                record = summarize(obj)
                if record is not None:
                    record.update(t=t, kind=kind, type=event["type"], ns=obj["metadata"]["namespace"],
                                  name=obj["metadata"]["name"])
                    emit(record)

    def pod_summary(pod):
        for c in pod.get("status", {}).get("containerStatuses", []):
            if c.get("state", {}).get("terminated", {}).get("reason") == "OOMKilled":
                return {"isvc": pod["metadata"]["labels"].get("serving.kserve.io/inferenceservice")}
        return None

    def dc_summary(dc):
        status = dc.get("status") or {}
        return {"phase": status.get("phase"), "reason": status.get("reason"), "ready": status.get("readyPods"),
                "status": hashlib.sha1(json.dumps(status, sort_keys=True).encode()).hexdigest()[:12]}

    threads = [threading.Thread(target=stream, args=(f"/api/v1/pods?labelSelector={SELECTOR}", "pod", pod_summary),
                                daemon=True),
               threading.Thread(target=stream, args=(f"{DC_API}/deploychecks", "dc", dc_summary), daemon=True)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def api_counts(api):
    """LIST requests served (apiserver_request_total) and WATCH requests open now (apiserver_longrunning_requests:
    the total counts a watch only when it ends), by resource; writes served (WRITE verb resource[/subresource]); and
    the count and seconds of status PATCHes (apiserver_request_duration_seconds: what each write cost the API
    server)."""
    counts = {}
    pattern = re.compile(r'^(apiserver_request_total|apiserver_longrunning_requests)\{(.*)\} (\S+)$')
    spent = re.compile(r'^apiserver_request_duration_seconds_(sum|count)\{(.*)\} (\S+)$')
    for line in api.call("GET", "/metrics", ok=(200,)).splitlines():
        m = spent.match(line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            # A server-side apply is verb APPLY in the API server's metrics, a merge or JSON patch PATCH.
            if labels.get("verb") in ("PATCH", "APPLY") and labels.get("subresource") == "status":
                key = f"PATCH {labels['resource']}/status {'seconds' if m.group(1) == 'sum' else 'count'}"
                counts[key] = counts.get(key, 0) + float(m.group(3))
            continue
        m = pattern.match(line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
        verb = labels.get("verb")
        if verb in ("POST", "PUT", "PATCH", "APPLY") and m.group(1) == "apiserver_request_total":
            sub = labels.get("subresource")
            key = f"WRITE {verb} {labels['resource']}{'/' + sub if sub else ''}"
        elif not labels.get("subresource") and (verb, m.group(1)) in (("LIST", "apiserver_request_total"),
                                                                      ("WATCH", "apiserver_longrunning_requests")):
            key = f"{verb} {labels['resource']}"
        else:
            continue
        counts[key] = counts.get(key, 0) + int(float(m.group(3)))
    return counts


def apimetrics(api):
    print(json.dumps(api_counts(api), sort_keys=True))


def buckets(path, metric):
    counts = {}
    pattern = re.compile(r'^' + metric + r'_bucket\{(.*)\} (\S+)$')
    for line in open(path):
        m = pattern.match(line.strip())
        if m:
            le = float(dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))["le"].replace("+Inf", "inf"))
            counts[le] = counts.get(le, 0) + float(m.group(2))
    return counts


def quantiles(before, after, metric):
    """p50 and p99 of a Prometheus histogram between two scrapes, as the upper bound of the bucket they fall in
    (the histogram knows no more), in ms."""
    old, new = buckets(before, metric), buckets(after, metric)
    delta = sorted((le, new[le] - old.get(le, 0)) for le in new)
    total = delta[-1][1] if delta else 0
    result = {"observations": int(total)}
    for name, q in (("p50_ms", 0.5), ("p99_ms", 0.99)):
        if total:
            result[name] = next(round(le * 1000, 1) for le, n in delta if n >= q * total)
    print(json.dumps(result))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def report(watch_file, failed_file, rollout_file):
    records = [r for r in map(json.loads, open(watch_file)) if r["type"] != "READY"]
    failed = json.load(open(failed_file))
    first_failure = {}
    for r in records:
        if r["kind"] == "pod" and r.get("isvc") and (r["ns"], r["isvc"]) not in first_failure:
            first_failure[(r["ns"], r["isvc"])] = r["t"]
    detected = {}
    for r in records:
        key = (r["ns"], r["name"])
        if r["kind"] == "dc" and key in first_failure and key not in detected and r["t"] >= first_failure[key] \
                and r["phase"] in ("Stuck", "Failed") and r["reason"] == "OOMKilled":
            detected[key] = r["t"]
    result = {}
    for group in ("paced", "burst"):
        keys = [tuple(s.split("/")) for s in failed[group]]
        ms = [(detected[key] - first_failure[key]) / 1e6 for key in keys if key in detected and key in first_failure]
        result[group] = {"failures": len(keys), "detected": len(ms)}
        if ms:
            result[group].update(p50_ms=round(percentile(ms, 0.50), 1), p99_ms=round(percentile(ms, 0.99), 1),
                                 max_ms=round(max(ms), 1))
    rollouts = json.load(open(rollout_file))
    writes = []
    for name in rollouts["rollouts"]:
        ns, dc = name.split("/")
        seen, count = None, 0
        for r in records:
            if r["kind"] == "dc" and r["ns"] == ns and r["name"] == dc:
                if r["phase"] is not None and r["status"] != seen:
                    count += 1
                seen = r["status"]
        writes.append(count)
    result["writes_per_rollout"] = {"rollouts": len(writes), "pods": rollouts["pods"],
                                    "mean": round(sum(writes) / len(writes), 1) if writes else None,
                                    "max": max(writes) if writes else None}
    print(json.dumps(result))


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "report":
        return report(*args)
    if command == "quantiles":
        return quantiles(*args)
    api = Api()
    if command == "setup":
        setup(api, int(args[0]), int(args[1]), args[2])
    elif command == "checks":
        checks(api, int(args[0]))
    elif command == "watch":
        watch(api, args[0])
    elif command == "fail":
        fail(api, args[0], int(args[1]), float(args[2]), int(args[3]), int(args[4]))
    elif command == "rollout":
        rollout(api, args[0], int(args[1]), int(args[2]), float(args[3]), args[4], args[5])
    elif command == "apimetrics":
        apimetrics(api)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
