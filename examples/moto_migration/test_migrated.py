"""``test_with_moto.py`` migrated to kv_mock: the same tests, asserting what AWS does.

Each test that changed says why in its docstring; docs/migrating-from-moto.md has the
whole list. The pytest plugin's ``kayvee`` fixture replaces ``mock_aws`` and the fake
credentials (kv_mock needs none).
"""

import boto3
import pytest
from botocore.exceptions import ClientError

import kv_mock.rotators

REGION = "eu-west-1"
ROTATION_LAMBDA = f"arn:aws:lambda:{REGION}:123456789012:function:rotate-db"

pytestmark = pytest.mark.kayvee(region=REGION)


@pytest.fixture
def ssm(kayvee):
    return boto3.client("ssm", region_name=REGION)


@pytest.fixture
def secrets(kayvee):
    return boto3.client("secretsmanager", region_name=REGION)


@pytest.fixture
def kms(kayvee):
    return boto3.client("kms", region_name=REGION)


def error_of(raised):
    response = raised.value.response
    return response["Error"]["Code"], response["Error"]["Message"]


def test_string_parameter_round_trip(ssm):
    ssm.put_parameter(Name="/app/db/host", Value="db.internal", Type="String")
    assert ssm.get_parameter(Name="/app/db/host")["Parameter"]["Value"] == "db.internal"


def test_securestring_is_decrypted_on_request(ssm):
    ssm.put_parameter(Name="/app/db/password", Value="hunter2", Type="SecureString")
    parameter = ssm.get_parameter(Name="/app/db/password", WithDecryption=True)["Parameter"]
    assert parameter["Value"] == "hunter2"


def test_securestring_without_decryption_is_a_ciphertext(ssm):
    """Changed: AWS returns the KMS ciphertext (base64), never the plaintext."""
    ssm.put_parameter(Name="/app/db/password", Value="hunter2", Type="SecureString")
    value = ssm.get_parameter(Name="/app/db/password")["Parameter"]["Value"]
    assert "hunter2" not in value and value.startswith("AQICAH")


def test_securestring_with_a_key_made_through_kms(ssm, kms):
    key_id = kms.create_key(Description="app")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app", TargetKeyId=key_id)
    ssm.put_parameter(Name="/app/token", Value="t", Type="SecureString", KeyId="alias/app")
    assert ssm.get_parameter(Name="/app/token", WithDecryption=True)["Parameter"]["Value"] == "t"


def test_securestring_needs_an_existing_key(ssm, kayvee):
    """Changed: the key must exist, as on AWS. Make it first (here with the shortcut)."""
    with pytest.raises(ClientError) as raised:
        ssm.put_parameter(Name="/app/token", Value="t", Type="SecureString", KeyId="alias/app-key")
    assert error_of(raised)[0] == "InvalidKeyId"
    kayvee.create_kms_key("alias/app-key")
    ssm.put_parameter(Name="/app/token", Value="t", Type="SecureString", KeyId="alias/app-key")
    assert ssm.get_parameter(Name="/app/token", WithDecryption=True)["Parameter"]["Value"] == "t"


def test_missing_parameter_message(ssm):
    """Changed: AWS's GetParameter answers ParameterNotFound with an empty message."""
    with pytest.raises(ClientError) as raised:
        ssm.get_parameter(Name="/app/missing")
    assert error_of(raised) == ("ParameterNotFound", "")


def test_parameters_by_path(ssm):
    for name in ("/app/a", "/app/b", "/other/c"):
        ssm.put_parameter(Name=name, Value="v", Type="String")
    names = [p["Name"] for p in ssm.get_parameters_by_path(Path="/app")["Parameters"]]
    assert sorted(names) == ["/app/a", "/app/b"]


def test_describe_parameters_in_big_pages(ssm):
    """Changed: DescribeParameters takes MaxResults 1-50; the paginator does the rest."""
    for index in range(60):
        ssm.put_parameter(Name=f"/app/p{index}", Value="v", Type="String")
    pages = ssm.get_paginator("describe_parameters").paginate(
        PaginationConfig={"PageSize": 50})
    assert len([p for page in pages for p in page["Parameters"]]) == 60


def test_parameter_names_have_no_spaces(ssm):
    """Changed: AWS refuses a space inside a parameter name."""
    with pytest.raises(ClientError) as raised:
        ssm.put_parameter(Name="/app/my value", Value="v", Type="String")
    assert error_of(raised)[0] == "ValidationException"
    ssm.put_parameter(Name="/app/my-value", Value="v", Type="String")
    assert ssm.get_parameter(Name="/app/my-value")["Parameter"]["Value"] == "v"


def test_secret_round_trip(secrets):
    secrets.create_secret(Name="app/api-key", SecretString='{"key": "abc"}')
    assert secrets.get_secret_value(SecretId="app/api-key")["SecretString"] == '{"key": "abc"}'


def test_missing_secret_is_a_400(secrets):
    """Changed: AWS sends ResourceNotFoundException with HTTP 400, not 404."""
    with pytest.raises(ClientError) as raised:
        secrets.get_secret_value(SecretId="app/missing")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_secret_with_a_kms_key(secrets, kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    secrets.create_secret(Name="app/db", SecretString="pw", KmsKeyId=key_id)
    assert secrets.describe_secret(SecretId="app/db")["KmsKeyId"] == key_id


def test_rotate_secret(secrets, kayvee):
    """Changed: rotation needs a rotation function; register a Python one for its Lambda."""
    kayvee.rotation_function(ROTATION_LAMBDA, kv_mock.rotators.random_value)
    secrets.create_secret(Name="app/db", SecretString="pw")
    secrets.rotate_secret(SecretId="app/db", RotationLambdaARN=ROTATION_LAMBDA,
                          RotationRules={"AutomaticallyAfterDays": 30})
    assert secrets.describe_secret(SecretId="app/db")["RotationEnabled"] is True
    assert secrets.get_secret_value(SecretId="app/db")["SecretString"] != "pw"


def test_recreating_a_deleted_secret(secrets, kayvee):
    """Changed: a name pending deletion is InvalidRequestException until the window ends."""
    secrets.create_secret(Name="app/old", SecretString="x")
    secrets.delete_secret(SecretId="app/old", RecoveryWindowInDays=7)
    with pytest.raises(ClientError) as raised:
        secrets.create_secret(Name="app/old", SecretString="y")
    assert error_of(raised)[0] == "InvalidRequestException"
    kayvee.advance(days=7, seconds=1)
    secrets.create_secret(Name="app/old", SecretString="y")


def test_kms_encrypt_and_decrypt(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"data")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"data"
