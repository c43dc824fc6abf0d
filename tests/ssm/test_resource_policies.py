"""Parameter resource policies and reading a shared parameter by ARN from another account.

AWS's rules ([model] PutResourcePolicy / GetResourcePolicies / DeleteResourcePolicy and the
guide "Working with shared parameters"): only advanced parameters are shared, a SecureString
only under a customer managed key; an update or deletion quotes the policy id and its current
hash; another account reads the parameter by its full ARN when a policy allows it.
"""

from __future__ import annotations

import json

import boto3
import pytest

from kv_mock.services.ssm import resource_policies as rp
from tests.newest_models import has_member

OWNER, READER, STRANGER = "123456789012", "111111111111", "222222222222"
ARN = f"arn:aws:ssm:us-east-1:{OWNER}:parameter/shared/db"


def policy(*principals: str, actions: object = ("ssm:GetParameter", "ssm:GetParameters",
                                                 "ssm:GetParameterHistory"),
           effect: str = "Allow", resource: str = ARN) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": effect,
            "Principal": {"AWS": list(principals)},
            "Action": list(actions) if not isinstance(actions, str) else actions,
            "Resource": resource,
        }],
    })


def client_of(account: str):
    """A client whose 12-digit access key id makes it that account (kv_mock.accounts)."""
    return boto3.client(
        "ssm", region_name="us-east-1", aws_access_key_id=account, aws_secret_access_key="x"
    )


@pytest.fixture
def shared(ssm_client):
    ssm_client.put_parameter(Name="/shared/db", Value="v1", Type="String", Tier="Advanced")
    return ssm_client


def put_policy(client, text: str, **extra) -> dict:
    """PutResourcePolicy on ARN; returns only ``PolicyId`` and ``PolicyHash``."""
    response = client.put_resource_policy(ResourceArn=ARN, Policy=text, **extra)
    return {key: response[key] for key in ("PolicyId", "PolicyHash")}


# -- Put / Get / Delete -------------------------------------------------------------------


def test_a_policy_is_attached_and_listed_with_its_id_and_hash(shared):
    text = policy(READER)
    created = put_policy(shared, text)
    listed = shared.get_resource_policies(ResourceArn=ARN)["Policies"]
    assert listed == [{"PolicyId": created["PolicyId"], "PolicyHash": created["PolicyHash"],
                       "Policy": text}]


def test_an_update_quotes_the_current_hash_and_gets_a_new_one(shared):
    first = put_policy(shared, policy(READER))
    second = put_policy(shared, policy(READER, STRANGER), **first)
    assert second["PolicyId"] == first["PolicyId"]
    assert second["PolicyHash"] != first["PolicyHash"]
    with pytest.raises(shared.exceptions.ResourcePolicyConflictException) as stale:
        put_policy(shared, policy(READER), **first)
    assert stale.value.response["Error"]["Message"] == rp.CONFLICT_MESSAGE
    assert len(shared.get_resource_policies(ResourceArn=ARN)["Policies"]) == 1


def test_an_update_of_an_unknown_policy_id_is_not_found(shared):
    with pytest.raises(shared.exceptions.ResourcePolicyNotFoundException) as missing:
        put_policy(shared, policy(READER), PolicyId="nope", PolicyHash="nope")
    assert missing.value.response["Error"]["Message"] == rp.POLICY_NOT_FOUND_MESSAGE


@pytest.mark.parametrize("given, missing", [("PolicyId", "PolicyHash"), ("PolicyHash", "PolicyId")])
def test_an_id_without_a_hash_or_a_hash_without_an_id_is_invalid(shared, given, missing):
    with pytest.raises(shared.exceptions.ResourcePolicyInvalidParameterException) as invalid:
        put_policy(shared, policy(READER), **{given: "x"})
    assert invalid.value.response["ParameterNames"] == [missing]


def test_a_second_policy_without_an_id_is_added_in_order(shared):
    first = put_policy(shared, policy(READER))
    second = put_policy(shared, policy(STRANGER))
    ids = [p["PolicyId"] for p in shared.get_resource_policies(ResourceArn=ARN)["Policies"]]
    assert ids == [first["PolicyId"], second["PolicyId"]]


