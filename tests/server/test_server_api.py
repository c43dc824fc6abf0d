"""``kv_mock.server()`` from Python: a thread of this process serving a mock."""

from __future__ import annotations

import socket

import boto3
import pytest

import kv_mock
from kv_mock import KvMockError, mock_kayvee


def test_clients_pointed_at_the_server_really_go_over_http():
    # A server that checks signatures refuses a bad one: the in-process hook would not.
    with kv_mock.server(verify_sigv4=True, credentials={"AKID": "right"}) as endpoint:
        client = boto3.client("ssm", region_name="us-east-1", endpoint_url=endpoint,
                              aws_access_key_id="AKID", aws_secret_access_key="wrong")
        with pytest.raises(client.exceptions.ClientError, match="InvalidSignatureException"):
            client.describe_parameters()
        # …while a client with no endpoint is answered in-process by the same mock.
        in_process = boto3.client("ssm", region_name="us-east-1")
        in_process.put_parameter(Name="/p", Value="v", Type="String")
        good = boto3.client("ssm", region_name="us-east-1", endpoint_url=endpoint,
                            aws_access_key_id="AKID", aws_secret_access_key="right")
        assert good.get_parameter(Name="/p")["Parameter"]["Value"] == "v"


def test_the_server_shares_an_active_mocks_state():
    with mock_kayvee(region="eu-west-2") as kv:
        with kv_mock.server() as endpoint:
            boto3.client("ssm", region_name="eu-west-2", endpoint_url=endpoint,
                         aws_access_key_id="k", aws_secret_access_key="s").put_parameter(
                Name="/p", Value="v", Type="String")
            assert kv.backend().parameters.get("/p") is not None
        assert kv.active  # the server's stop left the outer mock on


def test_stopping_forgets_the_state_and_frees_the_port():
    server = kv_mock.server()
    endpoint = server.start()
    port = int(endpoint.rsplit(":", 1)[1])
    server.stop()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # free again
    with pytest.raises(KvMockError, match="not running"):
        server.stop()
    with pytest.raises(KvMockError, match="not running"):
        server.endpoint_url


def test_a_port_in_use_is_an_error_not_a_hang():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(KvMockError, match="could not start"):
            kv_mock.server(port=taken.getsockname()[1]).start()


def test_mock_and_mock_options_do_not_mix():
    with pytest.raises(KvMockError, match="not both"):
        kv_mock.server(mock=kv_mock.mock_kayvee(), seed=1)


def test_the_pytest_fixture_serves_the_tests_kayvee(kayvee, kayvee_server):
    ssm = boto3.client("ssm", region_name="us-east-1", endpoint_url=kayvee_server,
                       aws_access_key_id="k", aws_secret_access_key="s")
    ssm.put_parameter(Name="/fixture", Value="v", Type="String")
    assert kayvee.calls.count("PutParameter", Name="/fixture") == 1
