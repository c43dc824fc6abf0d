"""CreateAlias, UpdateAlias, DeleteAlias, ListAliases.

Evidence for the messages:

* an alias name without ``alias/``: ``ValidationException`` ``Alias must start with the
  prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html``
  (real response quoted in aws-controllers-k8s/community#1878);
* an alias that exists: ``AlreadyExistsException`` ``An alias with the name
  arn:aws:kms:…:alias/<name> already exists`` (cloudbees-oss/terraform-aws-cloudbees-ci-eks-addon#66,
  crossplane-contrib/provider-aws#1741);
* ``alias/aws/…`` is reserved for AWS managed keys ("The alias name cannot begin with
  alias/aws/", AWS's documentation of CreateAlias); the error, ``NotAuthorizedException``
  with no message, is what moto answers for the predefined ``alias/aws/…`` names (weakest
  evidence: no real response was found).
"""

from __future__ import annotations

from typing import Iterator, Optional

from ...context import Context
from ...errors import ServiceError
from ...store.kms import ALIAS_PREFIX, AWS_ALIAS_PREFIX, Key
from .. import KMS, operation
from .lookup import changeable_key, existing_key, not_found
from .paging import page_limit, read_marker, take_page

ALIAS_PREFIX_MESSAGE = (
    'Alias must start with the prefix "alias/". Please see '
    "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"
)


def _customer_alias(name: str) -> str:
    if not name.startswith(ALIAS_PREFIX):
        raise ServiceError("ValidationException", ALIAS_PREFIX_MESSAGE)
    if name.startswith(AWS_ALIAS_PREFIX):
        raise ServiceError("NotAuthorizedException", "")
    return name


@operation(KMS, "CreateAlias")
def create_alias(context: Context, request: dict) -> dict:
    return _point_alias(context, request, exists=False)


@operation(KMS, "UpdateAlias")
def update_alias(context: Context, request: dict) -> dict:
    return _point_alias(context, request, exists=True)


def _point_alias(context: Context, request: dict, *, exists: bool) -> dict:
    """CreateAlias (the alias must be new) or UpdateAlias (it must exist)."""
    name = _customer_alias(request["AliasName"])
    ring = context.backend.kms
    found = ring.alias_target(name) is not None
    if found and not exists:
        raise ServiceError(
            "AlreadyExistsException", f"An alias with the name {ring.alias_arn(name)} already exists"
        )
    if exists and not found:
        raise not_found(ring, name)
    action = "UpdateAlias" if exists else "CreateAlias"
    target = changeable_key(context, request["TargetKeyId"], action)
    ring.point_alias(name, target, context.now)
    return {}


@operation(KMS, "DeleteAlias")
def delete_alias(context: Context, request: dict) -> dict:
    name = _customer_alias(request["AliasName"])
    ring = context.backend.kms
    if ring.alias_target(name) is None:
        raise not_found(ring, name)
    ring.delete_alias(name)
    return {}


@operation(KMS, "ListAliases")
def list_aliases(context: Context, request: dict) -> dict:
    """Every alias, or those of one key (``KeyId``: a key id or ARN). A predefined AWS alias
    whose key AWS has not created yet is listed without ``TargetKeyId`` and dates."""
    ring = context.backend.kms
    only: Optional[Key] = None
    if "KeyId" in request:
        only = existing_key(context, request["KeyId"], aliases=False)
    scope = only.key_id if only is not None else ""
    limit = page_limit("ListAliases", request)
    after = read_marker("ListAliases", scope, request)
    entries: Iterator[tuple[str, Key]] = (
        ring.aliases_after(after, context.now) if only is None
        else ((name, only) for name in sorted(only.aliases) if name > after)
    )
    page, members = take_page(entries, limit, "ListAliases", scope, lambda entry: entry[0])
    return {"Aliases": [_alias_entry(context, name, key) for name, key in page], **members}


def _alias_entry(context: Context, name: str, key: Key) -> dict:
    entry: dict = {"AliasName": name, "AliasArn": context.backend.kms.alias_arn(name)}
    if key.created:
        entry["TargetKeyId"] = key.key_id
        if name in key.alias_created:
            entry["CreationDate"] = key.alias_created[name]
            entry["LastUpdatedDate"] = key.alias_updated[name]
    return entry
