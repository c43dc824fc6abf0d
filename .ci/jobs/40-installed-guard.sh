#!/usr/bin/env bash
# The guard and the plugin as a user installs them: a real (non-editable) wheel in a fresh
# virtualenv, tests run from outside the repository, so nothing of the source tree is on
# sys.path. Checks what an editable install cannot: kv_mock_guard.pth in site-packages arms
# spawn/forkserver children, and the plugin is importable only as kv_mock_pytest.
set -euo pipefail
source .ci/lib/pythons.sh

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$VENV/bin/python" -m pip wheel -q --no-deps -w "$WORK/dist" . >/dev/null
python3 -m venv "$WORK/venv"
WHEEL="$(ls "$WORK"/dist/kv_mock-*.whl)"
"$WORK/venv/bin/pip" install -q "${WHEEL}[dev]"

test -f "$("$WORK/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/kv_mock_guard.pth"
if (cd "$WORK" && "$WORK/venv/bin/python" -c 'import conftest_plugin' 2>/dev/null); then
    echo "conftest_plugin is installed as a top-level package" >&2
    exit 1
fi

mkdir -p "$WORK/suite/tests"
cp tests/conftest.py "$WORK/suite/tests/"
touch "$WORK/suite/tests/__init__.py"
cp -r tests/safety "$WORK/suite/tests/safety"
cd "$WORK/suite"
run_suite "$WORK/venv" -p no:cacheprovider tests/safety -k "not wheel"
