#!/usr/bin/env bash
# The moto migration example (examples/moto_migration/): the moto-style module passes under
# moto, switching only its import fails exactly the tests where moto and AWS differ, and
# its migrated form passes under kv_mock. moto is in the dev extra, already installed.
set -euo pipefail
set +e
KV_MOCK_RUN_EXAMPLES=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
  tests/migration/test_moto_migration_example.py
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "moto migration example: no tests collected" >&2
  exit 1
fi
exit "$status"
