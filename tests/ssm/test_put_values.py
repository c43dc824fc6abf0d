"""PutParameter: overwrite, types, KMS keys, values, patterns, data types, tags, versions."""

import pytest

from kv_mock.services.ssm.put import (
    ALREADY_EXISTS_MESSAGE,
    NESTED_REFERENCE_MESSAGE,
    TAGS_WITH_OVERWRITE_MESSAGE,
    TYPE_MISMATCH_MESSAGE,
)
from kv_mock.services.ssm.tags import TOO_MANY_TAGS_MESSAGE


def test_put_returns_version_and_tier(put):
    response = put("/a")
    assert (response["Version"], response["Tier"]) == (1, "Standard")


def test_existing_parameter_needs_overwrite(put, aws_error):
    put("/a")
    assert aws_error(put, name="/a") == ("ParameterAlreadyExists", ALREADY_EXISTS_MESSAGE, 400)


def test_overwrite_adds_a_version(put, ssm_client):
    put("/a", "1")
    assert put("/a", "2", Overwrite=True)["Version"] == 2
    assert ssm_client.get_parameter(Name="/a")["Parameter"]["Value"] == "2"


def test_tags_with_overwrite_are_refused(put, aws_error):
    assert aws_error(put, name="/a", Overwrite=True, Tags=[{"Key": "k", "Value": "v"}]) == (
        "ValidationException", TAGS_WITH_OVERWRITE_MESSAGE, 400
    )


def test_type_is_required_on_create(ssm_client, aws_error):
    assert aws_error(ssm_client.put_parameter, Name="/a", Value="v") == (
        "ValidationException", "A parameter type is required when you create a parameter.", 400
    )


def test_unknown_type_lists_the_types_in_aws_order(ssm_client, aws_error):
    # AWS's order, not the model's (aws-cli #3116 quotes the real message).
    assert aws_error(ssm_client.put_parameter, Name="/a", Value="v", Type="Text") == (
        "ValidationException",
        "1 validation error detected: Value 'Text' at 'type' failed to satisfy constraint: "
        "Member must satisfy enum value set: [SecureString, StringList, String]",
        400,
    )


def test_type_may_be_omitted_on_overwrite(put, ssm_client):
    put("/a", Type="StringList")
    ssm_client.put_parameter(Name="/a", Value="x,y", Overwrite=True)
    assert ssm_client.get_parameter(Name="/a")["Parameter"]["Type"] == "StringList"


def test_string_to_securestring_is_a_hierarchy_type_mismatch(put, aws_error):
    put("/a")
    assert aws_error(put, name="/a", Type="SecureString", Overwrite=True) == (
        "HierarchyTypeMismatchException", TYPE_MISMATCH_MESSAGE, 400
    )


def test_empty_value_is_a_validation_error_without_the_value(put, aws_error):
    assert aws_error(put, name="/a", value="") == (
        "ValidationException",
        "1 validation error detected: Value at 'value' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
        400,
    )


@pytest.mark.parametrize("value", ["{{ssm:/other}}", "a {{x}} b"])
def test_values_with_references_are_refused(put, aws_error, value):
    assert aws_error(put, name="/a", value=value) == (
        "ValidationException", NESTED_REFERENCE_MESSAGE, 400
    )


class TestKeys:
    def test_securestring_uses_the_ssm_managed_key_by_default(self, put, ssm_client):
        put("/s", Type="SecureString")
        history = ssm_client.get_parameter_history(Name="/s")["Parameters"]
        assert history[0]["KeyId"] == "alias/aws/ssm"

    def test_unknown_key_is_invalid_key_id(self, put, aws_error):
        code, message, status = aws_error(
            put, name="/s", Type="SecureString", KeyId="alias/missing"
        )
        assert (code, status) == ("InvalidKeyId", 400)
        assert message.startswith(
            "Alias 'arn:aws:kms:us-east-1:123456789012:alias/missing' does not exist "
            "(Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request ID: "
        )
        assert message.endswith("; Proxy: null)")

    def test_registered_key_is_accepted_by_alias_id_and_arn(self, kayvee, put):
        key_id = kayvee.create_kms_key("alias/app")
        arn = f"arn:aws:kms:us-east-1:123456789012:key/{key_id}"
        for name, key in [("/a", "alias/app"), ("/b", key_id), ("/c", arn)]:
            assert put(name, Type="SecureString", KeyId=key)["Version"] == 1

    def test_key_id_is_ignored_for_plain_strings(self, put, ssm_client):
        put("/a", KeyId="alias/missing")
        assert "KeyId" not in ssm_client.get_parameter_history(Name="/a")["Parameters"][0]