def test_policies_page_with_max_results(shared):
    ids = [put_policy(shared, policy(READER))["PolicyId"] for _ in range(3)]
    paginator = shared.get_paginator("get_resource_policies")
    pages = list(paginator.paginate(ResourceArn=ARN, PaginationConfig={"PageSize": 2}))
    assert [len(page["Policies"]) for page in pages] == [2, 1]
    assert [p["PolicyId"] for page in pages for p in page["Policies"]] == ids


def test_a_foreign_page_token_is_refused(shared, ssm_client):
    for _ in range(2):
        put_policy(shared, policy(READER))
    token = shared.get_resource_policies(ResourceArn=ARN, MaxResults=1)["NextToken"]
    ssm_client.put_parameter(Name="/other", Value="v", Type="String", Tier="Advanced")
    other = f"arn:aws:ssm:us-east-1:{OWNER}:parameter/other"
    with pytest.raises(shared.exceptions.InvalidNextToken):
        shared.get_resource_policies(ResourceArn=other, NextToken=token)


def test_delete_quotes_id_and_hash(shared):
    created = put_policy(shared, policy(READER))
    with pytest.raises(shared.exceptions.ResourcePolicyConflictException):
        shared.delete_resource_policy(
            ResourceArn=ARN, PolicyId=created["PolicyId"], PolicyHash="old"
        )
    with pytest.raises(shared.exceptions.ResourcePolicyNotFoundException):
        shared.delete_resource_policy(ResourceArn=ARN, PolicyId="nope", PolicyHash="x")
    # DeletionMode "applies only to the Document resource type" [model]: ignored here.
    extra = ({"DeletionMode": "RollbackMigration"}
             if has_member("ssm", "DeleteResourcePolicyRequest", "DeletionMode") else {})
    shared.delete_resource_policy(ResourceArn=ARN, **extra, **created)
    assert shared.get_resource_policies(ResourceArn=ARN)["Policies"] == []


def test_a_standard_parameter_cannot_be_shared(ssm_client):
    ssm_client.put_parameter(Name="/shared/db", Value="v", Type="String")
    with pytest.raises(ssm_client.exceptions.ResourcePolicyInvalidParameterException) as refused:
        put_policy(ssm_client, policy(READER))
    assert refused.value.response["Error"]["Message"] == rp.INVALID_PARAMETER_MESSAGE
    assert refused.value.response["ParameterNames"] == ["ResourceArn"]
    assert ssm_client.get_resource_policies(ResourceArn=ARN)["Policies"] == []


def test_a_secure_string_under_the_aws_managed_key_cannot_be_shared(kayvee, ssm_client):
    ssm_client.put_parameter(Name="/shared/db", Value="v", Type="SecureString", Tier="Advanced")
    with pytest.raises(ssm_client.exceptions.ResourcePolicyInvalidParameterException):
        put_policy(ssm_client, policy(READER))
    managed = boto3.client("kms", region_name="us-east-1").describe_key(KeyId="alias/aws/ssm")
    ssm_client.put_parameter(  # the AWS managed key named by its ARN is still AWS managed
        Name="/shared/db", Value="v", Type="SecureString", Overwrite=True,
        KeyId=managed["KeyMetadata"]["Arn"],
    )
    with pytest.raises(ssm_client.exceptions.ResourcePolicyInvalidParameterException):
        put_policy(ssm_client, policy(READER))
    kayvee.create_kms_key("alias/shared")
    ssm_client.put_parameter(
        Name="/shared/db", Value="v", Type="SecureString", KeyId="alias/shared", Overwrite=True
    )
    assert "PolicyId" in put_policy(ssm_client, policy(READER))


@pytest.mark.parametrize("operation", ["put", "get", "delete"])
def test_a_missing_parameter_is_resource_not_found(ssm_client, operation):
    calls = {
        "put": lambda: put_policy(ssm_client, policy(READER)),
        "get": lambda: ssm_client.get_resource_policies(ResourceArn=ARN),
        "delete": lambda: ssm_client.delete_resource_policy(
            ResourceArn=ARN, PolicyId="p", PolicyHash="h"
        ),
    }
    with pytest.raises(ssm_client.exceptions.ResourceNotFoundException) as missing:
        calls[operation]()
    assert missing.value.response["Error"]["Message"] == rp.NOT_FOUND_MESSAGE


