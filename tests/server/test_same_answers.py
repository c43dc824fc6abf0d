"""Every operation of every mocked service answers the same in-process and over HTTP.

One scenario calls every implemented operation (and a set of errors) with a seeded mock on
a frozen clock; run once through botocore's in-process hook and once through a kv_mock
server over loopback, the parsed responses — values, ARNs, version ids, timestamps, error
codes, messages, statuses and extra error members — must be identical.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable

import boto3
import botocore.exceptions
import pytest

import kv_mock
import kv_mock.rotators
from kv_mock import mock_kayvee
from kv_mock.service_models import service_model
from kv_mock.services import implemented_operations

FROZEN = _dt.datetime(2030, 1, 2, 3, 4, 5, 678000, tzinfo=_dt.timezone.utc)
ROTATOR = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
OTHER_ACCOUNT = "210987654321"
PRIMARY_ACCOUNT, REPLICA_ACCOUNT, REPLICA_REGION = "111111111111", "222222222222", "eu-west-1"
POLICY = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                   "Action": "secretsmanager:GetSecretValue", "Resource": "*"}],
})

Record = list[tuple[str, Any]]


def _call(record: Record, client: Any, operation: str, **parameters: Any) -> Any:
    try:
        response = getattr(client, operation)(**parameters)
    except botocore.exceptions.ClientError as error:
        answer = {k: v for k, v in error.response.items() if k != "ResponseMetadata"}
        answer["status"] = error.response["ResponseMetadata"]["HTTPStatusCode"]
        record.append((operation, ("error", answer)))
        return None
    record.append((operation, {k: v for k, v in response.items() if k != "ResponseMetadata"}))
    return response


def _ssm_scenario(record: Record, ssm: Any) -> None:
    call = lambda operation, **p: _call(record, ssm, operation, **p)  # noqa: E731
    call("put_parameter", Name="/app/db/host", Value="db1", Type="String")
    call("put_parameter", Name="/app/db/host", Value="db2", Type="String", Overwrite=True)
    call("put_parameter", Name="/app/db/password", Value="hunter2", Type="SecureString")
    call("put_parameter", Name="/app/hosts", Value="a,b", Type="StringList",
         Tags=[{"Key": "team", "Value": "core"}])
    call("put_parameter", Name="/app/db/host", Value="x", Type="String")  # already exists
    call("put_parameter", Name="/app/" + "x" * 2100, Value="x", Type="String")  # validation
    call("get_parameter", Name="/app/db/password")
    call("get_parameter", Name="/app/db/password", WithDecryption=True)
    call("get_parameter", Name="/app/missing")  # ParameterNotFound, empty message
    call("get_parameter", Name="/app/db/host:9")  # ParameterVersionNotFound
    call("get_parameters", Names=["/app/db/host", "/app/hosts", "/nope"], WithDecryption=True)
    call("get_parameters_by_path", Path="/app", Recursive=True, WithDecryption=True)
    call("describe_parameters",
         ParameterFilters=[{"Key": "Name", "Option": "BeginsWith", "Values": ["/app/db"]}])
    call("get_parameter_history", Name="/app/db/host")
    call("label_parameter_version", Name="/app/db/host", ParameterVersion=1, Labels=["old", "1x"])
    call("get_parameter", Name="/app/db/host:old")
    call("unlabel_parameter_version", Name="/app/db/host", ParameterVersion=1, Labels=["old"])
    call("add_tags_to_resource", ResourceType="Parameter", ResourceId="/app/db/host",
         Tags=[{"Key": "env", "Value": "prod"}])
    call("list_tags_for_resource", ResourceType="Parameter", ResourceId="/app/db/host")
    call("remove_tags_from_resource", ResourceType="Parameter", ResourceId="/app/db/host",
         TagKeys=["env"])
    setting = "/ssm/parameter-store/default-parameter-tier"
    call("get_service_setting", SettingId=setting)
    call("update_service_setting", SettingId=setting, SettingValue="Advanced")
    call("reset_service_setting", SettingId=setting)
    call("get_parameter", Name="/aws/service/global-infrastructure/regions/eu-west-1")
    call("delete_parameter", Name="/app/hosts")
    call("delete_parameter", Name="/app/hosts")  # ParameterNotFound
    shared = "arn:aws:ssm:us-east-1:123456789012:parameter/app/shared"
    call("put_parameter", Name="/app/shared", Value="s", Type="String", Tier="Advanced")
    created = call("put_resource_policy", ResourceArn=shared, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": OTHER_ACCOUNT},
                       "Action": "ssm:GetParameter", "Resource": shared}],
    }))
    call("put_resource_policy", ResourceArn=shared, Policy="{")  # malformed
    call("get_resource_policies", ResourceArn=shared)
    call("delete_resource_policy", ResourceArn=shared, PolicyId=created["PolicyId"],
         PolicyHash="stale")  # ResourcePolicyConflictException
    call("delete_resource_policy", ResourceArn=shared, PolicyId=created["PolicyId"],
         PolicyHash=created["PolicyHash"])
    call("delete_parameters", Names=["/app/db/host", "/nope"])
    call("send_command", DocumentName="AWS-RunShellScript")  # not modelled: 501


def _secrets_scenario(record: Record, make_client: Callable[..., Any]) -> None:
    secrets = make_client("secretsmanager")
    call = lambda operation, **p: _call(record, secrets, operation, **p)  # noqa: E731
    created = call("create_secret", Name="app/db", SecretString='{"password": "a"}',
                   Tags=[{"Key": "team", "Value": "core"}])
    call("create_secret", Name="app/blob", SecretBinary=b"\x00\x01binary\xff")
    call("create_secret", Name="app/db", SecretString="again")  # ResourceExistsException
    call("get_secret_value", SecretId="app/db")
    call("get_secret_value", SecretId="app/blob")
    call("get_secret_value", SecretId="app/nope")  # ResourceNotFoundException
    call("batch_get_secret_value", SecretIdList=["app/db", "app/blob", "app/nope"])
    put = call("put_secret_value", SecretId="app/db", SecretString='{"password": "b"}')
    call("update_secret", SecretId="app/db", Description="the database")
    call("update_secret_version_stage", SecretId="app/db", VersionStage="blue",
         MoveToVersionId=put["VersionId"])
    call("describe_secret", SecretId=created["ARN"])
    call("list_secrets", Filters=[{"Key": "name", "Values": ["app/"]}], MaxResults=1)
    call("list_secret_version_ids", SecretId="app/db", IncludeDeprecated=True)
    call("tag_resource", SecretId="app/db", Tags=[{"Key": "env", "Value": "prod"}])
    call("untag_resource", SecretId="app/db", TagKeys=["team"])
    call("get_random_password", PasswordLength=20, ExcludePunctuation=True)
    call("get_random_password", PasswordLength=5000)  # ValidationException
    call("validate_resource_policy", ResourcePolicy=POLICY)
    call("put_resource_policy", SecretId="app/db", ResourcePolicy=POLICY)
    call("get_resource_policy", SecretId="app/db")
    call("delete_resource_policy", SecretId="app/db")
    call("rotate_secret", SecretId="app/db", RotationLambdaARN=ROTATOR,
         RotationRules={"AutomaticallyAfterDays": 30})
    call("get_secret_value", SecretId="app/db")
    call("cancel_rotate_secret", SecretId="app/db")
    call("replicate_secret_to_regions", SecretId="app/db",
         AddReplicaRegions=[{"Region": "eu-west-1"}, {"Region": "eu-central-1"}])
    call("remove_regions_from_replication", SecretId="app/db", RemoveReplicaRegions=["eu-central-1"])
    _call(record, make_client("secretsmanager", "eu-west-1"), "stop_replication_to_replica",
          SecretId="app/db")
    _call(record, make_client("ssm"), "get_parameter",
          Name="/aws/reference/secretsmanager/app/db", WithDecryption=True)
    call("delete_secret", SecretId="app/blob", RecoveryWindowInDays=7)
    call("get_secret_value", SecretId="app/blob")  # InvalidRequestException: marked for deletion
    call("restore_secret", SecretId="app/blob")
    call("delete_secret", SecretId="app/blob", ForceDeleteWithoutRecovery=True)


def _kms_scenario(record: Record, kms: Any) -> None:
    call = lambda operation, **p: _call(record, kms, operation, **p)  # noqa: E731
    key = call("create_key", Description="app key", Tags=[{"TagKey": "team", "TagValue": "a"}])
    key_id = key["KeyMetadata"]["KeyId"]
    call("create_alias", AliasName="alias/app", TargetKeyId=key_id)
    call("create_alias", AliasName="alias/app", TargetKeyId=key_id)  # AlreadyExistsException
    call("describe_key", KeyId="alias/app")
    call("describe_key", KeyId="alias/none")  # NotFoundException
    encrypted = call("encrypt", KeyId="alias/app", Plaintext=b"secret bytes")
    call("decrypt", CiphertextBlob=encrypted["CiphertextBlob"])
    call("generate_data_key", KeyId=key_id, KeySpec="AES_256")
    call("list_keys")
    call("list_aliases", KeyId=key_id)
    call("tag_resource", KeyId=key_id, Tags=[{"TagKey": "env", "TagValue": "prod"}])
    call("untag_resource", KeyId=key_id, TagKeys=["team"])
    call("list_resource_tags", KeyId=key_id)
    second = call("create_key")["KeyMetadata"]["KeyId"]
    call("update_alias", AliasName="alias/app", TargetKeyId=second)
    call("delete_alias", AliasName="alias/app")
    call("disable_key", KeyId=key_id)
    call("encrypt", KeyId=key_id, Plaintext=b"x")  # DisabledException
    call("enable_key", KeyId=key_id)
    call("schedule_key_deletion", KeyId=second, PendingWindowInDays=7)
    call("cancel_key_deletion", KeyId=second)


def _newest_secrets_scenario(record: Record, make_client: Callable[..., Any]) -> None:
    """Operations newer than the dev extra's botocore (CI's 30-newest-botocore job has them):
    named resource policies and cross-account replicas between two accounts' key ids."""
    primary = make_client("secretsmanager", REPLICA_REGION, PRIMARY_ACCOUNT)
    operations = primary.meta.service_model.operation_names
    if "ListResourcePolicies" in operations:
        _call(record, make_client("secretsmanager"), "list_resource_policies", SecretId="app/db")
    if "AssociateCrossAccountReplica" in operations:
        replicas = make_client("secretsmanager", REPLICA_REGION, REPLICA_ACCOUNT)
        arn = _call(record, primary, "create_secret", Name="shared", SecretString="v1")["ARN"]
        replica = _call(record, replicas, "create_secret", Name="shared-copy",
                        CrossAccountPrimaryARN=arn, KmsKeyId="alias/replica")["ARN"]
        for operation in ("associate_cross_account_replica",
                          "disassociate_cross_account_replica"):
            _call(record, primary, operation, SecretId="shared", CrossAccountReplicaARN=replica)


