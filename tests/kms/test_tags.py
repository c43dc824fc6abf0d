"""TagResource, UntagResource, ListResourceTags through a real boto3 KMS client."""

from __future__ import annotations

import pytest

from tests.kms.conftest import ALIAS_ARN_PREFIX


def _tags(kms, key_id):
    return kms.list_resource_tags(KeyId=key_id)["Tags"]


def test_tags_are_added_overwritten_and_removed(kms, key):
    kms.tag_resource(KeyId=key["KeyId"], Tags=[{"TagKey": "b", "TagValue": "1"},
                                                {"TagKey": "a", "TagValue": "2"}])
    kms.tag_resource(KeyId=key["Arn"], Tags=[{"TagKey": "b", "TagValue": "3"}])
    assert _tags(kms, key["KeyId"]) == [
        {"TagKey": "a", "TagValue": "2"}, {"TagKey": "b", "TagValue": "3"}]
    kms.untag_resource(KeyId=key["KeyId"], TagKeys=["a", "never-there"])
    assert _tags(kms, key["Arn"]) == [{"TagKey": "b", "TagValue": "3"}]


def test_create_key_takes_tags(kms):
    key_id = kms.create_key(Tags=[{"TagKey": "team", "TagValue": "x"}])["KeyMetadata"]["KeyId"]
    assert _tags(kms, key_id) == [{"TagKey": "team", "TagValue": "x"}]


def test_tag_listing_pages_with_limit_and_marker(kms, key):
    kms.tag_resource(KeyId=key["KeyId"],
                     Tags=[{"TagKey": f"t{i}", "TagValue": ""} for i in range(5)])
    first = kms.list_resource_tags(KeyId=key["KeyId"], Limit=3)
    assert (len(first["Tags"]), first["Truncated"]) == (3, True)
    rest = kms.list_resource_tags(KeyId=key["KeyId"], Limit=3, Marker=first["NextMarker"])
    assert [t["TagKey"] for t in first["Tags"] + rest["Tags"]] == [f"t{i}" for i in range(5)]
    assert rest["Truncated"] is False


def test_tag_listing_limit_is_at_most_50(kms, key, aws_error):
    assert aws_error(kms.list_resource_tags, KeyId=key["KeyId"], Limit=51)[1].endswith(
        "Member must have value less than or equal to 50")


@pytest.mark.parametrize("operation, request_members", [
    ("tag_resource", {"Tags": [{"TagKey": "a", "TagValue": "b"}]}),
    ("untag_resource", {"TagKeys": ["a"]}),
    ("list_resource_tags", {}),
])
def test_tag_operations_take_no_alias(kms, key, aws_error, operation, request_members):
    assert aws_error(getattr(kms, operation), KeyId="alias/app", **request_members) == (
        "NotFoundException", f"Alias {ALIAS_ARN_PREFIX}alias/app is not found.", 400
    )


@pytest.mark.parametrize("operation, request_members", [
    ("tag_resource", {"Tags": [{"TagKey": "a", "TagValue": "b"}]}),
    ("untag_resource", {"TagKeys": ["a"]}),
])
def test_a_key_pending_deletion_cannot_be_retagged(kms, key, aws_error, operation,
                                                  request_members):
    kms.schedule_key_deletion(KeyId=key["KeyId"])
    assert aws_error(getattr(kms, operation), KeyId=key["KeyId"], **request_members) == (
        "KMSInvalidStateException", f"{key['Arn']} is pending deletion.", 400
    )


def test_tag_keys_are_model_validated(kms, key, aws_error):
    code, message, _ = aws_error(
        kms.tag_resource, KeyId=key["KeyId"], Tags=[{"TagKey": "k" * 129, "TagValue": ""}]
    )
    assert code == "ValidationException"
    assert message.endswith("Member must have length less than or equal to 128")
