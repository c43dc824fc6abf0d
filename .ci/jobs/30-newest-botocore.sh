#!/usr/bin/env bash
# CI job: kv_mock against the newest botocore/boto3 on PyPI, in a virtualenv of its own.
#
# The main venv's botocore is pinned by aiobotocore (the dev extra); operations and members
# newer than that pin (Secrets Manager's cross-account replicas and named resource
# policies, botocore >= 1.44.2) are skipped there, with a reason. Here, without aiobotocore,
# the newest models are installed and those tests really run: first the Secrets Manager
# suites, then the whole suite but the docs recipes (about two minutes on a busy 2-core
# machine). pytest's exit code 5 counts as failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib/pythons.sh

venv="$(mktemp -d)/newest-botocore"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
# The dev extra without aiobotocore (it pins botocore), then the newest botocore and boto3.
"$venv/bin/python" -m pip install -q -e ".[dev]"
"$venv/bin/python" -m pip uninstall -q -y aiobotocore
"$venv/bin/python" -m pip install -q --upgrade botocore boto3
"$venv/bin/python" -c 'import botocore; print("botocore", botocore.__version__)'

# The newest operations must run here, not skip: -rs lists any skip with its reason, and
# a skip of a "newer botocore" test fails this job.
report="$(mktemp)"
set +e
"$venv/bin/python" -m pytest -q -rs tests/secretsmanager tests/secretsmanager_rotation \
  | tee "$report"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 5 ] && echo "pytest collected no tests" >&2
  exit 1
fi
if grep -q "needs botocore" "$report"; then
  echo "tests of the newest models were skipped against the newest botocore" >&2
  exit 1
fi
rm -f "$report"

# The whole suite, but the documentation's recipes (they run aiobotocore, which pins botocore):
# the main job runs those.
run_suite "$venv" --ignore=tests/test_docs.py