def _run(make_client: Callable[..., Any]) -> Record:
    record: Record = []
    _ssm_scenario(record, make_client("ssm"))
    _secrets_scenario(record, make_client)
    _newest_secrets_scenario(record, make_client)
    _kms_scenario(record, make_client("kms"))
    return record


def _client_factory(endpoint: str | None) -> Callable[..., Any]:
    return lambda service, region="us-east-1", key="AKIAIOSFODNN7EXAMPLE": boto3.client(
        service, region_name=region, endpoint_url=endpoint,
        aws_access_key_id=key, aws_secret_access_key="secret")


def _session(endpoint_wanted: bool) -> tuple[Record, set[tuple[str, str]]]:
    with mock_kayvee(seed=7) as kv:
        kv.clock.freeze(FROZEN)
        kv.rotation_function(ROTATOR, kv_mock.rotators.random_value)
        kv.create_kms_key("alias/replica", region=REPLICA_REGION, account_id=REPLICA_ACCOUNT)
        if endpoint_wanted:
            with kv_mock.server(mock=kv, port=0) as endpoint:
                record = _run(_client_factory(endpoint))
        else:
            record = _run(_client_factory(None))
        called = {(call.service, call.operation) for call in kv.calls}
    return record, called


@pytest.fixture(scope="module")
def sessions() -> dict[str, tuple[Record, set[tuple[str, str]]]]:
    return {"in-process": _session(False), "http": _session(True)}


