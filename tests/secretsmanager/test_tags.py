"""TagResource / UntagResource: overwrite by key, 50 per secret, the reserved aws: prefix."""

import boto3
import pytest
from botocore.config import Config


@pytest.fixture
def secret(sm):
    sm.create_secret(Name="s", Tags=[{"Key": "team", "Value": "a"}])
    return "s"


def _tags(sm):
    return {t["Key"]: t["Value"] for t in sm.describe_secret(SecretId="s")["Tags"]}


def test_tagging_adds_and_overwrites_by_key(sm, secret):
    response = sm.tag_resource(SecretId="s", Tags=[{"Key": "team", "Value": "b"},
                                                   {"Key": "Team", "Value": "c"}])
    assert set(response) == {"ResponseMetadata"}
    assert _tags(sm) == {"team": "b", "Team": "c"}


def test_untagging_removes_keys_and_ignores_unknown_ones(sm, secret):
    sm.untag_resource(SecretId="s", TagKeys=["team", "other"])
    assert _tags(sm) == {}


@pytest.mark.parametrize("key", ["aws:cloudformation:stack-name", "AWS:x"])
def test_system_tags_cannot_be_set(sm, secret, aws_error, key):
    aws_error(
        lambda: sm.tag_resource(SecretId="s", Tags=[{"Key": key, "Value": "v"}]),
        "InvalidParameterException",
        f"You can't modify system tags. Tag key: '{key}'.",
    )


def test_system_tags_cannot_be_removed(sm, secret, aws_error):
    aws_error(
        lambda: sm.untag_resource(SecretId="s", TagKeys=["aws:owner"]),
        "InvalidParameterException",
        "You can't modify system tags. Tag key: 'aws:owner'.",
    )


@pytest.mark.parametrize("operation, arguments", [
    ("tag_resource", {"Tags": [{"Key": "aws:owner", "Value": "v"}]}),
    ("untag_resource", {"TagKeys": ["aws:owner"]}),
])
def test_system_tags_are_refused_before_the_secret_is_looked_up(
    sm, aws_error, operation, arguments
):
    aws_error(
        lambda: getattr(sm, operation)(SecretId="absent", **arguments),
        "InvalidParameterException",
        "You can't modify system tags. Tag key: 'aws:owner'.",
    )


def test_fifty_tags_fit_and_a_51st_is_refused(sm, secret, aws_error):
    sm.tag_resource(SecretId="s", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(49)])
    sm.tag_resource(SecretId="s", Tags=[{"Key": "team", "Value": "overwrite keeps 50"}])
    aws_error(
        lambda: sm.tag_resource(SecretId="s", Tags=[{"Key": "one-more", "Value": "v"}]),
        "LimitExceededException",
        "You can't add more than 50 tags to a secret.",
    )
    assert len(_tags(sm)) == 50


def test_tag_key_over_128_characters_is_a_validation_error(raw_sm, sm, secret, aws_error):
    key = "k" * 129
    aws_error(
        lambda: raw_sm.tag_resource(SecretId="s", Tags=[{"Key": key, "Value": "v"}]),
        "ValidationException",
        f"1 validation error detected: Value '{key}' at 'tags.1.member.key' failed to satisfy "
        "constraint: Member must have length less than or equal to 128",
    )


def test_tagging_a_missing_secret_is_not_found(sm, aws_error):
    aws_error(lambda: sm.tag_resource(SecretId="nope", Tags=[{"Key": "a", "Value": "b"}]),
              "ResourceNotFoundException")


def test_a_tag_sent_without_a_value_is_kept_with_an_empty_one(secret):
    raw = boto3.client(
        "secretsmanager", region_name="us-east-1", config=Config(parameter_validation=False)
    )
    raw.tag_resource(SecretId=secret, Tags=[{"Key": "owner"}])
    assert _tags(raw)["owner"] == ""
