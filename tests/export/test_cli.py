"""``kv-mock export`` / ``kv-mock snapshot``: a persisted state file, from the shell."""

import json
import subprocess
import sys

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.cli import main


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "state.db"
    with mock_kayvee(persist=path):
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/app/db/host", Value="db", Type="String")
        ssm.put_parameter(Name="/app/db/password", Value='p"w', Type="SecureString")
        boto3.client("secretsmanager").create_secret(Name="app/token", SecretString="t")
    return path


def test_export_writes_the_dotenv_file(store, tmp_path, capsys):
    out = tmp_path / ".env"
    assert main(["export", "--store", str(store), "--path", "/app", "--out", str(out)]) == 0
    assert out.read_text() == 'APP_DB_HOST="db"\nAPP_DB_PASSWORD="p\\"w"\n'
    assert capsys.readouterr().err == f"kv-mock: wrote 2 variables to {out}\n"


def test_export_without_out_writes_to_standard_output(store, capsys):
    arguments = ["export", "--store", str(store), "--secrets-prefix", "app/", "--strip-prefix"]
    assert main(arguments) == 0
    assert capsys.readouterr().out == 'TOKEN="t"\n'


def test_a_missing_state_file_is_an_error_and_is_not_created(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["export", "--store", str(missing), "--path", "/app"]) == 2
    assert capsys.readouterr().err == f"kv-mock: no state file at {missing}\n"
    assert not missing.exists()


def test_a_name_collision_is_reported_as_an_error(store, capsys):
    with mock_kayvee(persist=store):
        boto3.client("ssm").put_parameter(Name="/app/db-host", Value="x", Type="String")
    assert main(["export", "--store", str(store), "--path", "/app"]) == 2
    assert capsys.readouterr().err == (
        "kv-mock: parameter /app/db-host and parameter /app/db/host both map to the variable "
        "APP_DB_HOST\n"
    )


def test_export_without_a_selection_is_an_error(store, capsys):
    assert main(["export", "--store", str(store)]) == 2
    assert capsys.readouterr().err == (
        "kv-mock: nothing to export: give --path, --secrets-prefix or both\n"
    )


def test_snapshot_prints_the_state_document(store, capsys):
    with mock_kayvee(persist=store) as kv:
        expected = kv.snapshot()
    assert main(["snapshot", "--store", str(store)]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_the_command_runs_as_a_program(store):
    result = subprocess.run(
        [sys.executable, "-m", "kv_mock.cli", "export", "--store", str(store),
         "--path", "/app/db/"],
        capture_output=True, text=True, timeout=60,
    )
    assert (result.returncode, result.stdout) == (0, 'APP_DB_HOST="db"\nAPP_DB_PASSWORD="p\\"w"\n')
