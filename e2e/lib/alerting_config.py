"""Writes the e2e's Prometheus and Alertmanager configuration from what the project ships (e2e/lib/alerting.sh).

python3 alerting_config.py REPO_DIR OUT_DIR ALERTMANAGER_PORT WEBHOOK_PORT

Nothing here restates a shipped value:
- the scrape job is the one the Prometheus Operator generates for the chart's ServiceMonitor (deploy/ is the chart
  rendered with its defaults, PlainManifestsTest keeps it so): the endpoint's interval, timeout, path and
  honorLabels, and the target labels the operator attaches (namespace, service, pod, container, endpoint, and job
  from the Service label named by jobLabel). The target itself (the operator's local port) is written by
  alerting.sh into targets.json, read through file_sd;
- the rules are deploy/alerts/deploycheck-rules.yaml itself (the chart's files/alerts.yaml is a tested copy);
- the Alertmanager route is deploy/alerts/alertmanager-route.yaml, the recommendation of docs/metrics.md, with its
  receiver pointed at the local webhook.
The evaluation interval is the Prometheus Operator's default (30s): the rule file sets none, so the Prometheus that
loads the chart's PrometheusRule decides it.
"""
import json
import os
import sys

import yaml

EVALUATION_INTERVAL = "30s"  # Prometheus Operator: PrometheusSpec.evaluationInterval defaults to 30s
RECEIVER = "e2e-webhook"

repo, out, alertmanager_port, webhook_port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]


def documents(path):
    with open(os.path.join(repo, path), encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def one(docs, kind):
    found = [d for d in docs if d.get("kind") == kind]
    if len(found) != 1:
        sys.exit(f"expected one {kind}, found {len(found)}")
    return found[0]


monitor = one(documents("deploy/prometheus-operator/service-monitor.yaml"), "ServiceMonitor")
manifests = documents("deploy/deploycheck.yaml")
service = one(manifests, "Service")
deployment = one(manifests, "Deployment")
endpoint = monitor["spec"]["endpoints"][0]
if not monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items():
    sys.exit("the ServiceMonitor does not select the chart's Service")
container = next(c for c in deployment["spec"]["template"]["spec"]["containers"]
                 if any(p.get("name") == endpoint["port"] for p in c.get("ports", [])))
job_label = monitor["spec"].get("jobLabel")
namespace = monitor["metadata"]["namespace"]

# What the Prometheus Operator's relabelling leaves on every series of the target (besides instance).
target_labels = {
    "job": service["metadata"]["labels"][job_label] if job_label else service["metadata"]["name"],
    "namespace": namespace,
    "service": service["metadata"]["name"],
    "pod": deployment["metadata"]["name"] + "-e2e",  # a local process plays the pod
    "container": container["name"],
    "endpoint": endpoint["port"],
}
with open(os.path.join(out, "target-labels.json"), "w", encoding="utf-8") as f:
    json.dump(target_labels, f)

prometheus = {
    "global": {"scrape_interval": endpoint["interval"], "evaluation_interval": EVALUATION_INTERVAL},
    "rule_files": [os.path.join(repo, "deploy/alerts/deploycheck-rules.yaml")],
    "alerting": {"alertmanagers": [{"static_configs": [{"targets": [f"127.0.0.1:{alertmanager_port}"]}]}]},
    "scrape_configs": [{
        "job_name": f"serviceMonitor/{namespace}/{monitor['metadata']['name']}/0",
        "honor_labels": bool(endpoint.get("honorLabels", False)),
        "scrape_interval": endpoint["interval"],
        "scrape_timeout": endpoint["scrapeTimeout"],
        "metrics_path": endpoint.get("path", "/metrics"),
        "file_sd_configs": [{"files": [os.path.join(out, "targets.json")]}],
    }],
}

with open(os.path.join(repo, "deploy/alerts/alertmanager-route.yaml"), encoding="utf-8") as f:
    route = yaml.safe_load(f)
route["receiver"] = RECEIVER
alertmanager = {
    "route": {"receiver": RECEIVER, "routes": [route]},
    "receivers": [{"name": RECEIVER, "webhook_configs": [
        {"url": f"http://127.0.0.1:{webhook_port}/", "send_resolved": True}]}],
}

for name, config in (("prometheus.yml", prometheus), ("alertmanager.yml", alertmanager)):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        yaml.safe_dump(config, f, sort_keys=False)
