"""Who is calling over HTTP: region from the SigV4 scope, account from the key id, and
optional signature verification with botocore's own signer."""

from __future__ import annotations

import json

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import pytest
from botocore import UNSIGNED
from botocore.config import Config

import kv_mock
from tests.server.test_wire import _post

GOOD_KEY, GOOD_SECRET = "AKIDKVMOCKEXAMPLE", "kv-mock-secret-key"


def _client(endpoint, service="ssm", key=GOOD_KEY, secret=GOOD_SECRET, region="us-east-1",
            **options):
    return boto3.client(service, region_name=region, endpoint_url=endpoint,
                        aws_access_key_id=key, aws_secret_access_key=secret, **options)


def _arn(ssm, name="/p"):
    ssm.put_parameter(Name=name, Value="v", Type="String")
    return ssm.get_parameter(Name=name)["Parameter"]["ARN"]


def test_the_region_is_the_one_the_client_signed_for(endpoint):
    assert _arn(_client(endpoint, region="ap-southeast-2")).startswith(
        "arn:aws:ssm:ap-southeast-2:")


def test_a_twelve_digit_key_id_is_the_account(endpoint):
    assert _arn(_client(endpoint, key="111111111111")) == (
        "arn:aws:ssm:us-east-1:111111111111:parameter/p")


def test_another_key_id_is_the_default_account(endpoint):
    assert ":123456789012:" in _arn(_client(endpoint, key="AKIAIOSFODNN7EXAMPLE"))


def test_an_unsigned_request_is_the_default_account_and_region():
    with kv_mock.server(region="eu-north-1", account_id="999999999999") as endpoint:
        unsigned = _client(endpoint, region="us-west-2",
                           config=Config(signature_version=UNSIGNED))
        assert _arn(unsigned) == "arn:aws:ssm:eu-north-1:999999999999:parameter/p"


def test_the_key_map_names_the_account_of_other_key_ids():
    with kv_mock.server(key_accounts={"AKIATEAMA": "444444444444"}) as endpoint:
        assert ":444444444444:" in _arn(_client(endpoint, key="AKIATEAMA"))
        assert ":123456789012:" in _arn(_client(endpoint, key="AKIAOTHER"), "/q")


def test_accounts_do_not_see_each_other(endpoint):
    _client(endpoint, key="111111111111").put_parameter(Name="/p", Value="v", Type="String")
    other = _client(endpoint, key="222222222222")
    with pytest.raises(other.exceptions.ParameterNotFound):
        other.get_parameter(Name="/p")


POLICY_FOR_B = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                   "Action": "secretsmanager:GetSecretValue", "Resource": "*"}],
})


def test_a_resource_policy_for_another_account_is_kept_on_the_owners_secret(endpoint):
    owner = _client(endpoint, "secretsmanager", key="111111111111")
    arn = owner.create_secret(Name="shared", SecretString="s3cr3t")["ARN"]
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=POLICY_FOR_B)
    assert json.loads(owner.get_resource_policy(SecretId=arn)["ResourcePolicy"]) == (
        json.loads(POLICY_FOR_B))
    assert arn.startswith("arn:aws:secretsmanager:us-east-1:111111111111:secret:shared-")


def test_another_account_reads_a_shared_secret_by_arn(endpoint):
    owner = _client(endpoint, "secretsmanager", key="111111111111")
    key_id = _client(endpoint, "kms", key="111111111111").create_key()["KeyMetadata"]["KeyId"]
    arn = owner.create_secret(Name="shared", SecretString="s3cr3t", KmsKeyId=key_id)["ARN"]
    owner.put_resource_policy(SecretId=arn, ResourcePolicy=POLICY_FOR_B)
    reader = _client(endpoint, "secretsmanager", key="222222222222")
    assert reader.get_secret_value(SecretId=arn)["SecretString"] == "s3cr3t"


# -- --verify-sigv4 ---------------------------------------------------------------------------

@pytest.fixture
def verifying():
    with kv_mock.server(verify_sigv4=True, credentials={GOOD_KEY: GOOD_SECRET}) as endpoint:
        yield endpoint


def _code_message_status(call):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call()
    response = caught.value.response
    return (response["Error"]["Code"], response["Error"]["Message"],
            response["ResponseMetadata"]["HTTPStatusCode"])


