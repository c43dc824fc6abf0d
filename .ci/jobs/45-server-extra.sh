#!/usr/bin/env bash
# The `server` extra as a user installs it: without it `kv-mock serve` says what to install;
# with it (`pip install "kv-mock[server]"`, no dev tools) the console script starts on a free
# port, answers boto3 and the admin API, and stops cleanly on SIGTERM with its store closed.
set -euo pipefail
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q .

set +e
"$work/venv/bin/kv-mock" serve --port 0 2> "$work/missing.txt"
status=$?
set -e
if [ "$status" -ne 2 ] || ! grep -q "pip install 'kv-mock\[server\]'" "$work/missing.txt"; then
  echo "kv-mock serve without the server extra: exit $status, $(cat "$work/missing.txt")" >&2
  exit 1
fi

"$work/venv/bin/python" -m pip install -q ".[server]"
"$work/venv/bin/kv-mock" serve --port 0 --persist "$work/state.db" --log-level warning \
  > "$work/serve.txt" &
server=$!
for _ in $(seq 100); do
  grep -q "serving on" "$work/serve.txt" 2> /dev/null && break
  sleep 0.1
done
endpoint="$(awk '{print $NF}' "$work/serve.txt")"
echo "server extra: listening on $endpoint"

"$work/venv/bin/python" - "$endpoint" <<'PY'
import json, sys, urllib.request
import boto3

endpoint = sys.argv[1]
ssm = boto3.client("ssm", endpoint_url=endpoint, region_name="eu-west-1",
                   aws_access_key_id="111111111111", aws_secret_access_key="x")
ssm.put_parameter(Name="/ci/check", Value="ok", Type="String")
parameter = ssm.get_parameter(Name="/ci/check")["Parameter"]
assert parameter["ARN"] == "arn:aws:ssm:eu-west-1:111111111111:parameter/ci/check", parameter
with urllib.request.urlopen(f"{endpoint}/health", timeout=10) as response:
    assert json.load(response)["status"] == "ok"
PY

kill -TERM "$server"
wait "$server"
server=""
"$work/venv/bin/kv-mock" snapshot --store "$work/state.db" | grep -q '"/ci/check"'
echo "server extra: stopped cleanly, store readable"