def test_another_accounts_parameter_arn_is_not_found_for_policies(shared):
    with pytest.raises(shared.exceptions.ResourceNotFoundException):
        client_of(READER).put_resource_policy(ResourceArn=ARN, Policy=policy(READER))


def test_an_arn_that_is_not_a_parameters_is_an_invalid_resource_arn(ssm_client):
    group = f"arn:aws:ssm:us-east-1:{OWNER}:opsitemgroup/default"
    with pytest.raises(ssm_client.exceptions.ResourcePolicyInvalidParameterException) as invalid:
        ssm_client.get_resource_policies(ResourceArn=group)
    assert invalid.value.response["ParameterNames"] == ["ResourceArn"]


@pytest.mark.parametrize("text", ["not json", "[]", '{"Statement": []}',
                                  '{"Statement": [{"Effect": "Maybe"}]}'])
def test_a_malformed_policy_is_refused(shared, text):
    with pytest.raises(shared.exceptions.MalformedResourcePolicyDocumentException) as bad:
        put_policy(shared, text)
    assert bad.value.response["Error"]["Message"] == rp.MALFORMED_MESSAGE


def test_a_policy_over_1024_bytes_is_over_the_limit(shared):
    text = policy(*[f"{n:012d}" for n in range(60)])
    assert len(text) > 1024
    with pytest.raises(shared.exceptions.ResourcePolicyLimitExceededException) as limit:
        put_policy(shared, text)
    assert (limit.value.response["Error"]["Message"], limit.value.response["Limit"]) == (
        rp.LIMIT_MESSAGE, 1024
    )


def test_policies_go_with_the_parameter(shared):
    put_policy(shared, policy(READER))
    shared.delete_parameter(Name="/shared/db")
    shared.put_parameter(Name="/shared/db", Value="v", Type="String", Tier="Advanced")
    assert shared.get_resource_policies(ResourceArn=ARN)["Policies"] == []


def test_policies_survive_a_snapshot(kayvee, shared):
    put_policy(shared, policy(READER))
    document = kayvee.snapshot()
    before = shared.get_resource_policies(ResourceArn=ARN)["Policies"]
    kayvee.restore(document)
    assert shared.get_resource_policies(ResourceArn=ARN)["Policies"] == before


# -- Reading a shared parameter from another account --------------------------------------


def denied(account: str, action: str, arn: str = ARN) -> str:
    return (
        f"User: arn:aws:iam::{account}:root is not authorized to perform: {action} on "
        f"resource: {arn} because no resource-based policy allows the {action} action"
    )


@pytest.mark.parametrize("principal", [READER, f"arn:aws:iam::{READER}:root", "*"])
def test_an_allowed_account_reads_the_parameter_by_arn(shared, principal):
    put_policy(shared, policy(principal))
    parameter = client_of(READER).get_parameter(Name=ARN)["Parameter"]
    assert (parameter["Name"], parameter["Value"], parameter["ARN"]) == ("/shared/db", "v1", ARN)
    assert client_of(READER).get_parameter(Name=ARN + ":1")["Parameter"]["Selector"] == ":1"
    batch = client_of(READER).get_parameters(Names=[ARN])
    assert [p["ARN"] for p in batch["Parameters"]] == [ARN]
    history = client_of(READER).get_parameter_history(Name=ARN)["Parameters"]
    assert [entry["Value"] for entry in history] == ["v1"]


def test_without_a_policy_another_account_is_denied(shared):
    reader = client_of(READER)
    with pytest.raises(reader.exceptions.ClientError) as refused:
        reader.get_parameter(Name=ARN)
    assert refused.value.response["Error"] == {
        "Code": "AccessDeniedException", "Message": denied(READER, "ssm:GetParameter")
    }


def test_an_account_the_policy_does_not_name_is_denied(shared):
    put_policy(shared, policy(READER))
    stranger = client_of(STRANGER)
    with pytest.raises(stranger.exceptions.ClientError) as refused:
        stranger.get_parameter(Name=ARN)
    assert refused.value.response["Error"]["Message"] == denied(STRANGER, "ssm:GetParameter")


