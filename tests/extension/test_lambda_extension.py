"""The Lambda Parameters and Secrets extension, in-process: ``requests`` to localhost:2773.

Written through real boto3 clients, read the way Lambda code reads through the extension.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
from urllib.parse import quote

import boto3
import pytest
import requests
import responses

from kv_mock import mock_kayvee
from kv_mock.transports import extension_requests

BASE = "http://localhost:2773"
TOKEN = {"X-Aws-Parameters-Secrets-Token": "session-token"}


def get_parameter(name: str, **query: str) -> requests.Response:
    return requests.get(f"{BASE}/systemsmanager/parameters/get",
                        params={"name": name, **query}, headers=TOKEN, timeout=5)


def get_secret(secret_id: str, **query: str) -> requests.Response:
    return requests.get(f"{BASE}/secretsmanager/get",
                        params={"secretId": secret_id, **query}, headers=TOKEN, timeout=5)


@pytest.fixture
def kv():
    with mock_kayvee() as mock:
        yield mock


# -- Parameter Store -----------------------------------------------------------------------

def test_parameter_is_the_get_parameter_output_as_the_go_sdk_writes_it(ssm):
    ssm.put_parameter(Name="/app/db/host", Value="db.internal", Type="String")
    response = get_parameter("/app/db/host")
    assert response.status_code == 200
    body = response.json()
    parameter = body["Parameter"]
    assert list(body) == ["Parameter", "ResultMetadata"] and body["ResultMetadata"] == {}
    assert list(parameter) == ["ARN", "DataType", "LastModifiedDate", "Name", "Selector",
                               "SourceResult", "Type", "Value", "Version"]
    assert parameter["Value"] == "db.internal" and parameter["Version"] == 1
    assert parameter["ARN"] == "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/host"
    assert parameter["Selector"] is None
    # RFC 3339 in UTC, as Go's encoding/json writes a time.Time
    assert parameter["LastModifiedDate"].endswith("Z") and "T" in parameter["LastModifiedDate"]
    described = ssm.describe_parameters()["Parameters"][0]["LastModifiedDate"]
    assert parameter["LastModifiedDate"].startswith(described.strftime("%Y-%m-%dT%H:%M:%S"))


def test_secure_string_is_decrypted_only_with_decryption(ssm):
    ssm.put_parameter(Name="/app/db/password", Value="hunter2", Type="SecureString")
    assert get_parameter("/app/db/password", withDecryption="true").json()[
        "Parameter"]["Value"] == "hunter2"
    assert get_parameter("/app/db/password").json()["Parameter"]["Value"] != "hunter2"
    assert get_parameter("/app/db/password", withDecryption="FALSE").json()[
        "Parameter"]["Value"] != "hunter2"


def test_version_and_label_select_what_get_parameter_selects(ssm):
    ssm.put_parameter(Name="/app/flag", Value="one", Type="String")
    ssm.put_parameter(Name="/app/flag", Value="two", Type="String", Overwrite=True)
    ssm.label_parameter_version(Name="/app/flag", ParameterVersion=1, Labels=["stable"])
    assert get_parameter("/app/flag").json()["Parameter"]["Value"] == "two"
    by_version = get_parameter("/app/flag", version="1").json()["Parameter"]
    assert (by_version["Value"], by_version["Selector"]) == ("one", ":1")
    by_label = get_parameter("/app/flag", label="stable").json()["Parameter"]
    assert (by_label["Value"], by_label["Selector"]) == ("one", ":stable")


def test_unknown_parameter_and_version_are_the_service_errors(ssm):
    ssm.put_parameter(Name="/app/flag", Value="one", Type="String")
    missing = get_parameter("/app/nope")
    assert missing.status_code == 400
    assert missing.json() == {"__type": "ParameterNotFound", "message": ""}
    version = get_parameter("/app/flag", version="9")
    assert version.status_code == 400
    assert version.json()["__type"] == "ParameterVersionNotFound"
    assert version.json()["message"] == ssm_error(
        ssm, lambda: ssm.get_parameter(Name="/app/flag:9"))


def ssm_error(client, call) -> str:
    with pytest.raises(client.exceptions.ClientError) as raised:
        call()
    return raised.value.response["Error"]["Message"]


@pytest.mark.parametrize("query, message", [
    ("", "missing parameter name"),
    ("name=", "missing parameter name"),
    ("name=/a&withDecryption=yes", "invalid withDecryption value"),
    ("name=/a&version=1&label=x", "version and label cannot both be specified"),
    ("name=/a&colour=red", "unknown parameter: colour"),
])
def test_bad_parameter_queries_are_refused(kv, query, message):
    response = requests.get(f"{BASE}/systemsmanager/parameters/get?{query}", headers=TOKEN,
                            timeout=5)
    assert (response.status_code, response.text) == (400, message)


def test_a_name_with_slashes_needs_no_encoding_but_may_have_it(ssm):
    ssm.put_parameter(Name="/a/b/c", Value="v", Type="String")
    for name in ("/a/b/c", quote("/a/b/c", safe="")):
        response = requests.get(f"{BASE}/systemsmanager/parameters/get?name={name}",
                                headers=TOKEN, timeout=5)
        assert response.json()["Parameter"]["Value"] == "v"


# -- Secrets Manager -----------------------------------------------------------------------

def test_secret_is_the_get_secret_value_output(secrets):
    created = secrets.create_secret(Name="prod/db", SecretString='{"password": "a"}')
    response = get_secret("prod/db")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["ARN", "CreatedDate", "Name", "SecretBinary", "SecretString",
                          "VersionId", "VersionStages", "ResultMetadata"]
    assert body["ARN"] == created["ARN"] and body["VersionId"] == created["VersionId"]
    assert json.loads(body["SecretString"]) == {"password": "a"}
    assert body["SecretBinary"] is None and body["VersionStages"] == ["AWSCURRENT"]
    assert get_secret(created["ARN"]).json()["Name"] == "prod/db"


def test_binary_secret_is_base64(secrets):
    secrets.create_secret(Name="cert", SecretBinary=b"\x00\x01binary")
    body = get_secret("cert").json()
    assert body["SecretBinary"] == "AAFiaW5hcnk=" and body["SecretString"] is None


def test_stages_and_version_ids_select_versions(secrets):
    first = secrets.create_secret(Name="api", SecretString="one")["VersionId"]
    secrets.put_secret_value(SecretId="api", SecretString="two")
    assert get_secret("api").json()["SecretString"] == "two"
    assert get_secret("api", versionStage="AWSPREVIOUS").json()["SecretString"] == "one"
    assert get_secret("api", versionId=first).json()["SecretString"] == "one"
    assert get_secret("api", refreshNow="true").json()["SecretString"] == "two"


def test_secret_errors_are_the_service_errors_in_the_agent_envelope(secrets):
    missing = get_secret("nope")
    assert missing.status_code == 400
    assert missing.text == ('{"__type":"ResourceNotFoundException", '
                            '"message":"Secrets Manager can\'t find the specified secret."}')
    secrets.create_secret(Name="gone", SecretString="x")
    secrets.delete_secret(SecretId="gone")
    deleted = get_secret("gone")
    assert deleted.status_code == 400
    assert deleted.json()["__type"] == "InvalidRequestException"
    stage = get_secret("gone", versionStage="NOPE")
    assert stage.status_code == 400


@pytest.mark.parametrize("query, message", [
    ("", "missing parameter secretId"),
    ("secretId=a&refreshNow=maybe", "invalid refreshNow value"),
    ("secretId=a&abc=123", "unknown parameter: abc"),
])
def test_bad_secret_queries_are_refused(kv, query, message):
    response = requests.get(f"{BASE}/secretsmanager/get?{query}", headers=TOKEN, timeout=5)
    assert (response.status_code, response.text) == (400, message)


# -- the extension's own refusals ------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"X-Aws-Parameters-Secrets-Token": ""}])
def test_no_token_is_refused(kv, headers):
    for path in ("/secretsmanager/get?secretId=a", "/systemsmanager/parameters/get?name=a"):
        response = requests.get(BASE + path, headers=headers, timeout=5)
        assert (response.status_code, response.text) == (403, "Bad Token")


def test_forwarded_requests_methods_and_paths(kv):
    forwarded = requests.get(f"{BASE}/secretsmanager/get?secretId=a",
                             headers={**TOKEN, "X-Forwarded-For": "10.0.0.1"}, timeout=5)
    assert (forwarded.status_code, forwarded.text) == (400, "Forwarded")
    posted = requests.post(f"{BASE}/secretsmanager/get?secretId=a", headers=TOKEN, timeout=5)
    assert (posted.status_code, posted.text) == (405, "Not allowed")
    other = requests.get(f"{BASE}/lambda/whatever", headers=TOKEN, timeout=5)
    assert (other.status_code, other.text) == (404, "Not found")


def test_127_0_0_1_is_the_same_extension(secrets):
    secrets.create_secret(Name="s", SecretString="v")
    response = requests.get("http://127.0.0.1:2773/secretsmanager/get?secretId=s",
                            headers=TOKEN, timeout=5)
    assert response.json()["SecretString"] == "v"


def test_each_read_is_a_call_in_the_call_log(kv, secrets, ssm):
    secrets.create_secret(Name="s", SecretString="v")
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    get_secret("s")
    get_parameter("/p")
    assert kv.calls.count("GetSecretValue") == 1 and kv.calls.count("GetParameter") == 1


def test_a_rotation_is_seen_at_once(kv, secrets):
    import kv_mock.rotators

    arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
    kv.rotation_function(arn, kv_mock.rotators.random_value)
    secrets.create_secret(Name="rotating", SecretString="before")
    secrets.rotate_secret(SecretId="rotating", RotationLambdaARN=arn,
                          RotationRules={"AutomaticallyAfterDays": 1})
    assert get_secret("rotating").json()["SecretString"] != "before"
    assert get_secret("rotating", versionStage="AWSPREVIOUS").json()["SecretString"] == "before"


# -- the code shapes Lambda functions use ------------------------------------------------------

def lambda_handler(event: dict, context: object) -> dict:
    """A function written as AWS's guides show: port and token from the environment."""
    port = os.environ.get("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773")
    headers = {"X-Aws-Parameters-Secrets-Token": os.environ.get("AWS_SESSION_TOKEN")}
    session = requests.Session()
    secret = session.get(
        f"http://localhost:{port}/secretsmanager/get?secretId={quote(event['secret'])}",
        headers=headers, timeout=2)
    secret.raise_for_status()
    parameter = session.get(
        f"http://localhost:{port}/systemsmanager/parameters/get"
        f"?name={quote(event['parameter'], safe='')}&withDecryption=true",
        headers=headers, timeout=2)
    parameter.raise_for_status()
    return {"password": json.loads(secret.json()["SecretString"])["password"],
            "host": parameter.json()["Parameter"]["Value"]}


