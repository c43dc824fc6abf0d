#!/usr/bin/env bash
# The dashboard in a real headless browser: Debian's Chromium and playwright (Python, driving
# that Chromium; it downloads no browser of its own). The test skips without them elsewhere;
# here KV_MOCK_REQUIRE_BROWSER=1 turns a missing browser into a failure.
set -euo pipefail
source .ci/lib/pythons.sh
if ! command -v chromium > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium > /dev/null
fi
"$VENV/bin/python" -m pip install -q "playwright>=1.40"
KV_MOCK_REQUIRE_BROWSER=1 run_suite "$VENV" tests/server/test_dashboard_browser.py
