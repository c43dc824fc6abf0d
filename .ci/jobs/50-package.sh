#!/usr/bin/env bash
# What a user gets from `pip install`: build the sdist and the wheel, check them with twine,
# install the wheel into a fresh virtualenv and run the demo from outside the checkout (so
# nothing is imported from the source tree), then check the pytest plugin loads from it.
set -euo pipefail
"$VENV/bin/python" -m pip install -q "build>=1" "twine>=5"
dist="$(mktemp -d)"
"$VENV/bin/python" -m build --sdist --wheel --outdir "$dist" . > /dev/null
"$VENV/bin/python" -m twine check --strict "$dist"/*
user_venv="$(mktemp -d)/venv"
python3 -m venv "$user_venv"
"$user_venv/bin/python" -m pip install -q "$dist"/*.whl
outside="$(mktemp -d)"
cp examples/demo.py "$outside/"
(cd "$outside" && "$user_venv/bin/python" demo.py > /dev/null)
(cd "$outside" && "$user_venv/bin/kv-mock" --version)
# The plugin is registered and its fixtures exist in a project that knows nothing of kv_mock.
"$user_venv/bin/python" -m pip install -q pytest
cat > "$outside/test_plugin_from_wheel.py" <<'PY'
def test_fixture_from_the_installed_plugin(ssm_client):
    ssm_client.put_parameter(Name="/wheel", Value="ok", Type="String")
    assert ssm_client.get_parameter(Name="/wheel")["Parameter"]["Value"] == "ok"
PY
(cd "$outside" && "$user_venv/bin/python" -m pytest -q -p no:cacheprovider test_plugin_from_wheel.py)
