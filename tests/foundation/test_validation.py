"""AWS's server-side validation, from the model, also with botocore's own checks off."""

import boto3
import pytest
from botocore.config import Config
from hypothesis import given, settings, strategies as st

from kv_mock import mock_kayvee
from tests.aws_errors import error_of_call

UNVALIDATED = Config(parameter_validation=False)


@pytest.fixture
def raw_ssm(kayvee):
    """An SSM client that sends whatever it is given, as a non-Python SDK might."""
    return boto3.client("ssm", region_name="us-east-1", config=UNVALIDATED)


@pytest.fixture
def raw_secrets(kayvee):
    return boto3.client("secretsmanager", region_name="us-east-1", config=UNVALIDATED)


def validation_message(call, **params):
    code, message, status = error_of_call(call, **params)
    assert (code, status) == ("ValidationException", 400)
    return message


def test_maximum_length(raw_ssm):
    name = "/" + "a" * 2048
    assert validation_message(raw_ssm.get_parameter, Name=name) == (
        f"1 validation error detected: Value '{name}' at 'name' failed to satisfy "
        "constraint: Member must have length less than or equal to 2048"
    )


def test_minimum_length_of_a_list_is_checked_when_botocore_does_not(raw_ssm):
    assert validation_message(raw_ssm.get_parameters, Names=[]) == (
        "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_list_longer_than_allowed_is_rendered_like_aws(ssm_client):
    names = [f"/n{i}" for i in range(11)]
    assert validation_message(ssm_client.get_parameters, Names=names) == (
        "1 validation error detected: Value '[" + ", ".join(names) + "]' at 'names' failed "
        "to satisfy constraint: Member must have length less than or equal to 10"
    )


def test_enum(raw_ssm):
    assert validation_message(raw_ssm.put_parameter, Name="/e", Value="v", Type="Text") == (
        "1 validation error detected: Value 'Text' at 'type' failed to satisfy constraint: "
        "Member must satisfy enum value set: [SecureString, StringList, String]"
    )  # AWS's order for this enum, from MODEL_GAPS; other enums keep the model's order


def test_pattern(ssm_client):
    message = validation_message(
        ssm_client.put_parameter, Name="/k", Value="v", Type="SecureString", KeyId="bad key!"
    )
    assert message == (
        "1 validation error detected: Value 'bad key!' at 'keyId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$"
    )


def test_sensitive_values_are_not_echoed(raw_ssm):
    assert validation_message(raw_ssm.put_parameter, Name="/s", Value="", Type="String") == (
        "1 validation error detected: Value at 'value' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_missing_required_member(raw_ssm):
    assert validation_message(raw_ssm.get_parameter) == (
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_several_failures_are_counted_and_joined(raw_ssm):
    message = validation_message(
        raw_ssm.put_parameter, Name="/" + "n" * 2048, Value="v", Type="Text"
    )
    assert message.startswith("2 validation errors detected: Value '/nnn")
    assert "; Value 'Text' at 'type' failed to satisfy constraint" in message


def test_value_range(raw_secrets):
    assert validation_message(raw_secrets.get_random_password, PasswordLength=4097) == (
        "1 validation error detected: Value '4097' at 'passwordLength' failed to satisfy "
        "constraint: Member must have value less than or equal to 4096"
    )


def test_wrong_json_type_is_a_serialization_exception(raw_ssm):
    with pytest.raises(Exception) as error:
        raw_ssm.get_parameter(Name=12)
    assert error.value.response["Error"]["Code"] == "SerializationException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_name_gets_an_answer_never_a_traceback(name):
    with mock_kayvee():
        ssm = boto3.client("ssm", region_name="us-east-1", config=UNVALIDATED)
        try:
            ssm.get_parameter(Name=name)
        except ssm.exceptions.ClientError as error:
            assert error.response["Error"]["Code"] in {
                "ParameterNotFound", "ValidationException", "ParameterVersionNotFound",
                "HierarchyLevelLimitExceededException",
            }


def test_a_requirement_the_model_omits_is_enforced_like_a_modeled_one(raw_secrets):
    raw_secrets.create_secret(Name="db", SecretString="v")
    assert validation_message(raw_secrets.tag_resource, SecretId="db", Tags=[{"Value": "v"}]) == (
        "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy "
        "constraint: Member must not be null"
    )


# -- Lists of constrained strings: one failure, at the list, in AWS's nested form ---------
# Recorded AWS answers (ACM's subjectAlternativeNames, Lambda's cors.allowMethods, SSM's
# parameterFilters.N.member.values): "Value '[a, b]' at '<list>' failed to satisfy
# constraint: Member must satisfy constraint: [<max length>, <min length>, <pattern>]".


def test_bad_members_of_a_string_list_are_one_failure_at_the_list(raw_ssm):
    values = ["a" * 1025, "ok", "b" * 1026]
    message = validation_message(
        raw_ssm.describe_parameters,
        ParameterFilters=[{"Key": "Name", "Values": values}],
    )
    assert message == (
        f"1 validation error detected: Value '[{', '.join(values)}]' at "
        "'parameterFilters.1.member.values' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must have length less than or equal to 1024, Member "
        "must have length greater than or equal to 1]"
    )


def test_secrets_manager_lists_follow_the_nested_form_with_the_pattern_last(raw_secrets):
    message = validation_message(
        raw_secrets.remove_regions_from_replication, SecretId="s", RemoveReplicaRegions=["moon"]
    )
    assert message == (
        "1 validation error detected: Value '[moon]' at 'removeReplicaRegions' failed to "
        "satisfy constraint: Member must satisfy constraint: [Member must have length less "
        "than or equal to 128, Member must have length greater than or equal to 1, Member "
        "must satisfy regular expression pattern: ^([a-z]+-)+\\d+$]"
    )


def test_a_string_list_whose_members_pass_is_not_reported(raw_secrets):
    with pytest.raises(raw_secrets.exceptions.ResourceNotFoundException):
        raw_secrets.untag_resource(SecretId="missing", TagKeys=["a", "b"])


def test_a_list_too_long_with_bad_members_reports_both(raw_secrets):
    stages = ["x" * 257] + [f"s{i}" for i in range(20)]
    message = validation_message(
        raw_secrets.put_secret_value, SecretId="s", SecretString="v",
        ClientRequestToken="t" * 32, VersionStages=stages,
    )
    assert message == (
        f"2 validation errors detected: Value '[{', '.join(stages)}]' at 'versionStages' "
        "failed to satisfy constraint: Member must have length less than or equal to 20; "
        f"Value '[{', '.join(stages)}]' at 'versionStages' failed to satisfy constraint: "
        "Member must satisfy constraint: [Member must have length less than or equal to 256, "
        "Member must have length greater than or equal to 1]"
    )


def test_a_member_of_the_wrong_type_in_a_string_list_is_a_serialization_exception(raw_ssm):
    code, _, status = error_of_call(raw_ssm.get_parameters, Names=["/a", 3])
    assert (code, status) == ("SerializationException", 400)


LABEL_NESTED = (
    "Member must satisfy constraint: [Member must have length less than or equal to 100, "
    "Member must have length greater than or equal to 1]"
)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(st.text(alphabet="ab", max_size=110), min_size=1, max_size=10))
def test_any_label_list_is_one_nested_failure_or_none(labels):
    with mock_kayvee():
        raw = boto3.client("ssm", region_name="us-east-1", config=UNVALIDATED)
        code, message, _ = error_of_call(raw.label_parameter_version, Name="/p", Labels=labels)
    if any(not 1 <= len(label) <= 100 for label in labels):
        assert (code, message) == (
            "ValidationException",
            f"1 validation error detected: Value '[{', '.join(labels)}]' at 'labels' failed "
            f"to satisfy constraint: {LABEL_NESTED}",
        )
    else:
        assert code == "ParameterNotFound"