def test_an_action_the_policy_does_not_allow_is_denied(shared):
    put_policy(shared, policy(READER, actions=["ssm:GetParameter"]))
    reader = client_of(READER)
    assert reader.get_parameter(Name=ARN)["Parameter"]["Value"] == "v1"
    with pytest.raises(reader.exceptions.ClientError) as refused:
        reader.get_parameter_history(Name=ARN)
    assert refused.value.response["Error"]["Message"] == denied(
        READER, "ssm:GetParameterHistory"
    )


def test_a_wildcard_action_and_resource_allow_every_read(shared):
    put_policy(shared, policy(READER, actions="ssm:Get*", resource="arn:aws:ssm:*:*:parameter/*"))
    assert client_of(READER).get_parameter_history(Name=ARN)["Parameters"]


def test_a_deny_statement_wins(shared):
    put_policy(shared, policy(READER))
    put_policy(shared, policy(READER, effect="Deny", actions=["ssm:GetParameter"]))
    reader = client_of(READER)
    with pytest.raises(reader.exceptions.ClientError):
        reader.get_parameter(Name=ARN)
    assert reader.get_parameters(Names=[ARN])["Parameters"]


def test_get_parameters_fails_whole_when_one_arn_is_denied(shared):
    reader = client_of(READER)
    with pytest.raises(reader.exceptions.ClientError) as refused:
        reader.get_parameters(Names=[ARN, "/mine"])
    assert refused.value.response["Error"]["Message"] == denied(READER, "ssm:GetParameters")


def test_a_missing_parameter_of_another_account_is_denied_too(shared):
    put_policy(shared, policy(READER))
    missing = f"arn:aws:ssm:us-east-1:{OWNER}:parameter/shared/none"
    reader = client_of(READER)
    with pytest.raises(reader.exceptions.ClientError) as refused:
        reader.get_parameter(Name=missing)
    assert refused.value.response["Error"]["Message"] == denied(
        READER, "ssm:GetParameter", missing
    )
    unknown = "arn:aws:ssm:us-east-1:999999999999:parameter/x"
    with pytest.raises(reader.exceptions.ClientError) as nobody:
        reader.get_parameter(Name=unknown)
    assert nobody.value.response["Error"]["Code"] == "AccessDeniedException"


def test_the_shared_parameter_stays_read_only_and_unlisted_for_the_reader(shared):
    put_policy(shared, policy(READER))
    reader = client_of(READER)
    with pytest.raises(reader.exceptions.ClientError) as write:
        reader.put_parameter(Name=ARN, Value="x", Type="String", Overwrite=True)
    assert write.value.response["Error"]["Code"] == "ValidationException"
    # Shared=True lists only RAM resource shares (a policy's share must be promoted in RAM).
    assert reader.describe_parameters(Shared=True)["Parameters"] == []
    assert reader.describe_parameters()["Parameters"] == []
    assert shared.get_parameter(Name="/shared/db")["Parameter"]["Value"] == "v1"


def test_another_regions_arn_is_not_a_shared_read(shared):
    reader = boto3.client("ssm", region_name="eu-west-1", aws_access_key_id=READER,
                          aws_secret_access_key="x")
    with pytest.raises(reader.exceptions.ClientError) as refused:
        reader.get_parameter(Name=ARN)
    assert refused.value.response["Error"]["Code"] == "ValidationException"


def test_a_shared_read_over_http_answers_as_in_process(kayvee, shared):
    import kv_mock

    put_policy(shared, policy(READER))
    with kv_mock.server(mock=kayvee, port=0) as endpoint:
        def over_http(account: str):
            return boto3.client("ssm", region_name="us-east-1", endpoint_url=endpoint,
                                aws_access_key_id=account, aws_secret_access_key="x")

        assert over_http(READER).get_parameter(Name=ARN)["Parameter"]["Value"] == "v1"
        stranger = over_http(STRANGER)
        with pytest.raises(stranger.exceptions.ClientError) as refused:
            stranger.get_parameter(Name=ARN)
    assert refused.value.response["Error"]["Message"] == denied(STRANGER, "ssm:GetParameter")
