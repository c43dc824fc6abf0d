"""The Lambda extension API over HTTP: on the server's port and on a port of its own."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import boto3
import pytest

import kv_mock

TOKEN = {"X-Aws-Parameters-Secrets-Token": "token"}


def get(base: str, path: str, method: str = "GET", headers: dict = TOKEN):
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served():
    server = kv_mock.server(port=0, extension_port=0, region="eu-west-1")
    with server as endpoint:
        client = boto3.client("secretsmanager", endpoint_url=endpoint, region_name="eu-west-1",
                              aws_access_key_id="k", aws_secret_access_key="s")
        client.create_secret(Name="served/db", SecretString='{"password": "pw"}')
        boto3.client("ssm", endpoint_url=endpoint, region_name="eu-west-1",
                     aws_access_key_id="k", aws_secret_access_key="s").put_parameter(
            Name="/served/host", Value="db", Type="SecureString")
        yield server, endpoint


def test_both_ports_answer_from_the_served_state(served):
    server, endpoint = served
    for base in (endpoint, server.extension_url):
        status, body = get(base, "/secretsmanager/get?secretId=served%2Fdb")
        assert status == 200 and json.loads(json.loads(body)["SecretString"]) == {"password": "pw"}
        assert json.loads(body)["ARN"].startswith("arn:aws:secretsmanager:eu-west-1:")
        status, body = get(base, "/systemsmanager/parameters/get?name=/served/host"
                                 "&withDecryption=true")
        assert status == 200 and json.loads(body)["Parameter"]["Value"] == "db"


def test_refusals_are_the_same_over_http(served):
    server, endpoint = served
    for base in (endpoint, server.extension_url):
        assert get(base, "/secretsmanager/get?secretId=a", headers={}) == (403, b"Bad Token")
        assert get(base, "/secretsmanager/get?secretId=a", method="POST") == (405, b"Not allowed")
        status, body = get(base, "/secretsmanager/get?secretId=absent")
        assert status == 400 and json.loads(body)["__type"] == "ResourceNotFoundException"


def test_the_extension_port_is_only_the_extension(served):
    server, endpoint = served
    assert get(server.extension_url, "/") == (404, b"Not found")
    assert get(server.extension_url, "/_kv_mock/health") == (404, b"Not found")
    status, _ = get(endpoint, "/_kv_mock/health")
    assert status == 200


def test_reads_through_the_extension_show_in_the_call_log_unless_cached(served):
    server, endpoint = served
    before = server.mock.calls.count("GetSecretValue")
    get(server.extension_url, "/secretsmanager/get?secretId=served%2Fdb&refreshNow=true")
    assert server.mock.calls.count("GetSecretValue") == before + 1
    get(server.extension_url, "/secretsmanager/get?secretId=served%2Fdb")  # the cached value
    assert server.mock.calls.count("GetSecretValue") == before + 1


def test_an_extension_port_in_use_is_an_error_not_a_hang():
    server = kv_mock.server(port=0, extension_port=0)
    with server:
        taken = urlsplit(server.extension_url).port
        with pytest.raises(kv_mock.KvMockError, match="extension port"):
            with kv_mock.server(port=0, extension_port=taken):
                pass
