"""The admin API under ``/_kv_mock/`` (and ``GET /health``), through a real HTTP client."""

from __future__ import annotations

import json
import urllib.request

import boto3
import pytest

import kv_mock
from kv_mock.inspection import MASK
from tests.server.conftest import admin_call


def _clients(endpoint):
    options = dict(region_name="us-east-1", endpoint_url=endpoint,
                   aws_access_key_id="k", aws_secret_access_key="s")
    return boto3.client("ssm", **options), boto3.client("secretsmanager", **options)


@pytest.mark.parametrize("path", ["/health", "/_kv_mock/health"])
def test_health_answers_for_readiness_probes(endpoint, path):
    status, body = admin_call(endpoint, "GET", path)
    assert status == 200
    assert body["status"] == "ok"
    assert (body["region"], body["account_id"]) == ("us-east-1", "123456789012")


def test_reset_forgets_everything(endpoint):
    ssm, secrets = _clients(endpoint)
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    secrets.create_secret(Name="s", SecretString="v")
    admin_call(endpoint, "POST", "/_kv_mock/clock/advance", {"days": 3})
    status, body = admin_call(endpoint, "POST", "/_kv_mock/reset")
    assert status == 200 and body["frozen"] is False
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/p")
    assert secrets.list_secrets()["SecretList"] == []
    assert admin_call(endpoint, "GET", "/_kv_mock/calls")[1]["calls"][0]["operation"] == (
        "GetParameter")


