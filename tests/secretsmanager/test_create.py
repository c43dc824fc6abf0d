"""CreateSecret: names, ARNs, values, tokens, KMS keys, tags."""

import re

import pytest

INVALID_NAME = (
    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
    "following: -/_+=.@!"
)
ARN = re.compile(r"arn:aws:secretsmanager:us-east-1:123456789012:secret:(.+)-[A-Za-z0-9]{6}")


def test_create_returns_arn_with_six_character_suffix_name_and_version(sm):
    response = sm.create_secret(Name="db/password", SecretString="s3cret")
    assert ARN.fullmatch(response["ARN"]).group(1) == "db/password"
    assert response["Name"] == "db/password"
    assert len(response["VersionId"]) == 36


def test_create_without_value_has_no_version_id(sm):
    response = sm.create_secret(Name="empty")
    assert "VersionId" not in response


def test_secret_without_value_has_no_current_value(sm, aws_error, stages):
    sm.create_secret(Name="empty")
    assert stages("empty") == {}
    aws_error(
        lambda: sm.get_secret_value(SecretId="empty"),
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    )


@pytest.mark.parametrize("name", ["Valid/_+=.@-Name-a1b2c3-", "x", "a" * 512, "name-abcdef"])
def test_valid_names_are_accepted(sm, name):
    assert sm.create_secret(Name=name)["Name"] == name


@pytest.mark.parametrize("name", ["Inv Name", " Inv*Name? ", "tab\tname", "ünï"])
def test_invalid_name_characters_are_refused(sm, aws_error, name):
    aws_error(lambda: sm.create_secret(Name=name), "ValidationException", INVALID_NAME)


def test_name_longer_than_512_is_refused(raw_sm, aws_error):
    name = "n" * 513
    aws_error(
        lambda: raw_sm.create_secret(Name=name, ClientRequestToken="t" * 32),
        "ValidationException",
        f"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: "
        "Member must have length less than or equal to 512",
    )


def test_existing_name_is_refused(sm, aws_error):
    sm.create_secret(Name="dup", SecretString="1")
    aws_error(
        lambda: sm.create_secret(Name="dup", SecretString="2"),
        "ResourceExistsException",
        "The operation failed because the secret dup already exists.",
    )


def test_name_scheduled_for_deletion_is_refused(sm, aws_error):
    sm.create_secret(Name="gone", SecretString="1")
    sm.delete_secret(SecretId="gone")
    aws_error(
        lambda: sm.create_secret(Name="gone", SecretString="2"),
        "InvalidRequestException",
        "You can't create this secret because a secret with this name is already scheduled "
        "for deletion.",
    )


def test_name_recreated_after_deletion_gets_a_new_arn(sm):
    first = sm.create_secret(Name="again", SecretString="1")["ARN"]
    sm.delete_secret(SecretId="again", ForceDeleteWithoutRecovery=True)
    second = sm.create_secret(Name="again", SecretString="2")["ARN"]
    assert first != second
    assert ARN.fullmatch(second).group(1) == "again"


def test_same_token_and_value_is_an_idempotent_retry(sm):
    first = sm.create_secret(Name="retry", SecretString="v", ClientRequestToken="t" * 32)
    again = sm.create_secret(Name="retry", SecretString="v", ClientRequestToken="t" * 32)
    assert (again["ARN"], again["VersionId"]) == (first["ARN"], "t" * 32)


def test_same_token_with_another_value_is_refused(sm, aws_error):
    arn = sm.create_secret(Name="retry", SecretString="v", ClientRequestToken="t" * 32)["ARN"]
    aws_error(
        lambda: sm.create_secret(Name="retry", SecretString="w", ClientRequestToken="t" * 32),
        "ResourceExistsException",
        f"You can't use ClientRequestToken {'t' * 32} because that value is already in use "
        f"for a version of secret {arn}.",
    )


def test_version_id_is_the_client_request_token_verbatim(sm):
    token = "AF585B8F-AA06-4EAB-8827-EFF43E6FD896"
    assert sm.create_secret(Name="t", SecretString="v", ClientRequestToken=token)[
        "VersionId"] == token


NO_TOKEN = "You must provide a ClientRequestToken value. We recommend a UUID-type value."


@pytest.mark.parametrize("operation, arguments, code", [
    ("create_secret", {"Name": "raw"}, "InvalidRequestException"),
    ("create_secret", {"Name": "raw", "SecretString": "v"}, "InvalidRequestException"),
    ("put_secret_value", {"SecretId": "existing", "SecretString": "v"}, "InvalidRequestException"),
    ("update_secret", {"SecretId": "existing", "Description": "d"}, "InvalidRequestException"),
    # Checked before the secret is looked up: recorded AWS (localstack's validated
    # test_no_client_request_token) answers a secret that does not exist with the token
    # error, not ResourceNotFoundException; RotateSecret says it as InvalidParameterException.
    ("put_secret_value", {"SecretId": "absent", "SecretString": "v"}, "InvalidRequestException"),
    ("update_secret", {"SecretId": "absent", "SecretString": "v"}, "InvalidRequestException"),
    ("rotate_secret", {"SecretId": "absent"}, "InvalidParameterException"),
    ("create_secret", {"Name": "existing", "SecretString": "v"}, "InvalidRequestException"),
])
def test_raw_request_without_token_is_refused(sm, raw_sm, aws_error, operation, arguments, code):
    sm.create_secret(Name="existing", SecretString="v")
    aws_error(lambda: getattr(raw_sm, operation)(**arguments), code, NO_TOKEN)


