"""A lone surrogate in a request (a JSON "\\ud800" from any SDK) is stored as "?", the same
in memory, in the persist file, in snapshots and in exports; nothing breaks afterwards."""

import json

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.protocol import request_decoder
from kv_mock.service_models import operation_model

LONE = "a\ud800b\udfffc"
STORED = "a?b?c"


def test_parameter_and_secret_values_are_stored_with_question_marks(tmp_path):
    db = tmp_path / "state.db"
    with mock_kayvee(persist=db) as kv:
        ssm, sm = boto3.client("ssm"), boto3.client("secretsmanager")
        ssm.put_parameter(Name="/p", Value=LONE, Type="String", Description=LONE)
        sm.create_secret(Name="s", SecretString=LONE, Tags=[{"Key": "k", "Value": LONE}])
        assert ssm.get_parameter(Name="/p")["Parameter"]["Value"] == STORED
        assert sm.get_secret_value(SecretId="s")["SecretString"] == STORED
        assert sm.describe_secret(SecretId="s")["Tags"] == [{"Key": "k", "Value": STORED}]
        json.dumps(kv.snapshot()).encode("utf-8")  # nothing left that UTF-8 cannot hold
        env = tmp_path / "app.env"
        kv.export_env(env, parameters_path="/")
        assert "a?b?c" in env.read_text(encoding="utf-8")
        ssm.put_parameter(Name="/q", Value="after", Type="String")  # later calls still work
    with mock_kayvee(persist=db):  # and the file reloads
        assert boto3.client("ssm").get_parameter(Name="/p")["Parameter"]["Value"] == STORED
        assert boto3.client("ssm").get_parameter(Name="/q")["Parameter"]["Value"] == "after"


def test_a_surrogate_pair_is_a_character_not_two_question_marks(ssm_client):
    ssm_client.put_parameter(Name="/emoji", Value="\U0001F600", Type="String")
    assert ssm_client.get_parameter(Name="/emoji")["Parameter"]["Value"] == "\U0001F600"


def test_the_length_limit_counts_a_lone_surrogate_as_one_unit(ssm_client):
    value = "\ud800" * 4096  # the Standard tier's 4 KB, in UTF-16 units
    ssm_client.put_parameter(Name="/long", Value=value, Type="String")
    assert ssm_client.get_parameter(Name="/long")["Parameter"]["Value"] == "?" * 4096


@pytest.mark.parametrize("body", [
    b'{"Name": "/p", "Value": "a\\ud800b"}', b'{"Name": "/p", "Value": "a\\uDC00b"}',
    '{"Name": "/p", "Value": "a\ud800b"}',
])
def test_every_spelling_of_a_lone_surrogate_is_replaced(body):
    request = request_decoder(operation_model("ssm", "PutParameter"))(body)
    assert request["Value"] == "a?b"


def test_a_restored_document_is_stored_as_a_request_would_be(tmp_path):
    with mock_kayvee(persist=tmp_path / "state.db") as kv:
        boto3.client("ssm").put_parameter(Name="/p", Value="v", Type="String")
        document = kv.snapshot()
        place = next(b for b in document["backends"] if b["parameters"])
        place["parameters"][0]["versions"]["1"]["value"] = LONE
        kv.restore(document)  # saved to the persist file: must be encodable
        assert boto3.client("ssm").get_parameter(Name="/p")["Parameter"]["Value"] == STORED