def test_reset_empties_the_lambda_extensions_cache(endpoint):
    """A reset is a fresh start: a value cached before it is not answered after it."""
    _, secrets = _clients(endpoint)

    def through_the_extension() -> str:
        request = urllib.request.Request(f"{endpoint}/secretsmanager/get?secretId=db",
                                         headers={"X-Aws-Parameters-Secrets-Token": "t"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["SecretString"]

    secrets.create_secret(Name="db", SecretString="old")
    assert through_the_extension() == "old"
    admin_call(endpoint, "POST", "/_kv_mock/reset")
    secrets.create_secret(Name="db", SecretString="new")
    assert through_the_extension() == "new"


def test_reset_loads_the_preload_again(tmp_path):
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text('{"parameters": [{"name": "/app/host", "value": "db"}]}')
    with kv_mock.server(preload=str(fixtures)) as endpoint:
        ssm, _ = _clients(endpoint)
        ssm.put_parameter(Name="/app/host", Value="changed", Type="String", Overwrite=True)
        assert admin_call(endpoint, "POST", "/_kv_mock/reset")[0] == 200
        assert ssm.get_parameter(Name="/app/host")["Parameter"]["Value"] == "db"


def test_snapshot_and_restore_round_trip(endpoint):
    ssm, _ = _clients(endpoint)
    ssm.put_parameter(Name="/p", Value="one", Type="String")
    status, document = admin_call(endpoint, "GET", "/_kv_mock/snapshot")
    assert status == 200 and document["format"] == "kv_mock.snapshot"
    ssm.put_parameter(Name="/p", Value="two", Type="String", Overwrite=True)
    status, body = admin_call(endpoint, "POST", "/_kv_mock/restore", document)
    assert status == 200 and body["restored"] is True
    assert ssm.get_parameter(Name="/p")["Parameter"]["Value"] == "one"


def test_the_clock_freezes_advances_and_goes_back_to_real_time(endpoint):
    status, body = admin_call(endpoint, "POST", "/_kv_mock/clock/freeze",
                              {"at": "2030-06-01T00:00:00Z"})
    assert (status, body) == (200, {"now": "2030-06-01T00:00:00+00:00", "frozen": True})
    status, body = admin_call(endpoint, "POST", "/_kv_mock/clock/advance",
                              {"days": 1, "hours": 2, "seconds": 3.5})
    assert body["now"] == "2030-06-02T02:00:03.500000+00:00"
    assert admin_call(endpoint, "GET", "/_kv_mock/clock")[1]["now"] == body["now"]
    ssm, _ = _clients(endpoint)
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    assert ssm.get_parameter(Name="/p")["Parameter"]["LastModifiedDate"].year == 2030
    status, body = admin_call(endpoint, "POST", "/_kv_mock/clock/real")
    assert status == 200 and body["frozen"] is False and body["now"].startswith("20")


def test_the_call_log_masks_secret_values_and_filters(endpoint):
    ssm, secrets = _clients(endpoint)
    secrets.create_secret(Name="s", SecretString="hunter2")
    ssm.put_parameter(Name="/p", Value="v", Type="String")
    status, body = admin_call(endpoint, "GET", "/_kv_mock/calls")
    assert status == 200
    create = body["calls"][0]
    assert (create["operation"], create["service"], create["outcome"]) == (
        "CreateSecret", "secretsmanager", "ok")
    assert create["parameters"]["SecretString"] == MASK
    assert "hunter2" not in str(body)
    only_ssm = admin_call(endpoint, "GET", "/_kv_mock/calls?service=ssm")[1]["calls"]
    assert [call["operation"] for call in only_ssm] == ["PutParameter"]
    with pytest.raises(ssm.exceptions.ParameterNotFound):
        ssm.get_parameter(Name="/none")
    failed = admin_call(endpoint, "GET", "/_kv_mock/calls?outcome=ParameterNotFound")[1]
    assert [call["parameters"]["Name"] for call in failed["calls"]] == ["/none"]
    assert admin_call(endpoint, "DELETE", "/_kv_mock/calls") == (200, {"calls": []})
    assert admin_call(endpoint, "GET", "/_kv_mock/calls")[1] == {"calls": []}


@pytest.mark.parametrize("method, path, document, problem", [
    ("POST", "/_kv_mock/clock/freeze", {"at": "yesterday"}, "not an ISO-8601 instant"),
    ("POST", "/_kv_mock/clock/freeze", {"at": 5}, "must be an ISO-8601 instant string"),
    ("POST", "/_kv_mock/clock/freeze", {"when": "2030-01-01"}, "unknown member"),
    ("POST", "/_kv_mock/clock/advance", {}, "give at least one of"),
    ("POST", "/_kv_mock/clock/advance", {"days": -1}, "cannot advance the clock"),
    ("POST", "/_kv_mock/clock/advance", {"days": "2"}, "must be a number"),
    ("POST", "/_kv_mock/clock/advance", {"days": 10 ** 9}, "cannot advance the clock"),
    ("POST", "/_kv_mock/clock/advance", [1], "must be a JSON object"),
    ("POST", "/_kv_mock/restore", {"format": "other"}, "not a kv_mock snapshot"),
    ("GET", "/_kv_mock/calls?color=red", None, "unknown member"),
])
def test_bad_admin_requests_say_what_is_wrong(endpoint, method, path, document, problem):
    status, body = admin_call(endpoint, method, path, document)
    assert status == 400
    assert problem in body["error"]


def test_a_body_that_is_not_json_is_refused(endpoint):
    from tests.server.test_wire import _post

    status, _, body = _post(endpoint, b"{oops", {"Content-Type": "application/json"},
                            path="/_kv_mock/restore")
    assert status == 400 and b"not valid JSON" in body


def test_unknown_admin_paths_and_methods(endpoint):
    assert admin_call(endpoint, "GET", "/_kv_mock/nothing")[0] == 404
    status, body = admin_call(endpoint, "GET", "/_kv_mock/reset")
    assert status == 405 and "POST" in body["error"]


def test_the_dashboard_page_is_served_masked_unless_revealed(endpoint):
    import urllib.request

    _, secrets = _clients(endpoint)
    secrets.create_secret(Name="app/db", SecretString="hunter2")
    with urllib.request.urlopen(f"{endpoint}/_kv_mock/", timeout=20) as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        page = response.read().decode()
    assert "app/db" in page and "hunter2" not in page
    with urllib.request.urlopen(f"{endpoint}/_kv_mock/?reveal=1", timeout=20) as response:
        assert "hunter2" in response.read().decode()
