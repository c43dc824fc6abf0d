"""AddTagsToResource, RemoveTagsFromResource, ListTagsForResource for parameters.

Only the ``Parameter`` resource type holds anything in kv_mock: documents, managed nodes,
maintenance windows and the rest do not exist here, so AWS's answer for a resource that
does not exist (``InvalidResourceId``, sent without a message) is the answer for them.
"""

from __future__ import annotations

import re

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter
from .. import SSM, operation

#: "Maximum 50 tags per resource".
MAX_TAGS_PER_RESOURCE = 50
# The model's description of TooManyTagsError; AWS's wire text was not found.
TOO_MANY_TAGS_MESSAGE = (
    "The Targets parameter includes too many tags. Remove one or more tags and try the "
    "command again."
)
#: AWS checks a managed-node id's form before looking it up.
_MANAGED_INSTANCE_ID = re.compile(r"mi-[0-9a-f]{17}")
MANAGED_INSTANCE_ID_MESSAGE = (
    "resourceId should be in format mi-[0-9a-f]{17} for resource type ManagedInstance"
)
#: Tag keys starting so are reserved for AWS's own tags.
RESERVED_KEY_PREFIX = "aws:"
# Inferred: SSM's text for a reserved tag key was not found (EC2 says "reserved for internal use").
RESERVED_KEY_MESSAGE = "Tag keys starting with 'aws:' are reserved for internal use."


def merged_tags(existing: dict[str, str], tags: list[dict]) -> dict[str, str]:
    """``existing`` with ``tags`` added (a key given again takes the new value)."""
    merged = dict(existing)
    for tag in tags:
        if tag["Key"].lower().startswith(RESERVED_KEY_PREFIX):
            raise ServiceError("ValidationException", RESERVED_KEY_MESSAGE)
        merged[tag["Key"]] = tag["Value"]
    if len(merged) > MAX_TAGS_PER_RESOURCE:
        raise ServiceError("TooManyTagsError", TOO_MANY_TAGS_MESSAGE)
    return merged


def _tagged_parameter(context: Context, request: dict) -> Parameter:
    resource_type = request["ResourceType"]
    resource_id = request["ResourceId"]
    if resource_type == "ManagedInstance" and not _MANAGED_INSTANCE_ID.fullmatch(resource_id):
        raise ServiceError("ValidationException", MANAGED_INSTANCE_ID_MESSAGE)
    parameter = None
    if resource_type == "Parameter":
        parameter = context.backend.parameters.get(resource_id)
    if parameter is None:
        raise ServiceError("InvalidResourceId")
    return parameter


@operation(SSM, "AddTagsToResource")
def add_tags_to_resource(context: Context, request: dict) -> dict:
    parameter = _tagged_parameter(context, request)
    parameter.tags = merged_tags(parameter.tags, request["Tags"])
    return {}


@operation(SSM, "RemoveTagsFromResource")
def remove_tags_from_resource(context: Context, request: dict) -> dict:
    parameter = _tagged_parameter(context, request)
    for key in request["TagKeys"]:
        parameter.tags.pop(key, None)
    return {}


@operation(SSM, "ListTagsForResource")
def list_tags_for_resource(context: Context, request: dict) -> dict:
    parameter = _tagged_parameter(context, request)
    return {"TagList": [{"Key": key, "Value": value} for key, value in parameter.tags.items()]}