def test_both_string_and_binary_are_refused(sm, aws_error):
    aws_error(
        lambda: sm.create_secret(Name="both", SecretString="s", SecretBinary=b"b"),
        "InvalidParameterException",
        "You can't specify both a binary secret value and a string secret value in the same "
        "secret.",
    )


def test_value_of_64_kb_is_accepted_and_one_byte_more_refused(raw_sm, aws_error):
    raw_sm.create_secret(Name="big", SecretString="x" * 65536, ClientRequestToken="t" * 32)
    error = aws_error(
        lambda: raw_sm.create_secret(
            Name="bigger", SecretString="x" * 65537, ClientRequestToken="u" * 32),
        "ValidationException",
    )
    assert error["Message"] == (
        "1 validation error detected: Value at 'secretString' failed to satisfy constraint: "
        "Member must have length less than or equal to 65536"
    )


def test_binary_value_round_trips(sm):
    sm.create_secret(Name="bin", SecretBinary=b"\x00\xff")
    response = sm.get_secret_value(SecretId="bin")
    assert response["SecretBinary"] == b"\x00\xff"
    assert "SecretString" not in response


def test_unknown_kms_key_is_an_encryption_failure(sm, aws_error):
    error = aws_error(
        lambda: sm.create_secret(Name="k", SecretString="v", KmsKeyId="1234abcd-0000"),
        "EncryptionFailure",
    )
    assert error["Message"].startswith(
        "Secrets Manager can't encrypt the secret value: Key "
        "'arn:aws:kms:us-east-1:123456789012:key/1234abcd-0000' does not exist (Service: AWSKMS; "
        "Status Code: 400; Error Code: NotFoundException; Request ID: "
    )
    assert sm.list_secrets()["SecretList"] == []


def test_unknown_kms_alias_is_an_encryption_failure(sm, aws_error):
    error = aws_error(
        lambda: sm.create_secret(Name="k", SecretString="v", KmsKeyId="alias/nope"),
        "EncryptionFailure",
    )
    assert "Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found." in error["Message"]


@pytest.mark.parametrize("reference", ["key-id", "alias", "key-arn"])
def test_existing_kms_key_is_kept_on_the_secret(sm, kayvee, reference):
    key = kayvee.backend().kms.create_key(alias="alias/mine")
    key_id = {"key-id": key.key_id, "alias": "alias/mine", "key-arn": key.arn}[reference]
    sm.create_secret(Name="k", SecretString="v", KmsKeyId=key_id)
    assert sm.describe_secret(SecretId="k")["KmsKeyId"] == key_id
    versions = sm.list_secret_version_ids(SecretId="k")["Versions"]
    assert versions[0]["KmsKeyIds"] == [key_id]


def test_tags_at_creation_are_shown(sm):
    sm.create_secret(Name="t", Tags=[{"Key": "team", "Value": "a"}, {"Key": "env", "Value": ""}])
    assert sm.describe_secret(SecretId="t")["Tags"] == [
        {"Key": "team", "Value": "a"}, {"Key": "env", "Value": ""}]


def test_reserved_tag_prefix_at_creation_is_refused(sm, aws_error):
    aws_error(
        lambda: sm.create_secret(Name="t", Tags=[{"Key": "aws:owner", "Value": "x"}]),
        "InvalidParameterException",
        "You can't modify system tags. Tag key: 'aws:owner'.",
    )


def test_more_than_50_tags_at_creation_are_refused(sm, aws_error):
    tags = [{"Key": f"k{i}", "Value": "v"} for i in range(51)]
    aws_error(lambda: sm.create_secret(Name="t", Tags=tags), "LimitExceededException")
    assert sm.list_secrets()["SecretList"] == []


def test_put_without_a_value_is_refused_before_the_secret_is_looked_up(sm, aws_error):
    aws_error(
        lambda: sm.put_secret_value(SecretId="absent"),
        "InvalidRequestException",
        "You must provide either SecretString or SecretBinary.",
    )


def test_both_values_are_refused_before_the_secret_is_looked_up(sm, aws_error):
    aws_error(
        lambda: sm.update_secret(SecretId="absent", SecretString="s", SecretBinary=b"b"),
        "InvalidParameterException",
    )


def test_a_complete_request_on_an_absent_secret_is_not_found(sm, aws_error):
    aws_error(
        lambda: sm.put_secret_value(SecretId="absent", SecretString="v"),
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.",
    )


def test_empty_description_is_not_described(sm):
    # Recorded AWS (localstack's validated test_create_secret_version_from_empty_secret).
    sm.create_secret(Name="plain", Description="")
    described = sm.describe_secret(SecretId="plain")
    assert "Description" not in described
    listed = sm.list_secrets()["SecretList"]
    assert [entry for entry in listed if "Description" in entry] == []


def test_empty_kms_key_id_is_the_default_key(sm):
    sm.create_secret(Name="plain", SecretString="v", KmsKeyId="")
    assert "KmsKeyId" not in sm.describe_secret(SecretId="plain")
