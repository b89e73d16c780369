#!/usr/bin/env bash
# Checks and unit-tests the alert rules with promtool (`promtool test rules`). Installs Debian's `prometheus`
# package, which ships promtool, when promtool is missing. Exits non-zero when a check or a test fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v promtool >/dev/null 2>&1; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
fi
promtool --version

promtool check rules deploy/alerts/deploycheck-rules.yaml
promtool test rules tests/alerts/*.test.yaml