@mock_kayvee
def test_a_handler_in_the_aws_docs_shape(monkeypatch):
    monkeypatch.setenv("AWS_SESSION_TOKEN", "the-session-token")
    boto3.client("secretsmanager").create_secret(Name="prod/db+main",
                                                 SecretString='{"password": "pw"}')
    boto3.client("ssm").put_parameter(Name="/prod/db/host", Value="db", Type="SecureString")
    assert lambda_handler({"secret": "prod/db+main", "parameter": "/prod/db/host"}, None) == {
        "password": "pw", "host": "db"}


@mock_kayvee
def test_raise_for_status_raises_on_a_missing_secret(monkeypatch):
    monkeypatch.setenv("AWS_SESSION_TOKEN", "t")
    with pytest.raises(requests.HTTPError) as raised:
        lambda_handler({"secret": "absent", "parameter": "/x"}, None)
    assert raised.value.response.status_code == 400


# -- everything else is left alone -------------------------------------------------------------

@pytest.fixture
def local_http_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            body = f"real server saw {self.path}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_other_requests_traffic_reaches_the_network(kv, local_http_server):
    response = requests.get(f"{local_http_server}/secretsmanager/get?secretId=a", timeout=5)
    assert (response.status_code, response.text) == (
        200, "real server saw /secretsmanager/get?secretId=a")


