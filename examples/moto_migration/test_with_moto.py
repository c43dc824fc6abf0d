"""A typical moto test module for Parameter Store, Secrets Manager and KMS keys.

This is the *before* of the migration example: it passes under moto's ``mock_aws``. The
migration guide (docs/migrating-from-moto.md) walks through what happens when only the
import is switched to kv_mock, and ``test_migrated.py`` is the *after*.
"""

import os

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

REGION = "eu-west-1"


@pytest.fixture(autouse=True)
def aws_credentials():
    """Fake credentials, as moto's documentation recommends."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN",
                 "AWS_SESSION_TOKEN"):
        os.environ[name] = "testing"
    os.environ["AWS_DEFAULT_REGION"] = REGION


@pytest.fixture
def aws():
    with mock_aws():
        yield


@pytest.fixture
def ssm(aws):
    return boto3.client("ssm", region_name=REGION)


@pytest.fixture
def secrets(aws):
    return boto3.client("secretsmanager", region_name=REGION)


@pytest.fixture
def kms(aws):
    return boto3.client("kms", region_name=REGION)


def test_string_parameter_round_trip(ssm):
    ssm.put_parameter(Name="/app/db/host", Value="db.internal", Type="String")
    assert ssm.get_parameter(Name="/app/db/host")["Parameter"]["Value"] == "db.internal"


def test_securestring_is_decrypted_on_request(ssm):
    ssm.put_parameter(Name="/app/db/password", Value="hunter2", Type="SecureString")
    parameter = ssm.get_parameter(Name="/app/db/password", WithDecryption=True)["Parameter"]
    assert parameter["Value"] == "hunter2"


def test_securestring_without_decryption_shows_the_key_and_value(ssm):
    ssm.put_parameter(Name="/app/db/password", Value="hunter2", Type="SecureString")
    value = ssm.get_parameter(Name="/app/db/password")["Parameter"]["Value"]
    assert value == "kms:alias/aws/ssm:hunter2"


def test_securestring_with_a_key_made_through_kms(ssm, kms):
    key_id = kms.create_key(Description="app")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app", TargetKeyId=key_id)
    ssm.put_parameter(Name="/app/token", Value="t", Type="SecureString", KeyId="alias/app")
    assert ssm.get_parameter(Name="/app/token", WithDecryption=True)["Parameter"]["Value"] == "t"


def test_securestring_with_any_key_id(ssm):
    ssm.put_parameter(Name="/app/token", Value="t", Type="SecureString", KeyId="alias/app-key")
    assert ssm.get_parameter(Name="/app/token", WithDecryption=True)["Parameter"]["Value"] == "t"


def test_missing_parameter_message(ssm):
    with pytest.raises(ClientError) as raised:
        ssm.get_parameter(Name="/app/missing")
    assert raised.value.response["Error"]["Code"] == "ParameterNotFound"
    assert raised.value.response["Error"]["Message"] == "Parameter /app/missing not found."


def test_parameters_by_path(ssm):
    for name in ("/app/a", "/app/b", "/other/c"):
        ssm.put_parameter(Name=name, Value="v", Type="String")
    names = [p["Name"] for p in ssm.get_parameters_by_path(Path="/app")["Parameters"]]
    assert sorted(names) == ["/app/a", "/app/b"]


def test_describe_parameters_in_big_pages(ssm):
    for index in range(60):
        ssm.put_parameter(Name=f"/app/p{index}", Value="v", Type="String")
    names, request = [], {"MaxResults": 100}
    while True:
        page = ssm.describe_parameters(**request)
        names += [p["Name"] for p in page["Parameters"]]
        if "NextToken" not in page:
            break
        request["NextToken"] = page["NextToken"]
    assert len(names) == 60


def test_parameter_name_with_a_space(ssm):
    ssm.put_parameter(Name="/app/my value", Value="v", Type="String")
    assert ssm.get_parameter(Name="/app/my value")["Parameter"]["Value"] == "v"


def test_secret_round_trip(secrets):
    secrets.create_secret(Name="app/api-key", SecretString='{"key": "abc"}')
    assert secrets.get_secret_value(SecretId="app/api-key")["SecretString"] == '{"key": "abc"}'


def test_missing_secret_is_a_404(secrets):
    with pytest.raises(ClientError) as raised:
        secrets.get_secret_value(SecretId="app/missing")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_secret_with_a_kms_key(secrets, kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    secrets.create_secret(Name="app/db", SecretString="pw", KmsKeyId=key_id)
    assert secrets.describe_secret(SecretId="app/db")["KmsKeyId"] == key_id


def test_rotate_secret(secrets):
    secrets.create_secret(Name="app/db", SecretString="pw")
    secrets.rotate_secret(SecretId="app/db", RotationRules={"AutomaticallyAfterDays": 30})
    assert secrets.describe_secret(SecretId="app/db")["RotationEnabled"] is True


def test_recreating_a_deleted_secret(secrets):
    secrets.create_secret(Name="app/old", SecretString="x")
    secrets.delete_secret(SecretId="app/old")
    with pytest.raises(ClientError) as raised:
        secrets.create_secret(Name="app/old", SecretString="y")
    assert raised.value.response["Error"]["Code"] == "ResourceExistsException"


def test_kms_encrypt_and_decrypt(kms):
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"data")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"data"
