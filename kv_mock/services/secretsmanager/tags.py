"""Tags on secrets: CreateSecret's ``Tags``, TagResource and UntagResource.

TagResource adds or overwrites by key (keys are case-sensitive); UntagResource ignores keys
the secret does not have. Keys starting with ``aws:`` belong to AWS and cannot be set or
removed; a secret carries at most 50 tags (AWS's per-resource tagging quota).
"""

from __future__ import annotations

from typing import Iterable

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from .lookup import writable_secret

#: AWS's quota of tags per resource.
MAX_TAGS_PER_SECRET = 50
#: The prefix AWS reserves for its own tags (in any letter case, per AWS's tagging rules).
RESERVED_TAG_PREFIX = "aws:"


def _check_not_system(keys: Iterable[str]) -> None:
    for key in keys:
        if key.lower().startswith(RESERVED_TAG_PREFIX):
            # Real AWS text (TagResource, cloud-custodian#9093).
            raise ServiceError(
                "InvalidParameterException",
                f"You can't modify system tags. Tag key: '{key}'.",
            )


def apply_tags(secret: Secret, tags: list[dict]) -> None:
    """Add or overwrite ``tags`` on ``secret``, within AWS's rules."""
    _check_not_system(tag["Key"] for tag in tags)
    merged = dict(secret.tags)
    # A tag sent without a value is kept with an empty one (inferred: the model leaves
    # Value optional and AWS's consoles show such tags as empty).
    merged.update((tag["Key"], tag.get("Value", "")) for tag in tags)
    if len(merged) > MAX_TAGS_PER_SECRET:
        # Inferred text: AWS's wording for this quota was not found.
        raise ServiceError(
            "LimitExceededException",
            f"You can't add more than {MAX_TAGS_PER_SECRET} tags to a secret.",
        )
    secret.tags = merged
    secret.tagged = True


@operation(SECRETS_MANAGER, "TagResource")
def tag_resource(context: Context, request: dict) -> dict:
    # The request is checked before the secret is looked up, as AWS does for a missing
    # ClientRequestToken (recorded); for system tags the order is inferred from that.
    _check_not_system(tag["Key"] for tag in request["Tags"])
    secret = writable_secret(context, request["SecretId"])
    apply_tags(secret, request["Tags"])
    secret.last_changed_date = context.now
    return {}


@operation(SECRETS_MANAGER, "UntagResource")
def untag_resource(context: Context, request: dict) -> dict:
    keys = request["TagKeys"]
    _check_not_system(keys)  # before the lookup, as in TagResource
    secret = writable_secret(context, request["SecretId"])
    for key in keys:
        secret.tags.pop(key, None)
    secret.tagged = True
    secret.last_changed_date = context.now
    return {}
