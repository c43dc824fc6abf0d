#!/usr/bin/env bash
# The dashboard in a real headless browser: Debian's Chromium and playwright (Python, driving
# that Chromium; it downloads no browser of its own). The test skips without them elsewhere;
# here KV_MOCK_REQUIRE_BROWSER=1 turns a missing browser into a failure.
set -euo pipefail
if ! command -v chromium > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium > /dev/null
fi
"$VENV/bin/python" -m pip install -q "playwright>=1.40"
set +e
KV_MOCK_REQUIRE_BROWSER=1 "$VENV/bin/python" -m pytest -q tests/server/test_dashboard_browser.py
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "the browser test was not collected" >&2
  exit 1
fi
exit "$status"
