"""The guard: with the plugin loaded, an un-mocked ssm / secretsmanager call never reaches AWS.

Every test here has (fake) credentials and sockets that refuse and record each address
(``no_aws_environment``), so "nothing was sent" is an assertion, not a hope.
"""

import asyncio
import multiprocessing
import os
import socket

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber

import kv_mock
from kv_mock import RealAWSCallBlocked, mock_kayvee
from kv_mock.guard import ENVIRONMENT_VARIABLE

from .child import unmocked_call


@pytest.fixture
def credentials(no_aws_environment, monkeypatch):
    """Fake credentials; every name lookup and connection is refused and recorded."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAFAKEFAKEFAKEFAKE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "fake")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # a call let through fails once, at once

    def no_lookups(host, *args, **kwargs):
        no_aws_environment.append(host)
        raise socket.gaierror(f"kv_mock test: no name lookups ({host})")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookups)
    return no_aws_environment


def test_an_unmocked_ssm_call_is_refused_before_anything_is_sent(credentials, request):
    ssm = boto3.client("ssm", region_name="eu-west-1")
    with pytest.raises(RealAWSCallBlocked) as error:
        ssm.get_parameter(Name="/app/db/host")
    assert credentials == []
    message = str(error.value)
    assert message.startswith(
        "kv_mock refused a real AWS call: ssm GetParameter to "
        f"https://ssm.eu-west-1.amazonaws.com/ (test {request.node.nodeid}); no kv_mock mock "
        "is on and kv_mock blocks real AWS calls. Mock it: use the `kayvee` fixture"
    )
    assert "@pytest.mark.kayvee" in message and "@mock_kayvee" in message
    assert "@pytest.mark.kv_mock_allow_real_aws" in message
    assert "kv_mock_allow_real_aws = true" in message


def test_an_unmocked_secrets_manager_call_is_refused(credentials):
    secrets = boto3.client("secretsmanager", region_name="us-east-1")
    with pytest.raises(RealAWSCallBlocked, match="secretsmanager GetSecretValue to https://"):
        secrets.get_secret_value(SecretId="db")
    assert credentials == []


def test_the_refusal_is_not_retried(credentials):
    ssm = boto3.client("ssm", region_name="eu-west-1")
    with pytest.raises(RealAWSCallBlocked) as error:
        ssm.get_parameter(Name="/p")
    assert not hasattr(error.value, "response")  # botocore raised it at once, no ClientError


def test_a_client_of_another_service_is_left_alone(credentials):
    sts = boto3.client("sts", region_name="us-east-1")
    with pytest.raises(EndpointConnectionError):
        sts.get_caller_identity()
    assert credentials  # it did try to connect: the guard is only for mocked services


@pytest.mark.kv_mock_allow_real_aws
def test_the_allow_marker_lets_the_call_through(credentials):
    ssm = boto3.client("ssm", region_name="eu-west-1")
    with pytest.raises(EndpointConnectionError):
        ssm.get_parameter(Name="/p")
    assert credentials  # it reached the socket layer (which refused)


def test_a_local_endpoint_is_not_aws(credentials):
    ssm = boto3.client("ssm", region_name="eu-west-1", endpoint_url="http://127.0.0.1:9")
    with pytest.raises(EndpointConnectionError):
        ssm.get_parameter(Name="/p")
    assert credentials and credentials[0] == "127.0.0.1"


def test_aws_endpoint_url_pointing_at_localhost_is_not_aws(credentials, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://localhost:9")
    ssm = boto3.client("ssm", region_name="eu-west-1")
    with pytest.raises(EndpointConnectionError):
        ssm.get_parameter(Name="/p")
    assert credentials


def test_every_partition_is_aws():
    from kv_mock.regions import is_aws_host

    for host in ("ssm.cn-north-1.amazonaws.com.cn", "ssm.us-gov-west-1.amazonaws.com",
                 "ssm-fips.us-east-1.api.aws", "secretsmanager.us-iso-east-1.c2s.ic.gov",
                 "vpce-1.ssm.eu-west-1.vpce.amazonaws.com"):
        assert is_aws_host(host), host
    for host in ("127.0.0.1", "localhost", "ssm.example.com", "amazonaws.com.evil.test", None):
        assert not is_aws_host(host), host


def test_a_stubber_still_answers(credentials):
    ssm = boto3.client("ssm", region_name="eu-west-1")
    with Stubber(ssm) as stubber:
        stubber.add_response("get_parameter", {"Parameter": {"Name": "/p", "Value": "stub"}})
        assert ssm.get_parameter(Name="/p")["Parameter"]["Value"] == "stub"
    assert credentials == []


def test_moto_still_answers_and_kv_mock_after_it(credentials):
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        ssm = boto3.client("ssm", region_name="eu-west-1")
        ssm.put_parameter(Name="/moto", Value="m", Type="String")
        assert ssm.get_parameter(Name="/moto")["Parameter"]["Value"] == "m"
    with mock_kayvee():
        ssm = boto3.client("ssm", region_name="eu-west-1")
        ssm.put_parameter(Name="/kv", Value="k", Type="String")
        assert ssm.get_parameter(Name="/kv")["Parameter"]["Value"] == "k"
    with pytest.raises(RealAWSCallBlocked):
        ssm.get_parameter(Name="/kv")
    assert credentials == []


def test_kv_mock_answers_with_the_guard_on(credentials):
    with mock_kayvee():
        ssm = boto3.client("ssm", region_name="eu-west-1")
        ssm.put_parameter(Name="/p", Value="v", Type="String")
    assert credentials == []


def test_aiobotocore_calls_are_guarded(credentials):
    aiobotocore_session = pytest.importorskip("aiobotocore.session")

    async def call():
        session = aiobotocore_session.get_session()
        async with session.create_client("ssm", region_name="eu-west-1") as ssm:
            await ssm.get_parameter(Name="/p")

    with pytest.raises(RealAWSCallBlocked, match="ssm GetParameter"):
        asyncio.run(call())
    assert credentials == []


def test_the_plugin_exports_the_guard_to_children():
    assert os.environ[ENVIRONMENT_VARIABLE] == "1"


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_child_interpreter_is_guarded_too(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    with multiprocessing.get_context(method).Pool(1) as pool:
        kind, message, connections = pool.apply(unmocked_call)
    assert (kind, connections) == ("RealAWSCallBlocked", [])
    assert "ssm GetParameter" in message


def test_block_real_aws_and_allow_real_aws_switch_the_guard(credentials):
    assert kv_mock.guard.is_blocking()
    kv_mock.allow_real_aws()
    try:
        assert os.environ[ENVIRONMENT_VARIABLE] == "0"  # for children started now
        with pytest.raises(EndpointConnectionError):
            boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/p")
    finally:
        kv_mock.block_real_aws()
    assert os.environ[ENVIRONMENT_VARIABLE] == "1"
    with pytest.raises(RealAWSCallBlocked):
        boto3.client("ssm", region_name="eu-west-1").get_parameter(Name="/p")


#: An operation without required members, per mocked service.
NO_INPUT_CALLS = {"ssm": "describe_parameters", "secretsmanager": "list_secrets",
                  "kms": "list_keys"}


def test_every_mocked_service_is_guarded(credentials):
    from kv_mock.intercept import MOCKED_SERVICES

    assert set(MOCKED_SERVICES) <= set(NO_INPUT_CALLS), "add the new service's call here"
    for service in MOCKED_SERVICES:
        client = boto3.client(service, region_name="eu-west-1")
        with pytest.raises(RealAWSCallBlocked, match=f"^kv_mock refused a real AWS call: {service} "):
            getattr(client, NO_INPUT_CALLS[service])()
    assert credentials == []


@pytest.mark.kv_mock_allow_real_aws
def test_a_call_that_escapes_a_mock_that_is_on_is_refused_not_sent(credentials):
    """A client the mock does not answer (here: kv_mock's handler taken off its events, as
    a library that builds its own emitter would leave it) is refused while a mock is on,
    whether or not the guard is armed: a mock that is on must never let a call through."""
    with mock_kayvee():
        ssm = boto3.client("ssm", region_name="eu-west-1")
        ssm.meta.events.unregister("before-call.ssm", kv_mock.intercept._answer_call)
        with pytest.raises(RealAWSCallBlocked) as error:
            ssm.get_parameter(Name="/p")
    assert credentials == []
    assert "a mock is on, but this client is not answered by it" in str(error.value)
    assert "Import kv_mock before creating clients" in str(error.value)
