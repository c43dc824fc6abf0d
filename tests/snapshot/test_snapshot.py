"""kv.snapshot() / kv.restore(doc): the whole state as JSON, and back, exactly."""

import datetime as _dt
import json

import boto3
import pytest

from kv_mock import KvMockError, mock_kayvee
from kv_mock.rotators import random_value
from kv_mock.snapshot import FORMAT_VERSION

from .scenario import (
    EXPIRES, OTHER_ACCOUNT, RECOVERY_DAYS, ROTATION_LAMBDA, START, build, responses,
)


@pytest.fixture
def built(kayvee):
    build(kayvee)
    return kayvee


def _through_json(document):
    return json.loads(json.dumps(document))


def test_snapshot_is_plain_json_that_names_its_format(built):
    document = built.snapshot()
    assert json.loads(json.dumps(document)) == document
    assert (document["format"], document["version"]) == ("kv_mock.snapshot", FORMAT_VERSION)


def test_snapshot_holds_every_account_and_region(built):
    places = {(b["account_id"], b["region"]) for b in built.snapshot()["backends"]}
    assert places == {
        ("123456789012", "us-east-1"), ("123456789012", "eu-west-1"), (OTHER_ACCOUNT, "eu-west-1"),
    }


def test_restore_then_snapshot_gives_the_identical_document(built):
    document = _through_json(built.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        assert other.snapshot() == document


def test_restored_state_answers_every_call_as_before(built):
    before = responses()
    document = _through_json(built.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        assert responses() == before


def test_restore_undoes_later_changes(built, ssm_client):
    document = built.snapshot()
    ssm_client.put_parameter(Name="/app/db/host", Value="db3", Overwrite=True)
    ssm_client.delete_parameter(Name="/app/list")
    built.restore(document)
    assert ssm_client.get_parameter(Name="/app/db/host")["Parameter"]["Value"] == "db2"
    assert ssm_client.get_parameter(Name="/app/list")["Parameter"]["Value"] == "a,b,c"


def test_restored_securestring_keeps_its_key_and_ciphertext(built, ssm_client):
    before = ssm_client.get_parameter(Name="/app/db/password")["Parameter"]
    built.restore(_through_json(built.snapshot()))
    after = ssm_client.get_parameter(Name="/app/db/password")["Parameter"]
    assert after == before
    decrypted = ssm_client.get_parameter(Name="/app/db/password", WithDecryption=True)
    assert decrypted["Parameter"]["Value"] == 'pw\n"$x'


def test_restored_binary_secret_version_keeps_its_bytes(built, secretsmanager_client):
    built.restore(_through_json(built.snapshot()))
    value = secretsmanager_client.get_secret_value(SecretId="app/api", VersionStage="CUSTOM")
    assert value["SecretBinary"] == b"\x00\xff"


def test_restored_secrets_are_one_object_in_every_index(built, secretsmanager_client):
    built.restore(_through_json(built.snapshot()))
    secretsmanager_client.update_secret(SecretId="app/api", Description="changed")
    by_name = [{"Key": "name", "Values": ["app/api"]}]
    listed = secretsmanager_client.list_secrets(Filters=by_name)["SecretList"]
    by_arn = secretsmanager_client.describe_secret(SecretId=listed[0]["ARN"])
    assert (listed[0]["Description"], by_arn["Description"]) == ("changed", "changed")


def test_snapshot_keeps_no_private_index(built):
    for backend in built.snapshot()["backends"]:
        for attributes in backend["extras"].values():
            assert not [name for name in attributes if name.startswith("_")]


def test_restore_keeps_the_clock():
    with mock_kayvee() as kv:
        kv.clock.freeze(START)
        document = _through_json(kv.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        assert other.clock.now() == START


def test_seeded_sequence_continues_after_restore():
    def versions_of_three_puts():
        manager = boto3.client("secretsmanager")
        return [
            manager.put_secret_value(SecretId="s", SecretString=str(i))["VersionId"]
            for i in range(3)
        ]

    with mock_kayvee(seed=42) as kv:
        boto3.client("secretsmanager").create_secret(Name="s", SecretString="0")
        document = _through_json(kv.snapshot())
        expected = versions_of_three_puts()
    with mock_kayvee(seed=1) as other:
        other.restore(document)
        assert versions_of_three_puts() == expected


def test_expiration_due_after_restore_deletes_the_parameter(built):
    document = _through_json(built.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        other.clock.freeze(EXPIRES + _dt.timedelta(seconds=1))
        with pytest.raises(boto3.client("ssm").exceptions.ParameterNotFound):
            boto3.client("ssm").get_parameter(Name="/app/temp")


def test_scheduled_deletion_due_after_restore_purges_the_secret(built):
    document = _through_json(built.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        other.clock.freeze(START + _dt.timedelta(days=RECOVERY_DAYS, seconds=1))
        listed = boto3.client("secretsmanager").list_secrets(IncludePlannedDeletion=True)
        names = [secret["Name"] for secret in listed["SecretList"]]
        assert "old" not in names


def test_rotation_due_after_restore_runs(built):
    document = _through_json(built.snapshot())
    with mock_kayvee() as other:
        other.restore(document)
        other.rotation_function(ROTATION_LAMBDA, random_value)
        manager = boto3.client("secretsmanager")
        before = manager.get_secret_value(SecretId="app/rotated")["VersionId"]
        other.advance(days=31)
        assert manager.get_secret_value(SecretId="app/rotated")["VersionId"] != before


def test_restore_keeps_registered_rotation_functions(built, secretsmanager_client):
    built.restore(_through_json(built.snapshot()))
    secretsmanager_client.rotate_secret(SecretId="app/rotated")
    assert secretsmanager_client.get_secret_value(SecretId="app/rotated")["SecretString"] != "start"


@pytest.mark.parametrize(
    "document, message",
    [
        ({}, "not a kv_mock snapshot (no 'format': 'kv_mock.snapshot')"),
        ([], "not a kv_mock snapshot (no 'format': 'kv_mock.snapshot')"),
        ({"format": "kv_mock.snapshot", "version": 99},
         "kv_mock snapshot version 99 is not supported "
         f"(this kv_mock reads version {FORMAT_VERSION})"),
    ],
)
def test_restore_refuses_what_is_not_a_snapshot(kayvee, document, message):
    with pytest.raises(KvMockError) as error:
        kayvee.restore(document)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "damage",
    [
        lambda document: document["backends"][0].pop("region"),
        lambda document: document["clock"].update(frozen_at="yesterday"),
        lambda document: document["ids"].update(state="not base64!"),
        lambda document: document["ids"].update(state="AAAA"),
        lambda document: document["backends"][1]["parameters"][0].pop("name"),
        lambda document: document["backends"][1]["parameters"][0].update(versions={}),
        lambda document: document["backends"][1]["parameters"][0].update(name=5),
        lambda document: document["backends"][1]["parameters"][0]["versions"]["1"].update(
            value=["not", "a", "string"]),
        lambda document: document["backends"][1]["parameters"][0]["versions"]["1"].update(
            version=7),
        lambda document: document["backends"][1]["parameters"].append(
            document["backends"][1]["parameters"][0]),
        lambda document: document["backends"][1]["secrets"][0].update(versions=[]),
        lambda document: next(iter(document["backends"][1]["secrets"][0]["versions"].values()))[
            "stages"].append("AWSCURRENT"),
        lambda document: document["backends"][1].update(region="the moon"),
        lambda document: document["backends"].append(document["backends"][0]),
        lambda document: document.update(backends={}),
        lambda document: document.update(default_account_id=123456789012),
        lambda document: document.update(seed="42"),
    ],
    ids=[
        "backend without region", "bad clock", "ids not base64", "short ids", "nameless parameter",
        "parameter without versions", "numeric name", "value not a string",
        "version under another number", "parameter twice", "versions not an object",
        "stage on two versions", "bad region", "backend twice", "backends not a list",
        "numeric account", "string seed",
    ],
)
def test_malformed_snapshot_is_refused_and_leaves_the_state_unchanged(built, damage):
    ssm, sm = boto3.client("ssm"), boto3.client("secretsmanager")
    listings = _listings(ssm, sm)
    before = built.snapshot()
    document = _through_json(before)
    damage(document)
    with pytest.raises(KvMockError, match="^malformed kv_mock snapshot: "):
        built.restore(document)
    assert built.snapshot() == before
    # …and every call still answers as before (no 500 from a half-restored state).
    assert _listings(ssm, sm) == listings


def _listings(ssm, sm):
    return (
        [p["Name"] for p in ssm.describe_parameters()["Parameters"]],
        [p["Name"] for p in ssm.get_parameters_by_path(Path="/", Recursive=True)["Parameters"]],
        [s["Name"] for s in sm.list_secrets(IncludePlannedDeletion=True)["SecretList"]],
    )


def test_a_failure_after_the_swap_puts_the_old_state_back(built, monkeypatch):
    """Re-deriving events is the last step; if it fails, the swap is undone."""
    import kv_mock.events

    def broken(state):
        raise RuntimeError("rescheduler bug")

    before = built.snapshot()
    monkeypatch.setattr(kv_mock.events, "_RESCHEDULERS", [broken])
    document = _through_json(before)
    document["backends"][1]["parameters"].pop()
    with pytest.raises(KvMockError, match="^malformed kv_mock snapshot: "):
        built.restore(document)
    monkeypatch.undo()
    assert built.snapshot() == before
    assert built.state.scheduler  # the old state's pending events are back too


def test_no_error_message_quotes_a_stored_value(built):
    document = _through_json(built.snapshot())
    secret = document["backends"][1]["secrets"][0]
    version = next(iter(secret["versions"].values()))
    version["secret_string"] = {"password": "hunter2-do-not-print"}
    with pytest.raises(KvMockError) as error:
        built.restore(document)
    assert "hunter2" not in str(error.value)
    assert "SecretVersion.secret_string: expected str, got dict" in str(error.value)
