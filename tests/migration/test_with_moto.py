"""moto and kv_mock on together: moto answers S3, SQS, …; kv_mock answers SSM, Secrets
Manager and KMS, whichever mock started first.

Why it is deterministic: kv_mock answers in botocore's ``before-call`` event, moto in
``before-send``, which botocore emits later and only for a request that nobody answered
yet. So while kv_mock is on, its three services never reach moto; with kv_mock off, moto
answers them again from its own (separate) state.
"""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from kv_mock import mock_kayvee

REGION = "us-east-1"


def _use_every_service(kv) -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="reports")
    sqs = boto3.client("sqs", region_name=REGION)
    queue = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name="/app/bucket", Value="reports", Type="String")
    kms = boto3.client("kms", region_name=REGION)
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    secrets = boto3.client("secretsmanager", region_name=REGION)
    secrets.create_secret(Name="app/queue", SecretString=queue, KmsKeyId=key_id)

    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["reports"]
    assert sqs.list_queues()["QueueUrls"] == [queue]
    bucket = ssm.get_parameter(Name="/app/bucket")["Parameter"]["Value"]
    s3.put_object(Bucket=bucket, Key="k", Body=b"v")
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"v"
    assert secrets.get_secret_value(SecretId="app/queue")["SecretString"] == queue
    # kv_mock answered its services, and only those.
    answered = {(call.service, call.operation) for call in kv.calls}
    assert answered == {
        ("ssm", "PutParameter"), ("ssm", "GetParameter"), ("kms", "CreateKey"),
        ("secretsmanager", "CreateSecret"), ("secretsmanager", "GetSecretValue"),
    }
    assert kv.backend(REGION).kms.find(key_id) is not None


@pytest.mark.parametrize("kv_mock_outer", [True, False], ids=["kv_mock-outer", "moto-outer"])
def test_both_mocks_in_either_order(kv_mock_outer):
    kv = mock_kayvee()
    outer, inner = (kv, mock_aws()) if kv_mock_outer else (mock_aws(), kv)
    with outer, inner:
        _use_every_service(kv)


@mock_aws
@mock_kayvee
def test_both_as_decorators():
    from kv_mock import activation

    assert activation.active_state is not None
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="b-1")
    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name="/p", Value="v", Type="SecureString")
    assert ssm.get_parameter(Name="/p")["Parameter"]["Value"].startswith("AQICAH")  # kv_mock
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["b-1"]


def test_with_kv_mock_stopped_moto_answers_its_own_state():
    with mock_aws():
        ssm = boto3.client("ssm", region_name=REGION)
        with mock_kayvee():
            ssm.put_parameter(Name="/only-in-kv-mock", Value="v", Type="String")
        ssm.put_parameter(Name="/only-in-moto", Value="v", Type="String")
        names = [p["Name"] for p in ssm.describe_parameters()["Parameters"]]
        assert names == ["/only-in-moto"]
        with mock_kayvee():
            with pytest.raises(ssm.exceptions.ParameterNotFound):
                ssm.get_parameter(Name="/only-in-moto")