def test_every_answer_is_the_same_over_http(sessions):
    in_process, _ = sessions["in-process"]
    http, _ = sessions["http"]
    assert [operation for operation, _ in http] == [operation for operation, _ in in_process]
    for (operation, expected), (_, answered) in zip(in_process, http):
        assert answered == expected, operation


@pytest.mark.parametrize("service", ["ssm", "secretsmanager", "kms"])
def test_the_scenario_calls_every_implemented_operation(sessions, service):
    _, called = sessions["http"]
    in_model = set(service_model(service).operation_names)  # what a client here can call
    missing = (set(implemented_operations(service)) & in_model) - {
        op for svc, op in called if svc == service}
    assert not missing


def test_the_scenario_includes_errors_of_each_kind(sessions):
    http, _ = sessions["http"]
    errors = {answer[1]["Error"]["Code"]: answer[1] for _, answer in http
              if isinstance(answer, tuple)}
    assert errors["ParameterNotFound"]["Error"]["Message"] == ""
    assert errors["ParameterNotFound"]["status"] == 400
    assert errors["ResourceNotFoundException"]["Message"] == (
        "Secrets Manager can't find the specified secret.")
    assert errors["ResourceNotFoundException"]["status"] == 400
    assert errors["ValidationException"]["Error"]["Message"].startswith("1 validation error detected")
    assert errors["NotImplemented"]["status"] == 501
    assert {"ParameterAlreadyExists", "ParameterVersionNotFound", "ResourceExistsException",
            "InvalidRequestException", "AlreadyExistsException", "NotFoundException",
            "DisabledException"} <= set(errors)
