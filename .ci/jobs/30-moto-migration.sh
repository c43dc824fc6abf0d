#!/usr/bin/env bash
# The moto migration example (examples/moto_migration/): the moto-style module passes under
# moto, switching only its import fails exactly the tests where moto and AWS differ, and
# its migrated form passes under kv_mock. moto is in the dev extra, already installed.
set -euo pipefail
source .ci/lib/pythons.sh
KV_MOCK_RUN_EXAMPLES=1 run_suite "$VENV" -p no:cacheprovider \
  tests/migration/test_moto_migration_example.py
