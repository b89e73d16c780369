"""Runs every panel query of the Grafana dashboard against a live Prometheus (e2e/scenarios/alert-dashboard.sh).

python3 dashboard_check.py DASHBOARD_JSON PROMETHEUS_URL FROM_UNIX [--may-be-empty TITLE]...

Each query gets Grafana's values for the dashboard's variables: the `All` value of `job` and `namespace`, and
$__rate_interval = 4 x the 30s scrape interval (Grafana's floor for it). The variables' own queries must return
values too (job "deploycheck", the scenario's namespaces). A query passes when a range query from FROM_UNIX to now
holds at least one finite sample, i.e. the panel would draw something. Prints one line per query; exits 1 when a
query fails or draws nothing, unless its panel is listed with --may-be-empty (still run, must not error).
"""
import json
import math
import re
import sys
import time
import urllib.parse
import urllib.request

dashboard_path, prometheus, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
may_be_empty = {sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--may-be-empty"}
RATE_INTERVAL = "2m"


def get(path, **params):
    url = f"{prometheus}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(body)
    return body["data"]


dashboard = json.load(open(dashboard_path, encoding="utf-8"))
variables = {v["name"]: v for v in dashboard["templating"]["list"]}
values = {"__rate_interval": RATE_INTERVAL}
for name in ("job", "namespace"):
    values[name] = variables[name]["allValue"]


def substitute(expr):
    return re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: values[m.group(1) or m.group(2)], expr)


failures = 0
# Variable queries: label_values(SELECTOR, LABEL).
for name in ("job", "namespace"):
    query = variables[name]["query"]["query"]
    selector, label = re.fullmatch(r"label_values\((.*), (\w+)\)", query).groups()
    found = get(f"/api/v1/label/{label}/values", **{"match[]": substitute(selector), "start": start, "end": time.time()})
    print(f"variable {name}: {found}")
    if not found:
        failures += 1


def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))


end = time.time()
for panel in panels(dashboard["panels"]):
    for target in panel.get("targets", []):
        expr = substitute(target["expr"])
        try:
            result = get("/api/v1/query_range", query=expr, start=start, end=end, step=15)["result"]
        except Exception as error:  # a query Prometheus rejects
            print(f"ERROR   {panel['title']}: {error}: {expr}")
            failures += 1
            continue
        points = sum(1 for series in result for _, v in series["values"] if math.isfinite(float(v)))
        title = panel["title"]
        if points:
            print(f"data    {title} [{target.get('legendFormat', target.get('refId'))}]: {len(result)} series, {points} points")
        elif title in may_be_empty:
            print(f"empty   {title} [{target.get('refId')}] (allowed): {expr}")
        else:
            print(f"NO DATA {title} [{target.get('refId')}]: {expr}")
            failures += 1
sys.exit(1 if failures else 0)