def test_a_request_signed_by_a_known_key_pair_is_answered(verifying):
    assert _arn(_client(verifying, key=GOOD_KEY)).endswith(":parameter/p")
    secrets = _client(verifying, "secretsmanager", region="eu-west-1")
    assert secrets.create_secret(Name="s", SecretString="v")["Name"] == "s"


def test_an_unknown_key_id_is_an_unrecognized_client(verifying):
    ssm = _client(verifying, key="AKIAUNKNOWN")
    assert _code_message_status(lambda: ssm.get_parameter(Name="/p")) == (
        "UnrecognizedClientException", "The security token included in the request is invalid.",
        400)


def test_a_wrong_secret_key_is_an_invalid_signature(verifying):
    ssm = _client(verifying, "secretsmanager", secret="not-the-secret")
    code, message, status = _code_message_status(lambda: ssm.list_secrets())
    assert (code, status) == ("InvalidSignatureException", 400)
    assert message.startswith("The request signature we calculated does not match the "
                              "signature you provided. Check your AWS Secret Access Key")
    assert ssm.exceptions  # the modeled exceptions of the client stay usable


def test_an_unsigned_request_is_missing_its_authentication_token(verifying):
    ssm = _client(verifying, config=Config(signature_version=UNSIGNED))
    assert _code_message_status(lambda: ssm.get_parameter(Name="/p")) == (
        "MissingAuthenticationTokenException", "Missing Authentication Token", 400)


def _signed(endpoint, body: bytes, secret=GOOD_SECRET):
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=f"{endpoint}/", data=body,
        headers={"X-Amz-Target": "AmazonSSM.DescribeParameters",
                 "Content-Type": "application/x-amz-json-1.1"})
    botocore.auth.SigV4Auth(botocore.credentials.Credentials(GOOD_KEY, secret), "ssm",
                            "us-east-1").add_auth(request)
    return dict(request.headers.items())


def test_a_body_changed_after_signing_is_an_invalid_signature(verifying):
    headers = _signed(verifying, b"{}")
    status, _, body = _post(verifying, b'{"MaxResults": 1}', headers)
    assert status == 400
    assert json.loads(body)["__type"] == "InvalidSignatureException"
    status, _, body = _post(verifying, b"{}", headers)
    assert status == 200, body


def test_a_garbled_authorization_header_is_an_incomplete_signature(verifying):
    headers = {**_signed(verifying, b"{}"), "Authorization": "AWS4-HMAC-SHA256 Credential=x"}
    status, _, body = _post(verifying, b"{}", headers)
    assert status == 400
    assert json.loads(body)["__type"] == "IncompleteSignatureException"


def test_without_verification_any_signature_is_accepted(endpoint):
    assert _arn(_client(endpoint, secret="anything at all")).endswith(":parameter/p")


def test_a_signature_for_another_service_is_invalid(verifying):
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=f"{verifying}/", data=b"{}",
        headers={"X-Amz-Target": "secretsmanager.ListSecrets",
                 "Content-Type": "application/x-amz-json-1.1"})
    botocore.auth.SigV4Auth(botocore.credentials.Credentials(GOOD_KEY, GOOD_SECRET), "ssm",
                            "us-east-1").add_auth(request)
    status, _, body = _post(verifying, b"{}", dict(request.headers.items()))
    assert status == 400
    assert json.loads(body) == {
        "__type": "InvalidSignatureException",
        "message": "Credential should be scoped to correct service: 'secretsmanager'. "}


def test_concurrent_writers_over_http_lose_nothing(endpoint):
    from concurrent.futures import ThreadPoolExecutor

    ssm = _client(endpoint)
    ssm.put_parameter(Name="/counter", Value="0", Type="String")

    def write(worker: int) -> None:
        client = _client(endpoint)
        for step in range(15):
            client.put_parameter(Name="/counter", Value=f"{worker}-{step}", Type="String",
                                 Overwrite=True)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(write, range(6)))
    assert ssm.get_parameter(Name="/counter")["Parameter"]["Version"] == 1 + 6 * 15
    history = ssm.get_paginator("get_parameter_history").paginate(Name="/counter")
    values = [v["Value"] for page in history for v in page["Parameters"]]
    assert sorted(values[1:]) == sorted(f"{w}-{s}" for w in range(6) for s in range(15))
