"""TagResource, UntagResource, ListResourceTags: a key's tags.

These take a key id or key ARN only, not an alias (botocore's documentation of ``KeyId``
for each); a key pending deletion cannot be tagged or untagged (AWS's key-state table); an
AWS managed key's tags are not the account's to read or change.
"""

from __future__ import annotations

from ...context import Context
from ...store.kms import Key
from .. import KMS, operation
from .lookup import changeable_key, customer_key
from .paging import page_limit, read_marker, take_page


def apply_tags(key: Key, tags: list[dict]) -> None:
    """Add or overwrite tags (a key's tag keys are unique)."""
    for tag in tags:
        key.tags[tag["TagKey"]] = tag["TagValue"]


@operation(KMS, "TagResource")
def tag_resource(context: Context, request: dict) -> dict:
    apply_tags(changeable_key(context, request["KeyId"], "TagResource"), request["Tags"])
    return {}


@operation(KMS, "UntagResource")
def untag_resource(context: Context, request: dict) -> dict:
    key = changeable_key(context, request["KeyId"], "UntagResource")
    for name in request["TagKeys"]:
        key.tags.pop(name, None)
    return {}


@operation(KMS, "ListResourceTags")
def list_resource_tags(context: Context, request: dict) -> dict:
    key = customer_key(context, request["KeyId"], "ListResourceTags")
    limit = page_limit("ListResourceTags", request)
    after = read_marker("ListResourceTags", key.key_id, request)
    names = sorted(name for name in key.tags if name > after)
    page, members = take_page(iter(names), limit, "ListResourceTags", key.key_id, str)
    return {"Tags": [{"TagKey": n, "TagValue": key.tags[n]} for n in page], **members}
