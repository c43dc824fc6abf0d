"""mock_kayvee(persist="state.db"): the state survives the process, write by write."""

import datetime as _dt
import json
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from kv_mock import KvMockError, mock_kayvee
from kv_mock.persistence import Persistence, PersistenceError

from snapshot.scenario import build, responses  # tests/snapshot (pytest puts tests/ on the path)

WRITER = Path(__file__).with_name("writer.py")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "state.db"


def _writer(db, mode, *arguments):
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), mode, *arguments], stdout=subprocess.PIPE, text=True
    )


def _finish(db, mode):
    process = _writer(db, mode)
    output = process.stdout.read()
    assert process.wait(timeout=60) == -signal.SIGKILL
    return output


def _integrity(db):
    connection = sqlite3.connect(db)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def test_without_persist_nothing_touches_the_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with mock_kayvee():
        boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
    assert list(tmp_path.iterdir()) == []


def test_state_survives_stop_and_start(db):
    with mock_kayvee(persist=db) as kv:
        build(kv)
        before, document = responses(), kv.snapshot()
    with mock_kayvee(persist=db) as kv:
        assert kv.snapshot() == document
        assert responses() == before


def test_a_writer_killed_mid_write_loses_no_acknowledged_write(db):
    acknowledged = -1
    for _ in range(3):
        process = _writer(db, "puts", str(acknowledged + 1))
        for _ in range(random.randint(5, 60)):
            acknowledged = max(acknowledged, int(process.stdout.readline()))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert _integrity(db) == "ok"
    with mock_kayvee(persist=db):
        ssm = boto3.client("ssm")
        for index in range(acknowledged + 1):
            assert ssm.get_parameter(Name=f"/w/{index}")["Parameter"]["Value"] == f"value {index}"


def test_a_time_driven_event_is_committed_before_the_next_call_returns(db):
    assert _finish(db, "expire") == "expired\n"
    with mock_kayvee(persist=db):
        names = [p["Name"] for p in boto3.client("ssm").describe_parameters()["Parameters"]]
    assert names == ["/other"]


def test_every_call_of_a_varied_session_is_committed_as_it_returns(db):
    document = json.loads(_finish(db, "scenario"))
    with mock_kayvee(persist=db) as kv:
        assert kv.snapshot() == document


def test_save_commits_changes_made_from_python(db):
    assert _finish(db, "save") == "saved\n"
    with mock_kayvee(persist=db):
        boto3.client("ssm").put_parameter(
            Name="/s", Value="v", Type="SecureString", KeyId="alias/made-in-python"
        )


def test_a_seeded_sequence_continues_after_a_reload(db):
    def three_versions():
        manager = boto3.client("secretsmanager")
        return [
            manager.put_secret_value(SecretId="s", SecretString=str(i))["VersionId"]
            for i in range(3)
        ]

    with mock_kayvee(seed=9):
        boto3.client("secretsmanager").create_secret(Name="s", SecretString="0")
        uninterrupted = three_versions()
    with mock_kayvee(seed=9, persist=db):
        boto3.client("secretsmanager").create_secret(Name="s", SecretString="0")
    with mock_kayvee(persist=db):
        assert three_versions() == uninterrupted


@pytest.mark.parametrize("seed, writes", [(None, False), (3, True)])
def test_reads_write_only_the_id_position_of_a_seeded_mock(db, seed, writes):
    journal = db.with_name(db.name + "-wal")
    with mock_kayvee(persist=db, seed=seed):
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/a", Value="1", Type="String")
        size = journal.stat().st_size
        ssm.get_parameter(Name="/a")
        assert (journal.stat().st_size > size) is writes


def test_the_clock_survives_a_reload(db):
    instant = _dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=_dt.timezone.utc)
    with mock_kayvee(persist=db) as kv:
        kv.clock.freeze(instant)
    with mock_kayvee(persist=db) as kv:
        assert kv.clock.now() == instant


def test_a_scheduled_deletion_falls_due_after_a_reload(db):
    with mock_kayvee(persist=db) as kv:
        kv.clock.freeze(_dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc))
        boto3.client("secretsmanager").create_secret(Name="old", SecretString="x")
        boto3.client("secretsmanager").delete_secret(SecretId="old", RecoveryWindowInDays=7)
    with mock_kayvee(persist=db) as kv:
        kv.advance(days=8)
        listed = boto3.client("secretsmanager").list_secrets(IncludePlannedDeletion=True)
        assert listed["SecretList"] == []


def test_preload_applies_only_to_a_new_file(db):
    preload = {"parameters": [{"Name": "/seeded", "Value": "1"}]}
    with mock_kayvee(persist=db, preload=preload):
        boto3.client("ssm").delete_parameter(Name="/seeded")
    with mock_kayvee(persist=db, preload=preload):
        assert boto3.client("ssm").describe_parameters()["Parameters"] == []


def test_a_file_in_use_is_refused(db, monkeypatch):
    monkeypatch.setattr("kv_mock.persistence.LOCK_TIMEOUT_SECONDS", 0.05)
    with mock_kayvee(persist=db):
        boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
        with pytest.raises(PersistenceError) as error:
            Persistence(db)
    assert str(error.value) == (
        f"cannot use {str(db)!r} as kv_mock state: database is locked; the file is left as it is"
    )


def test_a_file_that_is_not_a_database_is_refused(db):
    db.write_bytes(b"not a database, just some bytes " * 100)
    with pytest.raises(PersistenceError) as error:
        mock_kayvee(persist=db).start()
    assert str(error.value) == (
        f"cannot use {str(db)!r} as kv_mock state: file is not a database; "
        "the file is left as it is"
    )


def test_persist_needs_the_outermost_mock(db):
    with mock_kayvee():
        with pytest.raises(KvMockError) as error:
            mock_kayvee(persist=db).start()
    assert str(error.value) == (
        f"mock_kayvee(persist={db!r}) cannot start inside an active mock with persist=None: "
        "an inner mock shares the outer one's state. Give the same persist, leave it out, "
        "or stop the outer mock first."
    )
