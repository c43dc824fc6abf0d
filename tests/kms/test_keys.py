"""CreateKey, DescribeKey, ListKeys and key states through a real boto3 KMS client."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest

from kv_mock import mock_kayvee
from tests.kms.conftest import ACCOUNT, ALIAS_ARN_PREFIX, KEY_ARN_PREFIX


def test_create_key_answers_symmetric_customer_key_metadata(kms, kayvee):
    kayvee.clock.freeze(datetime(2026, 3, 1, 12, tzinfo=timezone.utc))
    metadata = kms.create_key(Description="d")["KeyMetadata"]
    assert metadata["Arn"] == KEY_ARN_PREFIX + metadata["KeyId"]
    assert metadata["CreationDate"].isoformat() == "2026-03-01T12:00:00+00:00"
    expected = {
        "AWSAccountId": ACCOUNT, "Enabled": True, "Description": "d",
        "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled", "Origin": "AWS_KMS",
        "KeyManager": "CUSTOMER", "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
        "KeySpec": "SYMMETRIC_DEFAULT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
        "MultiRegion": False,
    }
    assert {name: metadata[name] for name in expected} == expected
    assert "DeletionDate" not in metadata


def test_a_key_without_description_has_an_empty_one(kms):
    assert kms.create_key()["KeyMetadata"]["Description"] == ""


@pytest.mark.parametrize("request_members", [
    {"KeySpec": "RSA_2048"}, {"KeyUsage": "SIGN_VERIFY"}, {"Origin": "EXTERNAL"},
    {"CustomKeyStoreId": "cks-1"}, {"MultiRegion": True},
])
def test_keys_kv_mock_does_not_model_are_not_implemented(kms, aws_error, request_members):
    code, message, status = aws_error(kms.create_key, **request_members)
    assert (code, status) == ("NotImplemented", 501)
    assert "symmetric encryption KMS keys only" in message


def test_describe_key_by_id_arn_alias_and_alias_arn(kms, key):
    for reference in (key["KeyId"], key["Arn"], "alias/app", ALIAS_ARN_PREFIX + "alias/app"):
        assert kms.describe_key(KeyId=reference)["KeyMetadata"]["KeyId"] == key["KeyId"]


@pytest.mark.parametrize("reference, message", [
    ("0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e",
     f"Key '{KEY_ARN_PREFIX}0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e' does not exist"),
    (KEY_ARN_PREFIX + "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e",
     f"Key '{KEY_ARN_PREFIX}0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e' does not exist"),
    ("alias/nope", f"Alias {ALIAS_ARN_PREFIX}alias/nope is not found."),
    (ALIAS_ARN_PREFIX + "alias/nope", f"Alias {ALIAS_ARN_PREFIX}alias/nope is not found."),
])
def test_describe_unknown_key_is_not_found(kms, aws_error, reference, message):
    assert aws_error(kms.describe_key, KeyId=reference) == ("NotFoundException", message, 400)


def test_a_key_arn_of_another_region_is_not_found_here(kms, key, aws_error):
    foreign = key["Arn"].replace("us-east-1", "eu-west-1")
    assert aws_error(kms.describe_key, KeyId=foreign)[0] == "NotFoundException"


def test_keys_are_per_account_and_region(kayvee, key):
    other_account = boto3.client(
        "kms", region_name="us-east-1", aws_access_key_id="111111111111",
        aws_secret_access_key="x",
    )
    other_region = boto3.client("kms", region_name="eu-west-1")
    for client in (other_account, other_region):
        assert client.list_keys()["Keys"] == []
    created = other_account.create_key()["KeyMetadata"]
    assert created["AWSAccountId"] == "111111111111"
    assert created["Arn"].startswith("arn:aws:kms:us-east-1:111111111111:key/")


def test_arns_follow_the_partition():
    with mock_kayvee(region="cn-north-1"):
        arn = boto3.client("kms").create_key()["KeyMetadata"]["Arn"]
    assert arn.startswith("arn:aws-cn:kms:cn-north-1:123456789012:key/")


def test_key_ids_repeat_under_a_seed():
    def ids(seed):
        with mock_kayvee(seed=seed):
            kms = boto3.client("kms")
            return [kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(3)]
    assert ids(7) == ids(7) != ids(8)


def test_create_kms_key_shortcut_makes_a_key_the_kms_api_sees(kayvee, kms):
    key_id = kayvee.create_kms_key("alias/short")
    assert kms.describe_key(KeyId="alias/short")["KeyMetadata"]["KeyId"] == key_id
    assert [k["KeyId"] for k in kms.list_keys()["Keys"]] == [key_id]


class TestListKeys:
    def test_pages_with_limit_and_marker_return_each_key_once(self, kms):
        made = sorted(kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(5))
        first = kms.list_keys(Limit=2)
        assert first["Truncated"] is True and len(first["Keys"]) == 2
        seen = [k["KeyId"] for k in first["Keys"]]
        marker = first["NextMarker"]
        while marker:
            page = kms.list_keys(Limit=2, Marker=marker)
            seen += [k["KeyId"] for k in page["Keys"]]
            marker = page.get("NextMarker")
        assert seen == made
        assert page["Truncated"] is False

    def test_the_paginator_returns_each_key_once(self, kms):
        made = {kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(4)}
        pages = kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 3})
        listed = [k["KeyId"] for page in pages for k in page["Keys"]]
        assert sorted(listed) == sorted(made)

    def test_entries_are_key_id_and_arn(self, kms, key):
        assert kms.list_keys()["Keys"] == [{"KeyId": key["KeyId"], "KeyArn": key["Arn"]}]

    @pytest.mark.parametrize("marker", ["garbage", "eyJhIjoxfQ=="])
    def test_a_bad_marker_is_invalid(self, kms, aws_error, marker):
        code, message, status = aws_error(kms.list_keys, Marker=marker)
        assert (code, status) == ("InvalidMarkerException", 400)
        assert message.startswith("The request was rejected because the marker")

    def test_a_marker_of_another_operation_is_invalid(self, kms, key, aws_error):
        kms.create_alias(AliasName="alias/two", TargetKeyId=key["KeyId"])
        marker = kms.list_aliases(Limit=1)["NextMarker"]
        assert aws_error(kms.list_keys, Marker=marker)[0] == "InvalidMarkerException"

    def test_limit_above_1000_fails_validation(self, kms, aws_error):
        assert aws_error(kms.list_keys, Limit=1001) == (
            "ValidationException",
            "1 validation error detected: Value '1001' at 'limit' failed to satisfy "
            "constraint: Member must have value less than or equal to 1000",
            400,
        )


class TestManagedKeys:
    def test_aws_managed_keys_are_not_listed_before_first_use(self, kms):
        assert kms.list_keys()["Keys"] == []

    def test_describing_a_managed_alias_shows_an_aws_managed_key(self, kms):
        metadata = kms.describe_key(KeyId="alias/aws/ssm")["KeyMetadata"]
        assert metadata["KeyManager"] == "AWS"
        assert metadata["Description"].startswith("Default key that protects my SSM")
        assert kms.list_keys()["Keys"] == [{"KeyId": metadata["KeyId"], "KeyArn": metadata["Arn"]}]

    def test_a_securestring_write_creates_the_ssm_managed_key(self, kms, ssm_client):
        ssm_client.put_parameter(Name="/s", Value="v", Type="SecureString")
        aliases = {a["AliasName"]: a for a in kms.list_aliases()["Aliases"]}
        assert "TargetKeyId" in aliases["alias/aws/ssm"]
        assert "TargetKeyId" not in aliases["alias/aws/secretsmanager"]

    def test_a_secret_write_creates_the_secretsmanager_managed_key(
        self, kms, secretsmanager_client
    ):
        secretsmanager_client.create_secret(Name="s", SecretString="v")
        aliases = {a["AliasName"]: a for a in kms.list_aliases()["Aliases"]}
        assert aliases["alias/aws/secretsmanager"]["TargetKeyId"] == kms.describe_key(
            KeyId="alias/aws/secretsmanager")["KeyMetadata"]["KeyId"]


class TestKeyStates:
    def test_disable_and_enable(self, kms, key):
        kms.disable_key(KeyId=key["KeyId"])
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        assert (metadata["KeyState"], metadata["Enabled"]) == ("Disabled", False)
        kms.enable_key(KeyId=key["Arn"])
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        assert (metadata["KeyState"], metadata["Enabled"]) == ("Enabled", True)

    @pytest.mark.parametrize("operation", ["enable_key", "disable_key"])
    def test_state_changes_take_no_alias(self, kms, key, aws_error, operation):
        assert aws_error(getattr(kms, operation), KeyId="alias/app") == (
            "NotFoundException", f"Alias {ALIAS_ARN_PREFIX}alias/app is not found.", 400
        )

    @pytest.mark.parametrize("operation", ["enable_key", "disable_key", "schedule_key_deletion"])
    def test_a_key_pending_deletion_cannot_change_state(self, kms, key, aws_error, operation):
        kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
        assert aws_error(getattr(kms, operation), KeyId=key["KeyId"]) == (
            "KMSInvalidStateException", f"{key['Arn']} is pending deletion.", 400
        )

    def test_schedule_key_deletion_answers_the_arn_date_and_window(self, kms, key, kayvee):
        kayvee.clock.freeze(datetime(2026, 1, 1, tzinfo=timezone.utc))
        response = kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
        assert (response["KeyId"], response["KeyState"], response["PendingWindowInDays"]) == (
            key["Arn"], "PendingDeletion", 7
        )
        assert response["DeletionDate"].isoformat() == "2026-01-08T00:00:00+00:00"
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        assert (metadata["KeyState"], metadata["Enabled"]) == ("PendingDeletion", False)
        assert metadata["DeletionDate"] == response["DeletionDate"]

    def test_the_window_defaults_to_30_days(self, kms, key):
        assert kms.schedule_key_deletion(KeyId=key["KeyId"])["PendingWindowInDays"] == 30

    @pytest.mark.parametrize("days", [6, 31, 365])
    def test_windows_outside_7_to_30_days_are_refused(self, kms, key, aws_error, days):
        assert aws_error(
            kms.schedule_key_deletion, KeyId=key["KeyId"], PendingWindowInDays=days
        ) == ("ValidationException", "PendingWindowInDays must be between 7 and 30", 400)

    def test_a_window_above_the_model_range_fails_model_validation(self, kms, key, aws_error):
        code, message, _ = aws_error(
            kms.schedule_key_deletion, KeyId=key["KeyId"], PendingWindowInDays=366
        )
        assert (code, message) == (
            "ValidationException",
            "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to "
            "satisfy constraint: Member must have value less than or equal to 365",
        )

    def test_after_the_window_the_key_and_its_aliases_are_gone(self, kms, key, kayvee, aws_error):
        kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
        kayvee.advance(days=6)
        assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == (
            "PendingDeletion")
        kayvee.advance(days=1, seconds=1)
        assert aws_error(kms.describe_key, KeyId=key["KeyId"])[0] == "NotFoundException"
        assert "alias/app" not in [a["AliasName"] for a in kms.list_aliases()["Aliases"]]
        assert kms.list_keys()["Keys"] == []

    def test_listing_drops_keys_whose_window_ended(self, kms, key, kayvee):
        kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
        kayvee.advance(days=8)
        assert kms.list_keys()["Keys"] == []

    def test_cancel_key_deletion_leaves_the_key_disabled(self, kms, key):
        kms.schedule_key_deletion(KeyId=key["KeyId"])
        kms.cancel_key_deletion(KeyId=key["KeyId"])
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        assert (metadata["KeyState"], "DeletionDate" in metadata) == ("Disabled", False)

    def test_cancel_answers_the_key_arn(self, kms, key):
        kms.schedule_key_deletion(KeyId=key["KeyId"])
        assert kms.cancel_key_deletion(KeyId=key["KeyId"])["KeyId"] == key["Arn"]

    def test_cancelling_a_key_not_pending_deletion_is_an_invalid_state(self, kms, key, aws_error):
        assert aws_error(kms.cancel_key_deletion, KeyId=key["KeyId"]) == (
            "KMSInvalidStateException", f"{key['Arn']} is not pending deletion.", 400
        )

    @pytest.mark.parametrize("operation", [
        "enable_key", "disable_key", "schedule_key_deletion", "cancel_key_deletion",
    ])
    def test_unknown_keys_are_not_found(self, kms, aws_error, operation):
        missing = "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e"
        assert aws_error(getattr(kms, operation), KeyId=missing) == (
            "NotFoundException", f"Key '{KEY_ARN_PREFIX}{missing}' does not exist", 400
        )


class TestAwsManagedKeysAreNotTheAccounts:
    @pytest.mark.parametrize("operation, request_members", [
        ("disable_key", {}), ("enable_key", {}), ("schedule_key_deletion", {}),
        ("cancel_key_deletion", {}), ("tag_resource", {"Tags": [{"TagKey": "a", "TagValue": ""}]}),
        ("untag_resource", {"TagKeys": ["a"]}), ("list_resource_tags", {}),
    ])
    def test_managing_an_aws_managed_key_is_access_denied(
        self, kms, aws_error, operation, request_members
    ):
        arn = kms.describe_key(KeyId="alias/aws/ssm")["KeyMetadata"]["Arn"]
        action = "".join(part.title() for part in operation.split("_"))
        assert aws_error(getattr(kms, operation), KeyId=arn, **request_members) == (
            "AccessDeniedException",
            f"User: arn:aws:iam::{ACCOUNT}:root is not authorized to perform: kms:{action} "
            f"on resource: {arn} because no resource-based policy allows the kms:{action} "
            "action",
            400,
        )

    def test_an_alias_cannot_point_at_an_aws_managed_key(self, kms, aws_error):
        key_id = kms.describe_key(KeyId="alias/aws/ssm")["KeyMetadata"]["KeyId"]
        code, message, _ = aws_error(kms.create_alias, AliasName="alias/mine", TargetKeyId=key_id)
        assert code == "AccessDeniedException" and "kms:CreateAlias" in message

    def test_an_aws_managed_key_still_encrypts(self, kms):
        blob = kms.encrypt(KeyId="alias/aws/ssm", Plaintext=b"x")["CiphertextBlob"]
        assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"x"
