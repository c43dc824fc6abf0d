"""A process forked inside ``mock_kayvee(persist=…)`` never writes through the parent's
SQLite connection: its writes are refused (PersistenceError), its reads work, and the
parent's file keeps every write the parent acknowledged."""

import multiprocessing
import sqlite3

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.persistence import PersistenceError

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)


def _child(results):
    ssm = boto3.client("ssm")
    try:
        results.put(("read", ssm.get_parameter(Name="/parent/0")["Parameter"]["Value"]))
    except Exception as error:  # reported to the parent
        results.put(("read", repr(error)))
    try:
        ssm.put_parameter(Name="/child", Value="c", Type="String")
        results.put(("write", "acknowledged"))
    except PersistenceError as error:
        results.put(("write", str(error)))


@pytest.mark.parametrize("seed", [None, 7], ids=["unseeded", "seeded"])
def test_a_forked_child_cannot_write_and_the_parent_loses_nothing(tmp_path, seed):
    db = tmp_path / "state.db"
    with mock_kayvee(persist=db, seed=seed):
        ssm = boto3.client("ssm")
        for index in range(10):
            ssm.put_parameter(Name=f"/parent/{index}", Value=str(index), Type="String")
        fork = multiprocessing.get_context("fork")
        results = fork.Queue()
        children = [fork.Process(target=_child, args=(results,)) for _ in range(3)]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=60)
        answers = [results.get(timeout=10) for _ in range(2 * len(children))]
        for index in range(10, 20):
            ssm.put_parameter(Name=f"/parent/{index}", Value=str(index), Type="String")

    assert [child.exitcode for child in children] == [0, 0, 0]
    assert sorted(value for kind, value in answers if kind == "read") == ["0"] * 3
    refusals = [value for kind, value in answers if kind == "write"]
    assert len(refusals) == 3
    assert all("is a fork of it and must not write" in refusal for refusal in refusals)

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    with mock_kayvee(persist=db):
        names = {p["Name"] for p in boto3.client("ssm").describe_parameters(MaxResults=50)[
            "Parameters"]}
        assert names == {f"/parent/{index}" for index in range(20)}
