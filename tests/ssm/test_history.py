"""GetParameterHistory: entries, SecureString handling, paging and the boto3 paginator."""

import pytest

from kv_mock.services.ssm.history import INVALID_TOKEN_MESSAGE


def test_history_entry_shape(put, ssm_client):
    put("/a", "v", Description="d", AllowedPattern=".*")
    entry = ssm_client.get_parameter_history(Name="/a")["Parameters"][0]
    entry.pop("LastModifiedDate")
    assert entry == {
        "Name": "/a", "Type": "String", "LastModifiedUser": "arn:aws:iam::123456789012:root",
        "Description": "d", "Value": "v", "AllowedPattern": ".*", "Version": 1,
        "Labels": [], "Tier": "Standard", "Policies": [], "DataType": "text",
    }


def test_versions_oldest_first_each_with_its_own_value(put, ssm_client):
    for value in ("1", "2", "3"):
        put("/a", value, Overwrite=True)
    entries = ssm_client.get_parameter_history(Name="/a")["Parameters"]
    assert [(e["Version"], e["Value"]) for e in entries] == [(1, "1"), (2, "2"), (3, "3")]


def test_securestring_history_is_ciphertext_unless_decrypted(put, ssm_client):
    put("/s", "hunter2", Type="SecureString")
    hidden = ssm_client.get_parameter_history(Name="/s")["Parameters"][0]
    shown = ssm_client.get_parameter_history(Name="/s", WithDecryption=True)["Parameters"][0]
    assert "hunter2" not in hidden["Value"] and shown["Value"] == "hunter2"


def test_history_by_arn(put, ssm_client):
    put("/a/b")
    arn = "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"
    assert ssm_client.get_parameter_history(Name=arn)["Parameters"][0]["Name"] == "/a/b"


def test_missing_parameter(ssm_client, aws_error):
    assert aws_error(ssm_client.get_parameter_history, Name="/nope") == (
        "ParameterNotFound", "", 400
    )


def test_pages_of_max_results_with_next_token(put, ssm_client):
    for value in range(5):
        put("/a", str(value), Overwrite=True)
    first = ssm_client.get_parameter_history(Name="/a", MaxResults=2)
    second = ssm_client.get_parameter_history(
        Name="/a", MaxResults=2, NextToken=first["NextToken"]
    )
    assert [e["Version"] for e in first["Parameters"] + second["Parameters"]] == [1, 2, 3, 4]


def test_last_page_has_no_next_token(put, ssm_client):
    put("/a")
    assert "NextToken" not in ssm_client.get_parameter_history(Name="/a", MaxResults=1)


def test_paginator_returns_every_version_exactly_once(put, ssm_client):
    for value in range(23):
        put("/a", str(value), Overwrite=True)
    paginator = ssm_client.get_paginator("get_parameter_history")
    pages = list(paginator.paginate(Name="/a", PaginationConfig={"PageSize": 5}))
    versions = [e["Version"] for page in pages for e in page["Parameters"]]
    assert (versions, len(pages)) == (list(range(1, 24)), 5)


@pytest.mark.parametrize("token", ["garbage", "eyJuYW1lIjoiL290aGVyIiwiYWZ0ZXIiOjF9", "!!"])
def test_foreign_or_garbage_token_is_invalid(put, ssm_client, aws_error, token):
    put("/a")
    assert aws_error(ssm_client.get_parameter_history, Name="/a", NextToken=token) == (
        "InvalidNextToken", INVALID_TOKEN_MESSAGE, 400
    )


def test_max_results_over_50(put, ssm_client, aws_error):
    put("/a")
    assert aws_error(ssm_client.get_parameter_history, Name="/a", MaxResults=51) == (
        "ValidationException",
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 50",
        400,
    )


@pytest.mark.parametrize(
    "name",
    ["/aws/service/global-infrastructure/regions/us-east-1", "/aws/reference/secretsmanager/s"],
)
def test_aws_owned_names_have_no_history(ssm_client, aws_error, name):
    assert aws_error(ssm_client.get_parameter_history, Name=name) == (
        "ParameterNotFound", "", 400
    )


def test_selector_is_not_a_history_name(put, ssm_client, aws_error):
    put("/a")
    assert aws_error(ssm_client.get_parameter_history, Name="/a:1") == (
        "ParameterNotFound", "", 400
    )
