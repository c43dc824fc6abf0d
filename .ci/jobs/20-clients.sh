#!/usr/bin/env bash
# Real clients against a running `kv-mock serve` (the examples run in the main suite,
# tests/clients/test_examples.py):
#   * the AWS CLI (its own venv: its botocore pin may differ from ours) and the AWS SDK for
#     JavaScript v3 (npm ci from tests/clients/js/package-lock.json, the machine's node) —
#     installed here, so tests/clients really runs (no skip) or the job fails;
#   * the load benchmark as a quick correctness run (bench/server_load.py exits 1 on any
#     failed call, lost write or inconsistent version; its timings gate nothing).
# Run from the repository root with $VENV the main virtualenv (.ci/run does).
set -euo pipefail
started=$SECONDS
VENV=${VENV:-$PWD/.venv}
"$VENV/bin/python" -m pip install -q -e ".[bench]"

cli_venv="$PWD/.venv-awscli"
[ -x "$cli_venv/bin/aws" ] || { python3 -m venv "$cli_venv" && "$cli_venv/bin/python" -m pip install -q awscli; }
"$cli_venv/bin/aws" --version
command -v node >/dev/null || { echo "20-clients: node is not installed" >&2; exit 1; }
(cd tests/clients/js && npm ci --no-audit --no-fund --silent)
echo "clients installed: $((SECONDS - started)) s"

set +e
KV_MOCK_AWS_CLI="$cli_venv/bin/aws" "$VENV/bin/python" -m pytest -q -rs \
  tests/clients/test_aws_cli.py tests/clients/test_js_sdk.py | tee /tmp/kv-mock-20-clients.log
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 5 ]; then echo "20-clients: pytest collected no tests" >&2; exit 1; fi
if [ "$status" -ne 0 ]; then exit "$status"; fi
if grep -q "SKIPPED" /tmp/kv-mock-20-clients.log; then
  echo "20-clients: a client test was skipped although its client was installed" >&2; exit 1
fi

timeout 300 "$VENV/bin/python" bench/server_load.py --clients 8 --calls 50 --rounds 1
echo "20-clients: $((SECONDS - started)) s"
