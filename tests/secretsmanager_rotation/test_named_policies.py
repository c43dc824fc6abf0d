"""Named resource policies (botocore >= 1.44.2): ``default`` is the caller's; Secrets
Manager attaches others itself; ListResourcePolicies names them, ``default`` first."""

import json

import pytest

from tests.aws_errors import error_of_call
from tests.newest_models import needs_operation

pytestmark = needs_operation("secretsmanager", "ListResourcePolicies", "1.44.2")

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
    "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})


def test_policy_name_defaults_to_default(secretsmanager_client, secret):
    put = secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=POLICY)
    assert put["PolicyName"] == "default"
    got = secretsmanager_client.get_resource_policy(SecretId="db")
    assert (got["PolicyName"], got["ResourcePolicy"]) == ("default", POLICY)
    named = secretsmanager_client.get_resource_policy(SecretId="db", PolicyName="default")
    assert named["ResourcePolicy"] == POLICY
    deleted = secretsmanager_client.delete_resource_policy(SecretId="db", PolicyName="default")
    assert deleted["PolicyName"] == "default"
    assert "ResourcePolicy" not in secretsmanager_client.get_resource_policy(SecretId="db")


@pytest.mark.parametrize("operation, arguments", [
    ("put_resource_policy", {"ResourcePolicy": POLICY}),
    ("delete_resource_policy", {}),
])
def test_only_the_default_policy_can_be_put_or_deleted(
    secretsmanager_client, secret, operation, arguments
):
    # The model: "You can only attach the default policy; if you specify any other name,
    # the operation returns an InvalidParameterException" (same for delete).
    code, _, status = error_of_call(
        getattr(secretsmanager_client, operation), SecretId="db", PolicyName="mine", **arguments)
    assert (code, status) == ("InvalidParameterException", 400)


def test_getting_an_unknown_policy_name_is_not_found(secretsmanager_client, secret):
    code, _, _ = error_of_call(
        secretsmanager_client.get_resource_policy, SecretId="db", PolicyName="mine")
    assert code == "ResourceNotFoundException"


def test_list_names_attached_policies_only(secretsmanager_client, secret):
    assert secretsmanager_client.list_resource_policies(SecretId="db")["ResourcePolicies"] == []
    secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=POLICY)
    listed = secretsmanager_client.list_resource_policies(SecretId="db")
    assert listed["ResourcePolicies"] == [{"PolicyName": "default"}]
    assert "NextToken" not in listed


def test_list_of_an_unknown_secret_is_not_found(secretsmanager_client):
    code, _, _ = error_of_call(secretsmanager_client.list_resource_policies, SecretId="nope")
    assert code == "ResourceNotFoundException"


def test_list_pages_with_max_results(kayvee, secretsmanager_client, secret):
    # A managed policy besides default (what a cross-account replica gets).
    stored = kayvee.backend().secrets.by_name("db")
    stored.managed_policies.update({"zeta": POLICY, "cross-account-replication": POLICY})
    secretsmanager_client.put_resource_policy(SecretId="db", ResourcePolicy=POLICY)
    first = secretsmanager_client.list_resource_policies(SecretId="db", MaxResults=2)
    assert first["ResourcePolicies"] == [
        {"PolicyName": "default"}, {"PolicyName": "cross-account-replication"}]
    rest = secretsmanager_client.list_resource_policies(
        SecretId="db", MaxResults=2, NextToken=first["NextToken"])
    assert rest["ResourcePolicies"] == [{"PolicyName": "zeta"}]
    assert "NextToken" not in rest
    paged = secretsmanager_client.get_paginator("list_resource_policies").paginate(
        SecretId="db", PaginationConfig={"PageSize": 1})
    assert [p["PolicyName"] for page in paged for p in page["ResourcePolicies"]] == [
        "default", "cross-account-replication", "zeta"]


def test_a_garbage_token_is_refused(secretsmanager_client, secret):
    code, _, _ = error_of_call(
        secretsmanager_client.list_resource_policies, SecretId="db", NextToken="garbage")
    assert code == "InvalidNextTokenException"