class TestAllowedPattern:
    def test_value_must_match_the_pattern(self, put, aws_error):
        assert aws_error(put, name="/a", value="10000", AllowedPattern=r"\d{1,4}") == (
            "ParameterPatternMismatchException",
            r"Parameter value, cannot be validated against allowedPattern: \d{1,4}",
            400,
        )

    def test_pattern_of_the_last_version_applies_to_overwrites(self, put, aws_error):
        put("/a", "12", AllowedPattern=r"\d+")
        code, _, _ = aws_error(put, name="/a", value="abc", Overwrite=True)
        assert code == "ParameterPatternMismatchException"

    @pytest.mark.parametrize("pattern", ["(unclosed", "a{99999999999}"])
    def test_invalid_regex_is_refused(self, put, aws_error, pattern):
        assert aws_error(put, name="/a", AllowedPattern=pattern) == (
            "InvalidAllowedPatternException",
            "The request doesn't meet the regular expression requirement.",
            400,
        )


def test_value_with_a_lone_surrogate_is_stored_as_a_question_mark(put, ssm_client):
    # JSON's "\ud800" escape: one UTF-16 unit, stored as Java's UTF-8 encoder stores it,
    # "?" (kv_mock.surrogates; inferred).
    put("/a", "a\ud800b")
    assert ssm_client.get_parameter(Name="/a")["Parameter"]["Value"] == "a?b"


class TestDataType:
    def test_data_type_defaults_to_text(self, put, ssm_client):
        put("/a")
        assert ssm_client.get_parameter(Name="/a")["Parameter"]["DataType"] == "text"

    @pytest.mark.parametrize("data_type", ["aws:ssm:integration", "text"])
    def test_other_data_types_are_kept(self, put, ssm_client, data_type):
        put("/a", DataType=data_type)
        assert ssm_client.get_parameter(Name="/a")["Parameter"]["DataType"] == data_type

    def test_unknown_data_type_is_refused(self, put, aws_error):
        assert aws_error(put, name="/a", DataType="Text") == (
            "ValidationException",
            "The following data type is not supported: Text (Data type names are all "
            "lowercase.)",
            400,
        )

    @pytest.mark.parametrize("ami", ["ami-12345678", "ami-0123456789abcdef0"])
    def test_well_formed_ami_id_is_stored(self, put, ssm_client, ami):
        put("/ami", ami, DataType="aws:ec2:image")
        assert ssm_client.get_parameter(Name="/ami")["Parameter"]["Value"] == ami

    def test_malformed_ami_id_succeeds_but_is_not_stored(self, put, ssm_client, aws_error):
        assert put("/ami", "not-an-ami", DataType="aws:ec2:image")["Version"] == 1
        assert aws_error(ssm_client.get_parameter, Name="/ami") == ("ParameterNotFound", "", 400)


class TestTagsAtCreation:
    def test_tags_are_stored(self, put, ssm_client):
        put("/a", Tags=[{"Key": "team", "Value": "core"}])
        tags = ssm_client.list_tags_for_resource(ResourceType="Parameter", ResourceId="/a")
        assert tags["TagList"] == [{"Key": "team", "Value": "core"}]

    def test_more_than_50_tags_are_refused(self, put, aws_error):
        tags = [{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        assert aws_error(put, name="/a", Tags=tags) == (
            "TooManyTagsError", TOO_MANY_TAGS_MESSAGE, 400
        )


class TestVersions:
    def test_the_oldest_of_100_versions_is_dropped(self, put, ssm_client):
        for number in range(101):
            put("/a", str(number), Overwrite=True)
        history = ssm_client.get_parameter_history(Name="/a", MaxResults=50)
        assert history["Parameters"][0]["Version"] == 2
        assert ssm_client.get_parameter(Name="/a")["Parameter"]["Version"] == 101

    def test_a_labelled_oldest_version_blocks_version_101(self, put, ssm_client, aws_error):
        for number in range(100):
            put("/a", str(number), Overwrite=True)
        ssm_client.label_parameter_version(Name="/a", ParameterVersion=1, Labels=["keep"])
        assert aws_error(put, name="/a", Overwrite=True) == (
            "ParameterMaxVersionLimitExceeded",
            "You attempted to create a new version of /a by calling the PutParameter API "
            "with the overwrite flag. Version 1, the oldest version, can't be deleted because "
            "it has a label associated with it. Move the label to another version of the "
            "parameter, and try again.",
            400,
        )

    def test_version_numbers_restart_after_delete(self, put, ssm_client):
        put("/a")
        put("/a", Overwrite=True)
        ssm_client.delete_parameter(Name="/a")
        assert put("/a")["Version"] == 1


def test_overwrite_without_key_id_falls_back_to_the_default_key(kayvee, put, ssm_client):
    """SSM "silently falls back to aws/ssm" when an overwrite names no KeyId."""
    kayvee.create_kms_key("alias/app")
    put("/s", Type="SecureString", KeyId="alias/app")
    put("/s", Type="SecureString", Overwrite=True)
    history = ssm_client.get_parameter_history(Name="/s")["Parameters"]
    assert [entry["KeyId"] for entry in history] == ["alias/app", "alias/aws/ssm"]


def test_description_is_kept_when_an_overwrite_gives_none(put, ssm_client):
    put("/a", Description="first")
    put("/a", Overwrite=True)
    assert ssm_client.get_parameter_history(Name="/a")["Parameters"][1]["Description"] == "first"
