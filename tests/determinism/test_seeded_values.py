"""Each kind of generated value follows the seed (one behaviour per test, for clear failures)."""

import boto3
import pytest

from kv_mock import mock_kayvee


def _twice(seed, produce):
    values = []
    for _ in range(2):
        with mock_kayvee(seed=seed) as kv:
            values.append(produce(kv))
    return values


def _secret_version_and_arn(kv):
    created = boto3.client("secretsmanager").create_secret(Name="s", SecretString="v")
    return created["ARN"], created["VersionId"]


def _request_id(kv):
    return boto3.client("ssm").get_parameters(Names=["/p"])["ResponseMetadata"]["RequestId"]


def _password(kv):
    return boto3.client("secretsmanager").get_random_password()["RandomPassword"]


def _ciphertext(kv):
    ssm = boto3.client("ssm")
    ssm.put_parameter(Name="/p", Value="v", Type="SecureString")
    return ssm.get_parameter(Name="/p")["Parameter"]["Value"]


def _kms_key_id(kv):
    return kv.backend().kms.create_key().key_id


GENERATED = [
    pytest.param(_secret_version_and_arn, id="secret-arn-suffix-and-version-id"),
    pytest.param(_request_id, id="request-id"),
    pytest.param(_password, id="get-random-password"),
    pytest.param(_ciphertext, id="securestring-ciphertext"),
    pytest.param(_kms_key_id, id="kms-key-id"),
]


@pytest.mark.parametrize("produce", GENERATED)
def test_the_same_seed_generates_the_same_value(produce):
    first, second = _twice(7, produce)
    assert first == second


@pytest.mark.parametrize("produce", GENERATED)
def test_without_a_seed_the_value_is_random(produce):
    first, second = _twice(None, produce)
    assert first != second


def test_a_given_client_request_token_is_kept_as_the_version_id():
    with mock_kayvee(seed=7):
        created = boto3.client("secretsmanager").create_secret(
            Name="s", SecretString="v", ClientRequestToken="t" * 32
        )
        assert created["VersionId"] == "t" * 32
