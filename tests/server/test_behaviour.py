"""Representative behaviour, written once and run through both transports (``aws``)."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

import kv_mock.rotators

ROTATOR = "arn:aws:lambda:us-east-1:123456789012:function:rotate"


def test_paging_returns_every_parameter_once(aws):
    ssm = aws.client("ssm")
    names = {f"/app/p{index:03}" for index in range(75)}
    for name in names:
        ssm.put_parameter(Name=name, Value="v", Type="String")
    pages = list(ssm.get_paginator("describe_parameters").paginate(
        PaginationConfig={"PageSize": 10}))
    seen = [p["Name"] for page in pages for p in page["Parameters"]]
    assert sorted(seen) == sorted(names)
    assert len(pages) >= 8
    by_path = ssm.get_paginator("get_parameters_by_path").paginate(
        Path="/app", PaginationConfig={"PageSize": 7})
    assert sorted(p["Name"] for page in by_path for p in page["Parameters"]) == sorted(names)


def test_paging_returns_every_secret_once(aws):
    secrets = aws.client("secretsmanager")
    for index in range(23):
        secrets.create_secret(Name=f"s{index:02}", SecretString="v")
    pages = secrets.get_paginator("list_secrets").paginate(PaginationConfig={"PageSize": 5})
    assert sorted(s["Name"] for page in pages for s in page["SecretList"]) == [
        f"s{index:02}" for index in range(23)]


def test_a_stale_page_token_is_refused(aws):
    secrets = aws.client("secretsmanager")
    with pytest.raises(secrets.exceptions.InvalidNextTokenException):
        secrets.list_secrets(NextToken="garbage")


def test_errors_reach_the_caller_as_modeled_exceptions(aws):
    ssm = aws.client("ssm")
    with pytest.raises(ssm.exceptions.ParameterNotFound) as caught:
        ssm.get_parameter(Name="/missing")
    assert caught.value.response["Error"]["Message"] == ""
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    with pytest.raises(ssm.exceptions.ParameterAlreadyExists):
        ssm.put_parameter(Name="/p", Value="v", Type="String")
    secrets = aws.client("secretsmanager")
    with pytest.raises(secrets.exceptions.ResourceNotFoundException) as caught:
        secrets.describe_secret(SecretId="nope")
    assert caught.value.response["Message"] == "Secrets Manager can't find the specified secret."


def _rotating_secret(aws, value: str, days: int):
    """A secret ``db`` holding ``value``, rotated by a function registered in this process."""
    aws.kv.rotation_function(ROTATOR, kv_mock.rotators.random_value)
    secrets = aws.client("secretsmanager")
    secrets.create_secret(Name="db", SecretString=value)
    secrets.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR,
                          RotationRules={"AutomaticallyAfterDays": days})
    return secrets


def test_rotation_runs_a_function_registered_in_the_tests_process(aws):
    secrets = _rotating_secret(aws, '{"user": "app", "password": "old"}', days=30)
    rotated = json.loads(secrets.get_secret_value(SecretId="db")["SecretString"])
    assert rotated["user"] == "app" and rotated["password"] != "old"
    previous = secrets.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")
    assert json.loads(previous["SecretString"])["password"] == "old"


def test_a_due_rotation_happens_when_the_clock_passes_it(aws):
    secrets = _rotating_secret(aws, "first", days=1)
    after_first = secrets.get_secret_value(SecretId="db")["VersionId"]
    aws.advance(days=2)
    assert secrets.get_secret_value(SecretId="db")["VersionId"] != after_first


def test_time_travel_frees_a_deleted_secrets_name(aws):
    secrets = aws.client("secretsmanager")
    secrets.create_secret(Name="old", SecretString="x")
    secrets.delete_secret(SecretId="old", RecoveryWindowInDays=7)
    with pytest.raises(secrets.exceptions.InvalidRequestException):
        secrets.create_secret(Name="old", SecretString="y")
    aws.advance(days=7, seconds=1)
    secrets.create_secret(Name="old", SecretString="y")
    assert secrets.get_secret_value(SecretId="old")["SecretString"] == "y"


def test_an_expiration_policy_deletes_the_parameter_on_the_mocks_clock(aws):
    aws.freeze("2031-05-01T00:00:00+00:00")
    ssm = aws.client("ssm")
    ssm.put_parameter(
        Name="/temp", Value="v", Type="String", Tier="Advanced",
        Policies='[{"Type": "Expiration", "Version": "1.0", '
                 '"Attributes": {"Timestamp": "2031-05-02T00:00:00.000Z"}}]')
    assert ssm.get_parameter(Name="/temp")["Parameter"]["Value"] == "v"
    aws.advance(days=1, seconds=1)
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/temp")


def test_a_frozen_clock_stamps_every_write(aws):
    aws.freeze("2032-02-29T12:00:00+00:00")
    ssm = aws.client("ssm")
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    modified = ssm.get_parameter(Name="/p")["Parameter"]["LastModifiedDate"]
    assert modified == _dt.datetime(2032, 2, 29, 12, tzinfo=_dt.timezone.utc)


def test_the_call_log_sees_calls_from_either_transport(aws):
    ssm = aws.client("ssm", access_key="111111111111", region="eu-west-1")
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    call = aws.kv.calls.filter("PutParameter")[0]
    assert (call.account_id, call.region, call.parameters["Name"]) == (
        "111111111111", "eu-west-1", "/p")
