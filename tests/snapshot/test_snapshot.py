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
    ],
    ids=[
        "backend without region", "bad clock", "ids not base64", "short ids", "nameless parameter"
    ],
)
def test_malformed_snapshot_is_refused_and_leaves_the_state_unchanged(built, damage):
    before = built.snapshot()
    document = _through_json(before)
    damage(document)
    with pytest.raises(KvMockError, match="^malformed kv_mock snapshot: "):
        built.restore(document)
    assert built.snapshot() == before
