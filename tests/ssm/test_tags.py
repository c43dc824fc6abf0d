"""AddTagsToResource / RemoveTagsFromResource / ListTagsForResource on parameters."""

import pytest

from kv_mock.services.ssm.tags import (
    MANAGED_INSTANCE_ID_MESSAGE,
    RESERVED_KEY_MESSAGE,
    TOO_MANY_TAGS_MESSAGE,
)


def tags_of(ssm_client, name="/a"):
    return ssm_client.list_tags_for_resource(ResourceType="Parameter", ResourceId=name)[
        "TagList"
    ]


def add(ssm_client, tags, name="/a"):
    return ssm_client.add_tags_to_resource(ResourceType="Parameter", ResourceId=name, Tags=tags)


def test_add_overwrites_existing_keys_and_adds_new_ones(put, ssm_client):
    put("/a", Tags=[{"Key": "team", "Value": "old"}])
    add(ssm_client, [{"Key": "team", "Value": "new"}, {"Key": "env", "Value": ""}])
    assert tags_of(ssm_client) == [{"Key": "team", "Value": "new"}, {"Key": "env", "Value": ""}]


def test_remove_drops_the_keys_and_ignores_unknown_ones(put, ssm_client):
    put("/a", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    ssm_client.remove_tags_from_resource(
        ResourceType="Parameter", ResourceId="/a", TagKeys=["a", "nope"]
    )
    assert tags_of(ssm_client) == [{"Key": "b", "Value": "2"}]


def test_a_parameter_holds_at_most_50_tags(put, ssm_client, aws_error):
    put("/a", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    add(ssm_client, [{"Key": "k0", "Value": "again"}])
    assert aws_error(add, ssm_client, [{"Key": "k50", "Value": "v"}]) == (
        "TooManyTagsError", TOO_MANY_TAGS_MESSAGE, 400
    )


@pytest.mark.parametrize("key", ["aws:created", "AWS:x"])
def test_aws_prefixed_keys_are_reserved(put, ssm_client, aws_error, key):
    put("/a")
    assert aws_error(add, ssm_client, [{"Key": key, "Value": "v"}]) == (
        "ValidationException", RESERVED_KEY_MESSAGE, 400
    )


def test_tag_key_pattern_is_enforced(put, ssm_client, aws_error):
    put("/a")
    code, message, _ = aws_error(add, ssm_client, [{"Key": "bad#key", "Value": "v"}])
    assert code == "ValidationException"
    assert message == (
        "1 validation error detected: Value 'bad#key' at 'tags.1.member.key' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"
    )


@pytest.mark.parametrize(
    "operation, extra",
    [
        ("add_tags_to_resource", {"Tags": [{"Key": "k", "Value": "v"}]}),
        ("remove_tags_from_resource", {"TagKeys": ["k"]}),
        ("list_tags_for_resource", {}),
    ],
)
@pytest.mark.parametrize("resource_type", ["Parameter", "Document", "MaintenanceWindow"])
def test_missing_resource_is_invalid_resource_id_without_message(
    ssm_client, aws_error, operation, extra, resource_type
):
    call = getattr(ssm_client, operation)
    assert aws_error(call, ResourceType=resource_type, ResourceId="/nope", **extra) == (
        "InvalidResourceId", "", 400
    )


def test_managed_instance_id_format_is_checked(ssm_client, aws_error):
    assert aws_error(
        ssm_client.list_tags_for_resource, ResourceType="ManagedInstance", ResourceId="i-1"
    ) == ("ValidationException", MANAGED_INSTANCE_ID_MESSAGE, 400)


def test_unknown_resource_type(ssm_client, aws_error):
    # The enum grows with botocore releases: the message lists the installed model's values.
    allowed = ssm_client.meta.service_model.shape_for("ResourceTypeForTagging").enum
    assert "Parameter" in allowed
    code, message, _ = aws_error(
        ssm_client.list_tags_for_resource, ResourceType="Bucket", ResourceId="/a"
    )
    assert (code, message) == (
        "ValidationException",
        "1 validation error detected: Value 'Bucket' at 'resourceType' failed to satisfy "
        f"constraint: Member must satisfy enum value set: [{', '.join(allowed)}]",
    )
