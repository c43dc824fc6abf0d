"""/aws/reference/secretsmanager/<id>: secrets read through GetParameter and GetParameters."""

from __future__ import annotations

import json

import botocore.exceptions
import pytest

from tests.aws_errors import error_of

REF = "/aws/reference/secretsmanager/"


@pytest.fixture
def secret(secretsmanager_client):
    created = secretsmanager_client.create_secret(Name="db/password", SecretString="first")
    second = secretsmanager_client.put_secret_value(SecretId="db/password", SecretString="second")
    return {"arn": created["ARN"], "first": created["VersionId"], "second": second["VersionId"]}


def test_a_reference_returns_the_current_secret_value(ssm_client, secretsmanager_client, secret):
    parameter = ssm_client.get_parameter(Name=REF + "db/password", WithDecryption=True)["Parameter"]
    current = secretsmanager_client.get_secret_value(SecretId="db/password")
    assert {k: v for k, v in parameter.items() if k != "SourceResult"} == {
        "Name": REF + "db/password",
        "Type": "SecureString",
        "Value": "second",
        "Version": 0,
        "LastModifiedDate": current["CreatedDate"],
        "ARN": secret["arn"],
    }


def test_the_source_result_is_the_secret_value_as_json(ssm_client, secret):
    parameter = ssm_client.get_parameter(Name=REF + "db/password", WithDecryption=True)["Parameter"]
    source = json.loads(parameter["SourceResult"])
    assert source == {
        "ARN": secret["arn"],
        "name": "db/password",
        "versionId": secret["second"],
        "secretString": "second",
        "versionStages": ["AWSCURRENT"],
        "createdDate": source["createdDate"],
    }
    assert list(source) == [
        "ARN", "name", "versionId", "secretString", "versionStages", "createdDate"
    ]


@pytest.mark.parametrize(
    ("selector", "value"),
    [(":AWSPREVIOUS", "first"), (":AWSCURRENT", "second"), ("first-version", "first")],
)
def test_a_stage_or_version_id_selects_the_version(ssm_client, secret, selector, value):
    selector = f":{secret['first']}" if selector == "first-version" else selector
    name = REF + "db/password"
    parameter = ssm_client.get_parameter(Name=name + selector, WithDecryption=True)["Parameter"]
    assert (parameter["Value"], parameter["Selector"], parameter["Name"]) == (value, selector, name)


@pytest.mark.parametrize("with_decryption", [False, None])
def test_decryption_is_required_even_for_a_missing_secret(ssm_client, with_decryption):
    options = {} if with_decryption is None else {"WithDecryption": with_decryption}
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=REF + "nothing", **options)
    assert error_of(excinfo) == (
        "ValidationException",
        "WithDecryption flag must be True for retrieving a Secret Manager secret.",
        400,
    )


@pytest.mark.parametrize(
    ("name", "suffix"), [("nothing", "null"), ("db/password:NOSUCHSTAGE", ":NOSUCHSTAGE")]
)
def test_a_missing_secret_or_version_is_parameter_not_found(ssm_client, secret, name, suffix):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=REF + name, WithDecryption=True)
    secret_id = name.split(":")[0]
    assert error_of(excinfo) == (
        "ParameterNotFound",
        "An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret "
        f"aws/reference/secretsmanager/{secret_id}{suffix} not found.",
        400,
    )


@pytest.mark.parametrize("name", ["a:b:c", "a:", ":x"])
def test_a_malformed_selector_is_refused_before_the_decryption_check(ssm_client, name):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=REF + name)
    assert error_of(excinfo) == (
        "ValidationException",
        "Invalid parameter name. Please use correct syntax for referencing a version/label  "
        "<name>:<version/label>",
        400,
    )


def test_a_secret_scheduled_for_deletion_is_an_invalid_request(
    ssm_client, secretsmanager_client, secret
):
    secretsmanager_client.delete_secret(SecretId="db/password")
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=REF + "db/password", WithDecryption=True)
    assert error_of(excinfo) == ("ValidationException", "Invalid Request to Secrets Manager", 400)


def test_get_parameters_lists_a_reference_without_decryption_as_invalid(ssm_client, secret):
    response = ssm_client.get_parameters(Names=[REF + "db/password"])
    assert response["Parameters"] == [] and response["InvalidParameters"] == [REF + "db/password"]


def test_get_parameters_reads_references_with_decryption(ssm_client, secret):
    response = ssm_client.get_parameters(
        Names=[REF + "db/password", REF + "nope"], WithDecryption=True
    )
    assert [p["Value"] for p in response["Parameters"]] == ["second"]
    assert response["InvalidParameters"] == [REF + "nope"]


@pytest.mark.kayvee(region="eu-west-1")
def test_a_reference_reads_the_secret_of_the_same_region_only(ssm_client, secretsmanager_client):
    import boto3

    other_region = boto3.client("secretsmanager", region_name="us-east-1")
    other_region.create_secret(Name="elsewhere", SecretString="x")
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=REF + "elsewhere", WithDecryption=True)
    assert error_of(excinfo)[0] == "ParameterNotFound"


def test_a_binary_secret_has_no_value(ssm_client, secretsmanager_client):
    secretsmanager_client.create_secret(Name="blob", SecretBinary=b"\x00\x01")
    parameter = ssm_client.get_parameter(Name=REF + "blob", WithDecryption=True)["Parameter"]
    assert "Value" not in parameter and parameter["Type"] == "SecureString"
