"""PutParameter's name rules: characters, reserved prefixes, depth, length, paths."""

import pytest

from kv_mock.services.ssm.names import INVALID_NAME_MESSAGE

HIERARCHY_MESSAGE = (
    "A hierarchy can have a maximum of 15 levels. For more information, see Requirements "
    "and constraints for parameter names in the Amazon Web Services Systems Manager User "
    "Guide."
)


@pytest.mark.parametrize(
    "name",
    ["/a b", "a@b", "/app/{x}", "SSM.thing", "/ssm/x", "/SSM/x", "/a//b", "/a/"],
)
def test_invalid_names_get_the_generic_name_message(put, aws_error, name):
    assert aws_error(put, name=name) == ("ValidationException", INVALID_NAME_MESSAGE, 400)


def test_a_relative_path_written_must_be_fully_qualified(put, aws_error):
    # Recorded: PutParameter "gh-runner/ami/id" (aws-samples/cdk-image-pipeline#148).
    assert aws_error(put, name="abc/b/c") == (
        "ValidationException", "Parameter name must be a fully qualified name", 400
    )


@pytest.mark.parametrize("operation", ["get_parameter", "get_parameter_history"])
def test_a_relative_path_read_gets_the_generic_name_message(ssm_client, aws_error, operation):
    # Recorded: GetParameter "xxx/yyy" (aws/aws-sdk-js-v3#5005), "test/some-config".
    call = getattr(ssm_client, operation)
    assert aws_error(call, Name="abc/b/c") == ("ValidationException", INVALID_NAME_MESSAGE, 400)


def test_a_relative_path_read_in_a_batch_is_an_invalid_parameter(ssm_client):
    assert ssm_client.get_parameters(Names=["abc/b/c"])["InvalidParameters"] == ["abc/b/c"]


@pytest.mark.parametrize(
    "name", ["aws-cdk-playground", "awslimitschecker", "AWS.x", "aws/test",
             "/awssec/lab01/vpc_id", "/AWS/billet", "/Aws/x"],
)
@pytest.mark.parametrize("operation", ["put", "get", "delete", "history", "label"])
def test_a_name_prefixed_aws_is_reserved_for_every_operation(
    ssm_client, aws_error, name, operation
):
    # Recorded: DeleteParameter "aws-cdk-playground" (awslabs/aws-deployment-framework#119),
    # reads of "awslimitschecker" (quota-monitor-for-aws#30), PutParameter "/awssec/lab01/
    # vpc_id" → "…name: awssec/lab01/vpc_id." (a Terraform log), "/AWS/…", "/Aws/…" denied.
    calls = {
        "put": lambda: ssm_client.put_parameter(Name=name, Value="v", Type="String"),
        "get": lambda: ssm_client.get_parameter(Name=name),
        "delete": lambda: ssm_client.delete_parameter(Name=name),
        "history": lambda: ssm_client.get_parameter_history(Name=name),
        "label": lambda: ssm_client.label_parameter_version(Name=name, Labels=["l"]),
    }
    assert aws_error(calls[operation]) == (
        "AccessDeniedException",
        f"No access to reserved parameter name: {name.lstrip('/')}.",
        400,
    )


def test_batch_operations_list_a_reserved_name_as_invalid(ssm_client):
    assert ssm_client.get_parameters(Names=["aws-x"])["InvalidParameters"] == ["aws-x"]
    assert ssm_client.delete_parameters(Names=["aws-x"])["InvalidParameters"] == ["aws-x"]


def test_writing_under_aws_root_is_denied_naming_it_without_its_slash(put, aws_error):
    # Recorded: the console's PutParameter of "/aws/test" → "…name: aws/test." (cfn-lint#4089).
    assert aws_error(put, name="/aws/service/x") == (
        "AccessDeniedException", "No access to reserved parameter name: aws/service/x.", 400
    )


def test_fifteen_levels_are_allowed_sixteen_are_not(put, aws_error, ssm_client):
    put("/" + "/".join(f"l{i}" for i in range(15)))
    deeper = "/" + "/".join(f"l{i}" for i in range(16))
    assert aws_error(put, name=deeper) == (
        "HierarchyLevelLimitExceededException", HIERARCHY_MESSAGE, 400
    )


def test_leading_and_trailing_spaces_are_trimmed(put, ssm_client):
    put("  /spaced  ", "1")
    assert ssm_client.get_parameter(Name="/spaced")["Parameter"]["Value"] == "1"


def test_names_are_case_sensitive(put, ssm_client):
    put("/Case", "upper")
    put("/case", "lower")
    assert ssm_client.get_parameter(Name="/Case")["Parameter"]["Value"] == "upper"


@pytest.mark.parametrize(
    "region, prefix",
    [
        ("us-east-1", "arn:aws:ssm:us-east-1:123456789012:parameter/"),
        ("cn-north-1", "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/"),
        ("us-gov-west-1", "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/"),
    ],
)
def test_name_length_counts_the_arn_prefix_up_to_1011(kayvee, aws_error, region, prefix):
    import boto3

    client = boto3.client("ssm", region_name=region)
    longest = 1011 - len(prefix)
    client.put_parameter(Name="/" + "n" * longest, Value="v", Type="String")
    too_long = "/" + "n" * (longest + 1)
    assert aws_error(client.put_parameter, Name=too_long, Value="v", Type="String") == (
        "ValidationException",
        f"1 validation error detected: Value '{too_long}' at 'name' failed to satisfy "
        f"constraint: Member must have length less than or equal to {longest}",
        400,
    )


@pytest.mark.parametrize("created, used", [("/top", "top"), ("top", "/top")])
def test_a_single_level_name_is_one_parameter_with_or_without_its_slash(
    ssm_client, aws_error, created, used
):
    ssm_client.put_parameter(Name=created, Value="v", Type="String")
    arn = ssm_client.get_parameter(Name=created)["Parameter"]["ARN"]
    assert ssm_client.get_parameter(Name=used)["Parameter"]["ARN"] == arn
    assert len(ssm_client.get_parameters(Names=[used])["Parameters"]) == 1
    assert aws_error(ssm_client.put_parameter, Name=used, Value="w", Type="String")[0] == (
        "ParameterAlreadyExists"
    )
    ssm_client.add_tags_to_resource(
        ResourceType="Parameter", ResourceId=used, Tags=[{"Key": "k", "Value": "v"}]
    )
    assert ssm_client.list_tags_for_resource(
        ResourceType="Parameter", ResourceId=created
    )["TagList"] == [{"Key": "k", "Value": "v"}]
    ssm_client.delete_parameter(Name=used)
    assert ssm_client.get_parameters(Names=[created])["InvalidParameters"] == [created]


def test_deeper_names_keep_their_leading_slash_apart(ssm_client):
    ssm_client.put_parameter(Name="/a/b", Value="v", Type="String")
    with pytest.raises(ssm_client.exceptions.ClientError):
        ssm_client.get_parameter(Name="a/b")
