"""The server examples run end to end, as a user runs them (a subprocess each)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run_example(*arguments: str) -> str:
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_secret_sync_rewrites_the_manifests_of_rotated_secrets(tmp_path):
    output = run_example(str(EXAMPLES / "secret_sync.py"), "--out", str(tmp_path))
    assert "sync wrote ['prod/cache', 'prod/db']" in output
    manifests = {path.name: yaml.safe_load(path.read_text()) for path in tmp_path.glob("*.yaml")}
    assert sorted(manifests) == ["prod-api-key.yaml", "prod-cache.yaml", "prod-db.yaml"]
    database = manifests["prod-db.yaml"]
    assert (database["kind"], database["type"]) == ("Secret", "Opaque")
    assert sorted(database["data"]) == ["password", "username"]
    assert database["metadata"]["annotations"][
        "secrets.kv-mock.example/source-arn"].startswith("arn:aws:secretsmanager:eu-west-1:")


def test_config_service_rolls_back_and_another_process_reads_it():
    output = run_example(str(EXAMPLES / "config_service.py"))
    assert "checkout: rolled back, version 1 is live" in output
    assert "checkout v1 ['live']" in output
