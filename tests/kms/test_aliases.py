"""CreateAlias, UpdateAlias, DeleteAlias, ListAliases through a real boto3 KMS client."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.kms.conftest import ALIAS_ARN_PREFIX, KEY_ARN_PREFIX

MISSING = "0f9b04ee-ab13-4f35-a2b2-d0902bfe6a1e"


def _aliases(kms, **request):
    return {a["AliasName"]: a for a in kms.list_aliases(**request)["Aliases"]}


def test_an_alias_lists_with_its_arn_key_and_dates(kms, kayvee):
    kayvee.clock.freeze(datetime(2026, 5, 1, tzinfo=timezone.utc))
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app", TargetKeyId=key_id)
    entry = _aliases(kms)["alias/app"]
    assert entry["AliasArn"] == ALIAS_ARN_PREFIX + "alias/app"
    assert entry["TargetKeyId"] == key_id
    assert entry["CreationDate"] == entry["LastUpdatedDate"] == kayvee.clock.now()


def test_the_predefined_aws_aliases_are_listed_without_a_key_before_use(kms):
    assert _aliases(kms) == {
        name: {"AliasName": name, "AliasArn": ALIAS_ARN_PREFIX + name}
        for name in ("alias/aws/secretsmanager", "alias/aws/ssm")
    }


def test_create_alias_takes_a_key_arn(kms, key):
    kms.create_alias(AliasName="alias/by-arn", TargetKeyId=key["Arn"])
    assert _aliases(kms)["alias/by-arn"]["TargetKeyId"] == key["KeyId"]


def test_an_alias_name_must_start_with_alias_slash(kms, key, aws_error):
    assert aws_error(kms.create_alias, AliasName="app2", TargetKeyId=key["KeyId"]) == (
        "ValidationException",
        'Alias must start with the prefix "alias/". Please see '
        "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
        400,
    )


@pytest.mark.parametrize("operation", ["create_alias", "update_alias", "delete_alias"])
def test_aws_aliases_are_reserved(kms, key, aws_error, operation):
    request = {"AliasName": "alias/aws/mine"}
    if operation != "delete_alias":
        request["TargetKeyId"] = key["KeyId"]
    assert aws_error(getattr(kms, operation), **request) == ("NotAuthorizedException", "", 400)


def test_an_existing_alias_cannot_be_created_again(kms, key, aws_error):
    assert aws_error(kms.create_alias, AliasName="alias/app", TargetKeyId=key["KeyId"]) == (
        "AlreadyExistsException",
        f"An alias with the name {ALIAS_ARN_PREFIX}alias/app already exists",
        400,
    )


def test_alias_names_are_model_validated(kms, key, aws_error):
    code, message, _ = aws_error(kms.create_alias, AliasName="alias/a b", TargetKeyId=key["KeyId"])
    assert (code, message) == (
        "ValidationException",
        "1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    )


@pytest.mark.parametrize("target, message", [
    (MISSING, f"Key '{KEY_ARN_PREFIX}{MISSING}' does not exist"),
    ("alias/app", f"Alias {ALIAS_ARN_PREFIX}alias/app is not found."),
])
def test_the_target_must_be_an_existing_key_id_or_arn(kms, key, aws_error, target, message):
    assert aws_error(kms.create_alias, AliasName="alias/new", TargetKeyId=target) == (
        "NotFoundException", message, 400
    )


def test_a_key_pending_deletion_takes_no_alias(kms, key, aws_error):
    kms.schedule_key_deletion(KeyId=key["KeyId"])
    assert aws_error(kms.create_alias, AliasName="alias/new", TargetKeyId=key["KeyId"]) == (
        "KMSInvalidStateException", f"{key['Arn']} is pending deletion.", 400
    )


def test_update_alias_moves_it_and_keeps_its_creation_date(kms, key, kayvee):
    created = _aliases(kms)["alias/app"]["CreationDate"]
    kayvee.advance(days=1)
    other = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.update_alias(AliasName="alias/app", TargetKeyId=other)
    entry = _aliases(kms)["alias/app"]
    assert (entry["TargetKeyId"], entry["CreationDate"]) == (other, created)
    assert entry["LastUpdatedDate"] > created
    assert kms.describe_key(KeyId="alias/app")["KeyMetadata"]["KeyId"] == other


def test_updating_an_unknown_alias_is_not_found(kms, key, aws_error):
    assert aws_error(kms.update_alias, AliasName="alias/nope", TargetKeyId=key["KeyId"]) == (
        "NotFoundException", f"Alias {ALIAS_ARN_PREFIX}alias/nope is not found.", 400
    )


def test_delete_alias_leaves_the_key(kms, key, aws_error):
    kms.delete_alias(AliasName="alias/app")
    assert "alias/app" not in _aliases(kms)
    assert kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    assert aws_error(kms.describe_key, KeyId="alias/app")[0] == "NotFoundException"


def test_deleting_an_unknown_alias_is_not_found(kms, aws_error):
    assert aws_error(kms.delete_alias, AliasName="alias/nope") == (
        "NotFoundException", f"Alias {ALIAS_ARN_PREFIX}alias/nope is not found.", 400
    )


def test_list_aliases_of_one_key(kms, key):
    kms.create_alias(AliasName="alias/second", TargetKeyId=key["KeyId"])
    kms.create_alias(AliasName="alias/other", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    assert list(_aliases(kms, KeyId=key["Arn"])) == ["alias/app", "alias/second"]


def test_list_aliases_of_an_unknown_key_is_not_found(kms, aws_error):
    assert aws_error(kms.list_aliases, KeyId=MISSING)[0] == "NotFoundException"


def test_list_aliases_pages_each_alias_once(kms, key):
    for index in range(5):
        kms.create_alias(AliasName=f"alias/a{index}", TargetKeyId=key["KeyId"])
    pages = kms.get_paginator("list_aliases").paginate(PaginationConfig={"PageSize": 2})
    names = [a["AliasName"] for page in pages for a in page["Aliases"]]
    assert names == sorted(set(names)) and len(names) == 8


def test_paging_one_keys_aliases_keeps_to_that_key(kms, key):
    for index in range(3):
        kms.create_alias(AliasName=f"alias/k{index}", TargetKeyId=key["KeyId"])
    first = kms.list_aliases(KeyId=key["KeyId"], Limit=2)
    rest = kms.list_aliases(KeyId=key["KeyId"], Limit=2, Marker=first["NextMarker"])
    assert [a["AliasName"] for a in first["Aliases"] + rest["Aliases"]] == [
        "alias/app", "alias/k0", "alias/k1", "alias/k2"]
    assert rest["Truncated"] is False


def test_a_marker_of_one_keys_listing_is_invalid_for_another(kms, key, aws_error):
    kms.create_alias(AliasName="alias/k0", TargetKeyId=key["KeyId"])
    marker = kms.list_aliases(KeyId=key["KeyId"], Limit=1)["NextMarker"]
    assert aws_error(kms.list_aliases, Marker=marker)[0] == "InvalidMarkerException"


def test_list_aliases_limit_is_at_most_100(kms, aws_error):
    assert aws_error(kms.list_aliases, Limit=101) == (
        "ValidationException",
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 100",
        400,
    )
