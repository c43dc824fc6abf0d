#!/usr/bin/env bash
# The README's test command on the oldest and the newest Python kv_mock supports
# (requires-python >= 3.10) that CI machines have: pyenv's 3.10 and 3.13. A missing
# interpreter fails the job. Each gets a fresh virtualenv outside the repository with
# ".[dev]" as the README installs it (pip resolves aiobotocore's botocore pin); pip's cache
# is shared. The installs run one after the other (an editable install writes the repo's
# egg-info), the two suites side by side (one core each).
set -euo pipefail
source .ci/lib/pythons.sh

VERSIONS=(3.10 3.13)
declare -A venvs logs pids
cleanup() { for v in "${VERSIONS[@]}"; do rm -rf "${venvs[$v]:-}" "${logs[$v]:-}"; done; }
trap cleanup EXIT

for v in "${VERSIONS[@]}"; do
  venvs[$v]=$(fresh_venv "$v")
  pip_install "${venvs[$v]}" -e ".[dev]"
done
for v in "${VERSIONS[@]}"; do
  logs[$v]=$(mktemp)
  run_suite "${venvs[$v]}" > "${logs[$v]}" 2>&1 &
  pids[$v]=$!
done
failed=0
for v in "${VERSIONS[@]}"; do
  if wait "${pids[$v]}"; then
    echo "-- Python $v: $(tail -n 1 "${logs[$v]}")"
  else
    echo "-- Python $v FAILED:"
    cat "${logs[$v]}"
    failed=1
  fi
done
exit "$failed"
