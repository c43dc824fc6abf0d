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


def test_version_prints_the_installed_version(capsys):
    import kv_mock

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"kv-mock {kv_mock.__version__}\n"


def test_restore_makes_a_state_file_from_a_snapshot(store, tmp_path, capsys):
    assert main(["snapshot", "--store", str(store)]) == 0
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(capsys.readouterr().out)
    copy = tmp_path / "copy.db"
    assert main(["restore", "--store", str(copy), str(snapshot)]) == 0
    assert capsys.readouterr().err == f"kv-mock: restored {snapshot} into {copy}\n"
    with mock_kayvee(persist=copy):
        ssm = boto3.client("ssm")
        assert ssm.get_parameter(Name="/app/db/password", WithDecryption=True)[
            "Parameter"]["Value"] == 'p"w'
        assert boto3.client("secretsmanager").get_secret_value(
            SecretId="app/token")["SecretString"] == "t"


def test_restore_refuses_to_replace_an_existing_store_unless_asked(store, tmp_path, capsys):
    snapshot = tmp_path / "empty.json"
    with mock_kayvee() as empty:
        snapshot.write_text(json.dumps(empty.snapshot()))
    assert main(["restore", "--store", str(store), str(snapshot)]) == 2
    assert capsys.readouterr().err == f"kv-mock: {store} exists; --replace replaces its state\n"
    assert main(["restore", "--store", str(store), str(snapshot), "--replace"]) == 0
    with mock_kayvee(persist=store):
        assert boto3.client("ssm").describe_parameters()["Parameters"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "kv-mock: cannot read snapshot"),
        ("{not json", "kv-mock: snapshot"),
    ],
)
def test_restore_of_an_unreadable_snapshot_is_an_error(tmp_path, capsys, content, message):
    snapshot = tmp_path / "snapshot.json"
    if content is not None:
        snapshot.write_text(content)
    assert main(["restore", "--store", str(tmp_path / "new.db"), str(snapshot)]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_load_adds_a_preload_file_to_a_new_or_existing_store(store, tmp_path, capsys):
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(json.dumps({
        "parameters": [{"name": "/app/feature", "value": "on"}],
        "secrets": [{"name": "app/other", "secret_string": "o"}],
    }))
    for target in (store, tmp_path / "new.db"):
        assert main(["load", "--store", str(target), str(fixtures), "--region", "eu-west-1"]) == 0
        assert capsys.readouterr().err == f"kv-mock: loaded {fixtures} into {target}\n"
        with mock_kayvee(persist=target):
            ssm = boto3.client("ssm", region_name="eu-west-1")
            assert ssm.get_parameter(Name="/app/feature")["Parameter"]["Value"] == "on"
            secrets = boto3.client("secretsmanager", region_name="eu-west-1")
            assert secrets.get_secret_value(SecretId="app/other")["SecretString"] == "o"
    with mock_kayvee(persist=store):  # what the store held is still there
        assert boto3.client("ssm").get_parameter(Name="/app/db/host")["Parameter"]["Value"] == "db"


def test_a_failed_load_reports_the_bad_entry_and_changes_nothing(store, tmp_path, capsys):
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(json.dumps({"parameters": [
        {"name": "/ok", "value": "v"}, {"name": "/p", "value": 8080},
    ]}))
    new = tmp_path / "new.db"
    for target in (store, new):
        assert main(["load", "--store", str(target), str(fixtures)]) == 2
        assert capsys.readouterr().err == (
            "kv-mock: preload parameters[1] ('/p'): value must be text, but the file gives a "
            "number (int): quote it: value: \"8080\"\n"
        )
    assert list(tmp_path.glob("new.db*")) == []
    with mock_kayvee(persist=store):
        names = [p["Name"] for p in boto3.client("ssm").describe_parameters()["Parameters"]]
    assert sorted(names) == ["/app/db/host", "/app/db/password"]
