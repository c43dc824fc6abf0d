"""botocore's SSM model against kv_mock: a new Parameter Store operation or request member
fails here until it is implemented or listed as out of scope with its reason (issue #10)."""

from __future__ import annotations

import botocore.session

from kv_mock.services import SSM, implemented_operations

#: Parameter Store operations of the model kv_mock does not implement, and why.
OUT_OF_SCOPE_OPERATIONS: dict[str, str] = {}

#: Request members kv_mock reads, by implemented operation.
HANDLED_MEMBERS: dict[str, set[str]] = {
    "AddTagsToResource": {"ResourceType", "ResourceId", "Tags"},
    "DeleteParameter": {"Name"},
    "DeleteParameters": {"Names"},
    "DeleteResourcePolicy": {"ResourceArn", "PolicyId", "PolicyHash"},
    "DescribeParameters": {"Filters", "ParameterFilters", "MaxResults", "NextToken", "Shared"},
    "GetParameter": {"Name", "WithDecryption"},
    "GetParameterHistory": {"Name", "WithDecryption", "MaxResults", "NextToken"},
    "GetParameters": {"Names", "WithDecryption"},
    "GetParametersByPath": {
        "Path", "Recursive", "ParameterFilters", "WithDecryption", "MaxResults", "NextToken",
    },
    "GetResourcePolicies": {"ResourceArn", "NextToken", "MaxResults"},
    "GetServiceSetting": {"SettingId"},
    "LabelParameterVersion": {"Name", "ParameterVersion", "Labels"},
    "ListTagsForResource": {"ResourceType", "ResourceId"},
    "PutParameter": {
        "Name", "Description", "Value", "Type", "KeyId", "Overwrite", "AllowedPattern", "Tags",
        "Tier", "Policies", "DataType",
    },
    "PutResourcePolicy": {"ResourceArn", "Policy", "PolicyId", "PolicyHash"},
    "RemoveTagsFromResource": {"ResourceType", "ResourceId", "TagKeys"},
    "ResetServiceSetting": {"SettingId"},
    "UnlabelParameterVersion": {"Name", "ParameterVersion", "Labels"},
    "UpdateServiceSetting": {"SettingId", "SettingValue"},
}

#: Request members kv_mock accepts and leaves alone, and why.
IGNORED_MEMBERS: dict[tuple[str, str], str] = {
    ("DeleteResourcePolicy", "DeletionMode"): (
        '"Applies only to the Document resource type. The operation ignores this parameter '
        'for other resource types" [model]; kv_mock holds no documents'
    ),
}

#: Model operations that concern Parameter Store without "Parameter" in their name.
_PARAMETER_STORE_OPERATIONS = {
    "AddTagsToResource", "RemoveTagsFromResource", "ListTagsForResource",
    "PutResourcePolicy", "GetResourcePolicies", "DeleteResourcePolicy",
    "GetServiceSetting", "UpdateServiceSetting", "ResetServiceSetting",
}


def _model():
    return botocore.session.get_session().get_service_model(SSM)


def test_every_parameter_store_operation_is_implemented_or_out_of_scope():
    model = _model()
    wanted = {
        name for name in model.operation_names
        if "Parameter" in name or name in _PARAMETER_STORE_OPERATIONS
    }
    implemented = set(implemented_operations(SSM))
    assert wanted - implemented - set(OUT_OF_SCOPE_OPERATIONS) == set()
    assert implemented <= set(model.operation_names)


def test_every_request_member_is_handled_or_ignored_with_a_reason():
    model = _model()
    for name in implemented_operations(SSM):
        members = set(model.operation_model(name).input_shape.members)
        ignored = {member for (operation, member) in IGNORED_MEMBERS if operation == name}
        # Older models lack some members listed here (DeletionMode): the listed ones need
        # only cover what the installed model has.
        assert members <= HANDLED_MEMBERS[name] | ignored, name
        assert HANDLED_MEMBERS[name] <= members | ignored, name
