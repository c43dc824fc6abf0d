"""A response that does not fit botocore's output shape is a kv_mock bug, raised loudly."""

import datetime

import pytest

from kv_mock import ResponseShapeError

NAIVE = datetime.datetime(2024, 1, 1)
AWARE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
GOOD = {"Name": "/x", "Type": "String", "Value": "v", "Version": 1, "LastModifiedDate": AWARE}


@pytest.mark.parametrize(
    "response, problem",
    [
        ({"Bogus": 1}, "Bogus: not a member of GetParameterResult"),
        ({"Parameter": {**GOOD, "Version": "1"}}, "Parameter.Version: expected int, got str"),
        ({"Parameter": {**GOOD, "LastModifiedDate": NAIVE}}, "must be timezone-aware"),
        ({"Parameter": {**GOOD, "Type": "Text"}}, "'Text' is not one of"),
        ({"Parameter": {**GOOD, "Extra": True}}, "Parameter.Extra: not a member"),
    ],
)
def test_malformed_response_is_caught(ssm_client, replace_handler, response, problem):
    replace_handler("ssm", "GetParameter", lambda c, r: response)
    with pytest.raises(ResponseShapeError, match=problem.replace("(", r"\(")):
        ssm_client.get_parameter(Name="/x")


def test_unknown_member_deep_inside_a_list_is_caught(secretsmanager_client, replace_handler):
    replace_handler(
        "secretsmanager", "ListSecrets",
        lambda c, r: {"SecretList": [{"Tags": [{"Value": "v", "Nope": 1}]}]},
    )
    with pytest.raises(ResponseShapeError, match="Nope: not a member of Tag"):
        secretsmanager_client.list_secrets()


def test_a_well_formed_response_passes(ssm_client, replace_handler):
    replace_handler("ssm", "GetParameter", lambda c, r: {"Parameter": GOOD})
    assert ssm_client.get_parameter(Name="/x")["Parameter"]["Value"] == "v"
