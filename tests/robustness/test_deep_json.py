"""Deeply nested JSON that a caller sends is malformed input (AWS's modeled error), never a
RecursionError answered as HTTP 500."""

import base64
import json

import pytest

from tests.aws_errors import error_of_call

# As deep as each member's length limit allows (ResourcePolicy: 20480, Policies: 4096).
DEEP_POLICY = "[" * 10_240 + "]" * 10_240
DEEP_STATEMENT = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "x", "Resource": "*",
                   "Condition": "@"}],
}).replace('"@"', "{" + '"a":' * 3000 + "1" + "}" * 3000)
DEEP_PARAMETER_POLICIES = "[" * 2048 + "]" * 2048
DEEP_EXPIRATION = json.dumps([{"Type": "Expiration", "Version": "1.0",
                               "Attributes": {"Timestamp": "@"}}]).replace(
    '"@"', "[" * 1900 + "]" * 1900)


@pytest.fixture
def secret(secretsmanager_client):
    return secretsmanager_client.create_secret(Name="s", SecretString="v")["ARN"]


@pytest.mark.parametrize("policy", [DEEP_POLICY, DEEP_STATEMENT], ids=["arrays", "condition"])
def test_a_deeply_nested_resource_policy_is_malformed(secretsmanager_client, secret, policy):
    assert len(policy) <= 20480
    for call in (
        lambda: secretsmanager_client.put_resource_policy(SecretId=secret, ResourcePolicy=policy),
        lambda: secretsmanager_client.validate_resource_policy(ResourcePolicy=policy),
    ):
        assert error_of_call(call) == (
            "MalformedPolicyDocumentException", "This policy has invalid syntax.", 400
        )


def test_deeply_nested_parameter_policies_are_invalid_input(ssm_client):
    code, message, status = error_of_call(lambda: ssm_client.put_parameter(
        Name="/p", Value="v", Type="String", Tier="Advanced", Policies=DEEP_PARAMETER_POLICIES))
    assert (code, status) == ("ValidationException", 400)
    assert message == f"Invalid policies input: {DEEP_PARAMETER_POLICIES}."


def test_a_deeply_nested_policy_attribute_is_refused_with_a_modeled_error(ssm_client):
    assert len(DEEP_EXPIRATION) <= 4096
    code, _message, status = error_of_call(lambda: ssm_client.put_parameter(
        Name="/p", Value="v", Type="String", Tier="Advanced", Policies=DEEP_EXPIRATION))
    assert status == 400
    assert code in ("ValidationException", "InvalidPolicyAttributeException")


def _deep_token(depth):
    return base64.urlsafe_b64encode(("[" * depth + "]" * depth).encode()).decode()


def test_a_deeply_nested_page_token_is_an_invalid_token(ssm_client, secretsmanager_client):
    token = _deep_token(1500)
    assert error_of_call(lambda: secretsmanager_client.list_secrets(NextToken=token))[0] == (
        "InvalidNextTokenException")
    assert error_of_call(lambda: ssm_client.describe_parameters(NextToken=token))[0] == (
        "InvalidNextToken")
    ssm_client.put_parameter(Name="/p", Value="v", Type="String")
    assert error_of_call(
        lambda: ssm_client.get_parameter_history(Name="/p", NextToken=token))[0] == (
        "InvalidNextToken")
