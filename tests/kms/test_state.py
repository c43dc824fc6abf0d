"""KMS keys in snapshots and persistence: everything the KMS API shows comes back."""

from __future__ import annotations

import json

import boto3

from kv_mock import mock_kayvee


def _visible(kms) -> dict:
    keys = {k["KeyId"]: kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]
            for k in kms.list_keys()["Keys"]}
    customer = [k for k, metadata in keys.items() if metadata["KeyManager"] == "CUSTOMER"]
    return {
        "keys": keys,
        "aliases": kms.list_aliases()["Aliases"],
        "tags": {k: kms.list_resource_tags(KeyId=k)["Tags"] for k in customer},
    }


def _build(kms) -> bytes:
    first = kms.create_key(Description="one", Tags=[{"TagKey": "t", "TagValue": "v"}])
    second = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/one", TargetKeyId=first["KeyMetadata"]["KeyId"])
    kms.disable_key(KeyId=second)
    kms.schedule_key_deletion(KeyId=second, PendingWindowInDays=7)
    kms.describe_key(KeyId="alias/aws/ssm")
    return kms.encrypt(KeyId="alias/one", Plaintext=b"kept")["CiphertextBlob"]


def test_snapshot_and_restore_keep_keys_aliases_states_and_tags():
    with mock_kayvee(seed=5) as kv:
        kms = boto3.client("kms")
        blob = _build(kms)
        before = _visible(kms)
        document = json.loads(json.dumps(kv.snapshot()))
        kms.delete_alias(AliasName="alias/one")
        kms.create_key()
        kv.restore(document)
        assert _visible(kms) == before
        assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"kept"


def test_a_restored_pending_deletion_still_ends(tmp_path):
    with mock_kayvee() as kv:
        kms = boto3.client("kms")
        key_id = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
        kv.restore(kv.snapshot())
        kv.advance(days=8)
        assert kms.list_keys()["Keys"] == []


def test_keys_persist_across_mocks(tmp_path):
    path = tmp_path / "state.db"
    with mock_kayvee(persist=path):
        kms = boto3.client("kms")
        blob = _build(kms)
        before = _visible(kms)
    with mock_kayvee(persist=path):
        kms = boto3.client("kms")
        assert _visible(kms) == before
        assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"kept"
        one = kms.describe_key(KeyId="alias/one")["KeyMetadata"]["KeyId"]
        kms.tag_resource(KeyId=one, Tags=[{"TagKey": "later", "TagValue": "x"}])
        kms.disable_key(KeyId=one)
        changed = _visible(kms)
    with mock_kayvee(persist=path):
        assert _visible(boto3.client("kms")) == changed
