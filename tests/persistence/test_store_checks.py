"""A persist file is checked when it is opened: what is not a kv_mock store this version
reads is refused with PersistenceError and left exactly as it was (never adopted, never
wiped), and no message quotes a stored value."""

import hashlib
import json
import sqlite3

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.persistence import APPLICATION_ID, STORE_FORMAT, PersistenceError

SECRET = "hunter2-never-in-a-message"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "state.db"


@pytest.fixture
def store(db):
    """A real store: a parameter and a secret whose value must never be printed."""
    with mock_kayvee(persist=db):
        boto3.client("ssm").put_parameter(Name="/p", Value=SECRET, Type="String")
        boto3.client("secretsmanager").create_secret(Name="s", SecretString=SECRET)
    return db


def _sql(db, *statements):
    connection = sqlite3.connect(db)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _query(db, statement):
    connection = sqlite3.connect(db)
    try:
        return connection.execute(statement).fetchall()
    finally:
        connection.close()


def _digest(db):
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _refused(db, fragment):
    before = _digest(db)
    with pytest.raises(PersistenceError) as error:
        mock_kayvee(persist=db).start()
    message = str(error.value)
    assert fragment in message
    assert SECRET not in message
    assert message.endswith("the file is left as it is")
    assert _digest(db) == before
    return message


def test_a_new_file_is_marked_as_a_kv_mock_store(db):
    with mock_kayvee(persist=db):
        pass
    assert _query(db, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert _query(db, "PRAGMA user_version") == [(STORE_FORMAT,)]


def test_a_foreign_database_is_refused_and_kept(db):
    _sql(db, "CREATE TABLE invoices (id INTEGER, total TEXT)",
         f"INSERT INTO invoices VALUES (1, '{SECRET}')")
    _refused(db, "not a kv_mock store (another application's database)")
    assert _query(db, "SELECT total FROM invoices") == [(SECRET,)]


def test_a_database_of_another_application_id_is_refused(store):
    _sql(store, "PRAGMA application_id = 42")
    _refused(store, "not a kv_mock store")


def test_a_store_without_its_state_row_is_refused_not_wiped(store):
    _sql(store, "DELETE FROM resources WHERE kind = 'state'")
    rows = _query(store, "SELECT count(*) FROM resources")[0][0]
    _refused(store, f"it has {rows} rows but no state row")


def test_a_newer_format_is_refused(store):
    _sql(store, f"PRAGMA user_version = {STORE_FORMAT + 1}")
    _refused(store, f"a kv_mock store of format {STORE_FORMAT + 1}, written by a newer kv_mock")


def test_a_newer_snapshot_document_in_the_state_row_is_refused(store):
    row = _query(store, "SELECT document FROM resources WHERE kind = 'state'")[0][0]
    document = json.loads(row)
    document["version"] = 99
    _sql(store, f"UPDATE resources SET document = '{json.dumps(document)}' WHERE kind = 'state'")
    _refused(store, "kv_mock snapshot version 99 is not supported")


def test_a_row_that_is_not_json_is_refused(store):
    _sql(store, f"UPDATE resources SET document = 'value {SECRET} {{' WHERE kind = 'secret'")
    _refused(store, "row ('123456789012', 'us-east-1', 'secret', 's') does not hold a JSON document")


def test_a_row_of_an_unknown_kind_is_refused(store):
    _sql(store, "INSERT INTO resources VALUES ('123456789012', 'us-east-1', 'queue', 'q', '{}')")
    _refused(store, "row ('123456789012', 'us-east-1', 'queue', 'q') is of a kind")


def test_a_row_with_data_of_the_wrong_shape_is_refused(store):
    _sql(store, "UPDATE resources SET document = '[1, 2]' WHERE kind = 'parameter'")
    _refused(store, "cannot use")


def test_a_secret_value_of_the_wrong_type_is_refused_without_quoting_it(store):
    row = _query(store, "SELECT document FROM resources WHERE kind = 'secret'")[0][0]
    document = json.loads(row)
    version = next(iter(document["versions"].values()))
    version["secret_string"] = [SECRET]
    _sql(store, f"UPDATE resources SET document = '{json.dumps(document)}' WHERE kind = 'secret'")
    _refused(store, "SecretVersion.secret_string: expected str, got list")


def test_a_table_with_other_columns_is_refused(db):
    _sql(db, "CREATE TABLE resources (id INTEGER)")
    _refused(db, "not a kv_mock store")


def test_a_damaged_file_is_refused(store):
    data = bytearray(store.read_bytes())
    page_size = 4096
    data[page_size + 8: page_size * 2] = b"\xff" * (page_size - 8)  # a b-tree page scrambled
    store.write_bytes(bytes(data))
    _refused(store, "cannot use")


def test_a_store_written_before_the_marks_is_still_read(store):
    _sql(store, "PRAGMA application_id = 0", "PRAGMA user_version = 0")
    with mock_kayvee(persist=store):
        assert boto3.client("ssm").get_parameter(Name="/p")["Parameter"]["Value"] == SECRET
    assert _query(store, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_an_empty_file_becomes_a_store(db):
    db.write_bytes(b"")
    with mock_kayvee(persist=db):
        boto3.client("ssm").put_parameter(Name="/p", Value="v", Type="String")
    with mock_kayvee(persist=db):
        assert boto3.client("ssm").get_parameter(Name="/p")["Parameter"]["Value"] == "v"
