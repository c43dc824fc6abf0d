"""The caller's account comes from its credentials: a 12-digit access key id is the account."""

import boto3
import botocore.credentials
import pytest

from kv_mock import mock_kayvee
from kv_mock.accounts import account_for_access_key, signer_access_key


def _client(service, key_id):
    return boto3.client(service, region_name="eu-west-1", aws_access_key_id=key_id,
                        aws_secret_access_key="secret")


def test_a_twelve_digit_key_id_plays_that_account():
    with mock_kayvee():
        arn = _client("secretsmanager", "111111111111").create_secret(
            Name="s", SecretString="v")["ARN"]
        assert arn.startswith("arn:aws:secretsmanager:eu-west-1:111111111111:secret:s-")
        ssm = _client("ssm", "222222222222")
        ssm.put_parameter(Name="/p", Value="v", Type="String")
        assert ssm.get_parameter(Name="/p")["Parameter"]["ARN"] == (
            "arn:aws:ssm:eu-west-1:222222222222:parameter/p")


def test_accounts_do_not_see_each_other():
    with mock_kayvee():
        _client("ssm", "111111111111").put_parameter(Name="/p", Value="v", Type="String")
        other = _client("ssm", "222222222222")
        with pytest.raises(other.exceptions.ParameterNotFound):
            other.get_parameter(Name="/p")


def test_any_other_key_id_plays_the_default_account():
    with mock_kayvee(account_id="333333333333"):
        ssm = _client("ssm", "AKIAIOSFODNN7EXAMPLE")
        ssm.put_parameter(Name="/p", Value="v", Type="String")
        assert ":333333333333:" in ssm.get_parameter(Name="/p")["Parameter"]["ARN"]


@pytest.mark.parametrize(
    ("key_id", "key_map", "expected"),
    [
        (None, None, "123456789012"),
        ("", None, "123456789012"),
        ("444444444444", None, "444444444444"),
        ("4444444444444", None, "123456789012"),  # 13 digits is not an account
        ("AKIAEXAMPLE", {"AKIAEXAMPLE": "555555555555"}, "555555555555"),
        ("AKIAOTHER", {"AKIAEXAMPLE": "555555555555"}, "123456789012"),
    ],
)
def test_account_for_access_key(key_id, key_map, expected):
    assert account_for_access_key(key_id, "123456789012", key_map) == expected


def test_refreshable_credentials_are_read_without_a_refresh():
    def refresh():
        raise AssertionError("the account rule must not refresh credentials")

    credentials = botocore.credentials.RefreshableCredentials(
        "666666666666", "secret", None, expiry_time=None, refresh_using=refresh, method="test",
    )

    class Signer:
        _credentials = credentials

    assert signer_access_key(Signer()) == "666666666666"
    assert signer_access_key(object()) is None
