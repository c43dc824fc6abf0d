#!/usr/bin/env bash
# The suite with the minimum declared version of every runtime dependency
# (.ci/min-versions.txt, checked against pyproject.toml's floors) on the oldest supported
# Python. The dev extra's tools come at their newest; tests that need something newer than
# a floor (a request member an old botocore cannot send; aiobotocore, whose releases pin a
# newer botocore) skip, and the skip summary printed at the end says why.
set -euo pipefail
source .ci/lib/pythons.sh

venv=$(fresh_venv 3.10)
trap 'rm -rf "$venv"' EXIT

# Every runtime dependency (and the yaml extra) has its floor pinned here, and no other.
"$venv/bin/python" - <<'PY'
import re, sys
text = open("pyproject.toml", encoding="utf-8").read()
block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)[1]
block += re.search(r"^yaml = \[(.*?)\]", text, re.M)[1]
declared = dict(re.findall(r'"([A-Za-z0-9_.-]+)>=([0-9][^",;<]*)', block))
pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", open(".ci/min-versions.txt").read(), re.M))
def norm(d): return {k.lower(): re.sub(r"(\.0)+$", "", v) for k, v in d.items()}
if norm(declared) != norm(pinned):
    sys.exit(f"CI: .ci/min-versions.txt {pinned} does not pin pyproject's floors {declared}")
PY

# The dev extra's tools at their newest (pip picks releases that accept the floors), but
# aiobotocore: every release of it pins a botocore newer than the floor.
mapfile -t tools < <("$venv/bin/python" - <<'PY'
import re
text = open("pyproject.toml", encoding="utf-8").read()
block = re.search(r"^dev = \[(.*?)^\]", text, re.S | re.M)[1]
for requirement in re.findall(r'"([^"]+)"', block):
    if not requirement.startswith("aiobotocore"):
        print(requirement)
PY
)
pip_install "$venv" -c .ci/min-versions.txt -e ".[yaml]" "${tools[@]}"
"$venv/bin/python" -m pip freeze --exclude-editable \
  | grep -iE '^(botocore|boto3|wrapt|sortedcontainers|regex|pyyaml)=='
log=$(mktemp)
trap 'rm -rf "$venv" "$log"' EXIT
if ! run_suite "$venv" -rs > "$log" 2>&1; then
  cat "$log"
  exit 1
fi
echo "skipped, by reason:"
{ grep '^SKIPPED' "$log" || true; } | sed -E 's/^SKIPPED \[([0-9]+)\] [^:]+:[0-9]+: /\1 /' \
  | awk '{n = $1; $1 = ""; count[$0] += n} END {for (r in count) print "  " count[r] r}'
tail -n 1 "$log"