def test_with_no_mock_on_localhost_2773_is_not_answered(local_http_server):
    with mock_kayvee():
        pass
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{BASE}/secretsmanager/get?secretId=a", headers=TOKEN, timeout=2)
    assert requests.get(local_http_server + "/x", timeout=5).text == "real server saw /x"


def test_a_tests_own_responses_mock_answers_first():
    with mock_kayvee():
        with responses.RequestsMock() as own:
            own.get(f"{BASE}/secretsmanager/get", json={"SecretString": "from responses"})
            assert get_secret("x").json() == {"SecretString": "from responses"}
        assert get_secret("x").status_code == 400  # kv_mock answers again


def test_a_mock_started_inside_a_responses_mock_still_answers_after_it():
    with responses.RequestsMock(assert_all_requests_are_fired=False):
        with mock_kayvee():
            pass
    with mock_kayvee():  # the responses patch was undone; start() puts the wrapper back
        boto3.client("secretsmanager", region_name="us-east-1").create_secret(
            Name="s", SecretString="v")
        assert get_secret("s").json()["SecretString"] == "v"


def test_the_port_follows_the_lambda_environment_variable(monkeypatch):
    monkeypatch.setenv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2999")
    assert extension_requests.extension_port() == 2999
    monkeypatch.setenv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "not-a-port")
    assert extension_requests.extension_port() == 2773


def test_a_function_configured_for_another_port_is_answered_there(kv, monkeypatch):
    monkeypatch.setenv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2999")
    response = requests.get("http://localhost:2999/secretsmanager/get?secretId=a",
                            headers=TOKEN, timeout=5)
    assert response.status_code == 400  # answered: the secret does not exist


def test_concurrent_reads_while_a_writer_rotates_values(secrets):
    secrets.create_secret(Name="busy", SecretString="v0")
    written = {"v0"}
    failures: list = []

    def write() -> None:
        for n in range(1, 30):
            secrets.put_secret_value(SecretId="busy", SecretString=f"v{n}")
            written.add(f"v{n}")

    def read() -> None:
        session = requests.Session()
        for _ in range(25):
            response = session.get(f"{BASE}/secretsmanager/get?secretId=busy", headers=TOKEN,
                                   timeout=10)
            if response.status_code != 200:
                failures.append(response.text)
            else:
                seen.append(response.json()["SecretString"])

    seen: list = []
    threads = [threading.Thread(target=read) for _ in range(8)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == [] and len(seen) == 8 * 25
    assert set(seen) <= written
    assert get_secret("busy", refreshNow="true").json()["SecretString"] == "v29"
