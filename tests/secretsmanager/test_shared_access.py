"""Another account's secret by its full ARN (AWS's user guide, "Access AWS Secrets Manager
secrets from a different account"): allowed by the owner's resource policy, under a customer
managed key; otherwise IAM's AccessDeniedException. Accounts are played by 12-digit keys."""

import json
import subprocess
import sys

import boto3
import pytest

from kv_mock import mock_kayvee
from tests.aws_errors import error_of_call

OWNER, READER = "111111111111", "222222222222"


def _client(service, account):
    return boto3.client(service, region_name="eu-west-1", aws_access_key_id=account,
                        aws_secret_access_key="x")


def _policy(*actions, effect="Allow", principal=f"arn:aws:iam::{READER}:root"):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": effect, "Principal": {"AWS": principal}, "Action": list(actions),
         "Resource": "*"}]})


@pytest.fixture
def shared():
    """A secret of OWNER under a customer managed key; no policy yet."""
    with mock_kayvee() as kv:
        key_id = _client("kms", OWNER).create_key()["KeyMetadata"]["KeyId"]
        owner = _client("secretsmanager", OWNER)
        arn = owner.create_secret(Name="db", SecretString="s3cr3t", KmsKeyId=key_id)["ARN"]
        yield kv, owner, arn, _client("secretsmanager", READER)


def _denied(action, arn):
    return ("AccessDeniedException",
            f"User: arn:aws:iam::{READER}:root is not authorized to perform: "
            f"secretsmanager:{action} on resource: {arn} because no resource-based policy "
            f"allows the secretsmanager:{action} action", 400)


def test_a_policy_lets_another_account_read_the_secret_by_its_arn(shared):
    kv, owner, arn, reader = shared
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=_policy(
        "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
    value = reader.get_secret_value(SecretId=arn)
    assert (value["ARN"], value["SecretString"]) == (arn, "s3cr3t")
    assert reader.describe_secret(SecretId=arn)["Name"] == "db"
    assert kv.calls.filter("GetSecretValue")[-1].account_id == READER  # the log names the caller


def test_without_a_policy_the_read_is_denied_in_iams_words(shared):
    _, _, arn, reader = shared
    assert error_of_call(lambda: reader.get_secret_value(SecretId=arn)) == _denied(
        "GetSecretValue", arn)


def test_the_policy_must_name_the_action(shared):
    _, owner, arn, reader = shared
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=_policy("secretsmanager:Get*"))
    assert reader.get_secret_value(SecretId=arn)["SecretString"] == "s3cr3t"
    assert error_of_call(lambda: reader.describe_secret(SecretId=arn)) == _denied(
        "DescribeSecret", arn)


def test_a_deny_statement_wins(shared):
    _, owner, arn, reader = shared
    policy = json.loads(_policy("secretsmanager:GetSecretValue"))
    policy["Statement"].append(json.loads(_policy(
        "secretsmanager:*", effect="Deny"))["Statement"][0])
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=json.dumps(policy))
    assert error_of_call(lambda: reader.get_secret_value(SecretId=arn))[0] == (
        "AccessDeniedException")


def test_a_secret_that_does_not_exist_is_denied_alike(shared):
    _, _, arn, reader = shared
    missing = arn.replace(":secret:db-", ":secret:other-")
    assert error_of_call(lambda: reader.get_secret_value(SecretId=missing)) == _denied(
        "GetSecretValue", missing)


def test_by_name_another_account_finds_only_its_own_secrets(shared):
    _, owner, arn, reader = shared
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=_policy("secretsmanager:*"))
    assert error_of_call(lambda: reader.get_secret_value(SecretId="db")) == (
        "ResourceNotFoundException", "Secrets Manager can't find the specified secret.", 400)


def test_the_aws_managed_key_cannot_be_used_across_accounts():
    with mock_kayvee():
        owner = _client("secretsmanager", OWNER)
        arn = owner.create_secret(Name="db", SecretString="s3cr3t")["ARN"]
        owner.put_resource_policy(SecretId=arn, ResourcePolicy=_policy("secretsmanager:*"))
        reader = _client("secretsmanager", READER)
        assert error_of_call(lambda: reader.get_secret_value(SecretId=arn)) == (
            "InvalidRequestException",
            "You can't access a secret from a different AWS account if you encrypt the "
            "secret with the default KMS service key.", 400)
        assert reader.describe_secret(SecretId=arn)["ARN"] == arn  # no value, no key needed


def test_a_write_allowed_by_the_policy_changes_the_owners_secret(shared):
    _, owner, arn, reader = shared
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=_policy("secretsmanager:*"))
    reader.put_secret_value(SecretId=arn, SecretString="rotated")
    assert owner.get_secret_value(SecretId=arn)["SecretString"] == "rotated"
    with pytest.raises(reader.exceptions.ResourceNotFoundException):
        reader.describe_secret(SecretId="db")  # nothing was made in the caller's account


_WRITER = f"""
import json, os, sys
import boto3
from kv_mock import mock_kayvee

def client(service, account):
    return boto3.client(service, region_name="eu-west-1", aws_access_key_id=account,
                        aws_secret_access_key="x")

kv = mock_kayvee(persist=sys.argv[1]).start()
key_id = client("kms", "{OWNER}").create_key()["KeyMetadata"]["KeyId"]
owner = client("secretsmanager", "{OWNER}")
arn = owner.create_secret(Name="db", SecretString="v1", KmsKeyId=key_id)["ARN"]
owner.put_resource_policy(SecretId=arn, ResourcePolicy=sys.argv[2])
client("secretsmanager", "{READER}").put_secret_value(SecretId=arn, SecretString="v2")
print(arn, flush=True)
os._exit(0)  # as if killed: no stop(), so only what each call committed is on disk
"""


def test_a_cross_account_write_is_on_disk_when_the_call_returns(tmp_path):
    store = tmp_path / "state.db"
    written = subprocess.run([sys.executable, "-c", _WRITER, str(store),
                              _policy("secretsmanager:*")],
                             capture_output=True, text=True, check=True)
    arn = written.stdout.strip()
    with mock_kayvee(persist=store):
        assert _client("secretsmanager", OWNER).get_secret_value(
            SecretId=arn)["SecretString"] == "v2"
