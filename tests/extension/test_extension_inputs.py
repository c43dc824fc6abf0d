"""Whatever a caller sends to the extension API gets an answer, never a traceback."""

from __future__ import annotations

from urllib.parse import quote

import boto3
from hypothesis import HealthCheck, given, settings, strategies as st

from kv_mock import mock_kayvee
from kv_mock.transports.extension import PARAMETER_PATH, SECRET_PATH, answer

KEYS = st.sampled_from(["name", "withDecryption", "version", "label", "secretId", "versionId",
                        "versionStage", "refreshNow", "other", ""])
VALUES = st.text(max_size=40) | st.sampled_from(["true", "0", "1", "/p", "s", "AWSCURRENT"])
QUERIES = st.lists(st.tuples(KEYS, VALUES), max_size=5).map(
    lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs))
RAW_QUERIES = st.text(max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from([PARAMETER_PATH, SECRET_PATH]), query=QUERIES | RAW_QUERIES,
       method=st.sampled_from(["GET", "get", "POST", "DELETE"]),
       token=st.sampled_from([None, "", "t"]))
def test_any_query_gets_an_http_answer(path, query, method, token):
    with mock_kayvee() as kv:
        boto3.client("ssm", region_name="us-east-1").put_parameter(
            Name="/p", Value="v", Type="String")
        boto3.client("secretsmanager", region_name="us-east-1").create_secret(
            Name="s", SecretString="v")
        headers = {} if token is None else {"X-Aws-Parameters-Secrets-Token": token}
        status, response_headers, body = answer(kv.state, method, path, query, headers)
        assert status in (200, 400, 403, 405)
        assert isinstance(body, bytes) and response_headers["content-type"]
        if status == 200:
            assert method.upper() == "GET" and token


def test_other_paths_are_not_the_extensions():
    with mock_kayvee() as kv:
        assert answer(kv.state, "GET", "/secretsmanager/other", "", {}) is None
        assert answer(kv.state, "GET", "/", "", {}) is None
