"""aiobotocore clients (the ``async`` extra) are answered by the same mock."""

import asyncio

import pytest

from kv_mock import mock_kayvee

aiobotocore_session = pytest.importorskip("aiobotocore.session")


def run(coroutine):
    return asyncio.run(coroutine)


def test_async_clients_are_answered_in_process():
    async def scenario():
        session = aiobotocore_session.get_session()
        async with session.create_client("ssm", region_name="eu-west-1") as ssm:
            await ssm.put_parameter(Name="/a", Value="v", Type="String")
            parameter = (await ssm.get_parameter(Name="/a"))["Parameter"]
        async with session.create_client("secretsmanager", region_name="eu-west-1") as secrets:
            await secrets.create_secret(Name="s", SecretString="x")
            value = (await secrets.get_secret_value(SecretId="s"))["SecretString"]
        return parameter, value

    with mock_kayvee():
        parameter, value = run(scenario())
    assert parameter["ARN"] == "arn:aws:ssm:eu-west-1:123456789012:parameter/a"
    assert value == "x"


def test_async_errors_are_the_modeled_exceptions():
    async def scenario():
        session = aiobotocore_session.get_session()
        async with session.create_client("ssm", region_name="us-east-1") as ssm:
            with pytest.raises(ssm.exceptions.ParameterNotFound) as error:
                await ssm.get_parameter(Name="/missing")
        return error.value.response

    with mock_kayvee():
        response = run(scenario())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_async_client_without_region_or_credentials_opens_no_socket(no_aws_environment):
    async def scenario():
        session = aiobotocore_session.get_session()
        async with session.create_client("secretsmanager") as secrets:
            await secrets.create_secret(Name="s", SecretString="x")
            return secrets.meta.region_name

    with mock_kayvee(region="ap-northeast-1"):
        assert run(scenario()) == "ap-northeast-1"
    assert no_aws_environment == []
