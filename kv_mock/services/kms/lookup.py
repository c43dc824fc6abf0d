"""Finding the key a request names, and KMS's errors when it is missing or unusable.

Shared by the KMS handlers and by SSM and Secrets Manager, which call KMS on the caller's
behalf and pass its error on. Evidence for the messages (real AWS output quoted in issue
threads):

* ``NotFoundException`` ``Key 'arn:aws:kms:…:key/<id>' does not exist`` — boto/botocore#2107;
  ``Alias arn:aws:kms:…:alias/<name> is not found.`` — quoted in Secrets Manager failures
  (see ``secretsmanager/encryption.py``).
* ``DisabledException`` ``arn:aws:kms:…:key/<id> is disabled.`` — fugue/credstash#86
  (GenerateDataKey), hashicorp/terraform#14029.
* ``KMSInvalidStateException`` ``arn:aws:kms:…:key/<id> is pending deletion.`` —
  hashicorp/terraform-provider-aws#17889 (ScheduleKeyDeletion), stelligent/mu#345 (through
  SSM's ``InvalidKeyId``).
"""

from __future__ import annotations

import logging
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.kms import AWS, AWS_MANAGED_ALIASES, DISABLED, PENDING_DELETION, Key, KeyRing

logger = logging.getLogger("kv_mock")

#: Where the once-per-key hints about missing keys are remembered (``state.extensions``).
_HINTED = "kms_missing_key_hints"


def not_found(ring: KeyRing, reference: str) -> ServiceError:
    full = ring.full_arn(reference)
    if ":alias/" in full:
        return ServiceError("NotFoundException", f"Alias {full} is not found.")
    return ServiceError("NotFoundException", f"Key '{full}' does not exist")


def existing_key(context: Context, reference: str, *, aliases: bool = True) -> Key:
    """The key ``reference`` names, in any state; ``NotFoundException`` if none.

    ``aliases=False`` for operations that take only a key id or key ARN. Naming an AWS
    managed key creates it, as AWS creates one on first use (inferred for DescribeKey).
    """
    ring = context.backend.kms
    key = ring.find(reference, context.now, aliases=aliases)
    if key is None:
        raise not_found(ring, reference)
    return ring.use(key, context.now)


def state_error(key: Key) -> Optional[ServiceError]:
    """The error a cryptographic use of ``key`` gets in its state, or ``None``."""
    if key.key_state == DISABLED:
        return ServiceError("DisabledException", f"{key.arn} is disabled.")
    if key.key_state == PENDING_DELETION:
        return pending_deletion(key)
    return None


def pending_deletion(key: Key) -> ServiceError:
    return ServiceError("KMSInvalidStateException", f"{key.arn} is pending deletion.")


def changeable_key(context: Context, reference: str, action: str) -> Key:
    """A key request ``action`` changes (its state, tags, an alias onto it), named by key id
    or ARN: a customer key (see :func:`customer_key`) not pending deletion (AWS's key-state
    table; the message is KMS's for that state)."""
    key = customer_key(context, reference, action)
    if key.key_state == PENDING_DELETION:
        raise pending_deletion(key)
    return key


def customer_key(context: Context, reference: str, action: str) -> Key:
    """A key named by key id or ARN that the account may manage: AWS managed keys' policies
    allow only their service, so managing one is ``AccessDeniedException`` in IAM's words
    (real responses: elastic/cloudbeat#1749 for an AWS managed key, "… because no
    resource-based policy allows the kms:GetKeyRotationStatus action"; the caller is the
    account root, as kv_mock has no IAM identities)."""
    key = existing_key(context, reference, aliases=False)
    if key.key_manager == AWS:
        raise ServiceError(
            "AccessDeniedException",
            f"User: arn:{context.partition}:iam::{context.account_id}:root is not authorized "
            f"to perform: kms:{action} on resource: {key.arn} because no resource-based "
            f"policy allows the kms:{action} action",
        )
    return key


def usable_key(context: Context, reference: str) -> Key:
    """The key for a cryptographic operation: it exists and is enabled."""
    key = existing_key(context, reference)
    error = state_error(key)
    if error is not None:
        raise error
    return key


def service_use_failure(
    context: Context, reference: str, *, write: bool
) -> Optional[ServiceError]:
    """The KMS error SSM or Secrets Manager meets using ``reference``, or ``None``.

    A write naming a key that does not exist logs one hint per key (logger ``kv_mock``):
    AWS's message stays as it is, but a test suite moved from moto may not know that
    kv_mock wants its keys made first.

    An AWS managed key already in use is always usable (no account can disable or delete
    one: :func:`customer_key`), so most calls — those on the default key — stop at one
    lookup.
    """
    if reference in AWS_MANAGED_ALIASES:
        managed = context.backend.kms.alias_target(reference)
        if managed is not None and managed.created:
            return None
    try:
        usable_key(context, reference)
    except ServiceError as error:
        if write and error.code == "NotFoundException":
            _hint_missing_key(context, reference)
        return error
    return None


def aws_sdk_wrapped(context: Context, error: ServiceError, *, proxy: bool) -> str:
    """KMS's error as a service quotes it, in the Java SDK's words: ``… (Service: AWSKMS;
    Status Code: 400; Error Code: …; Request ID: …[; Proxy: null])``."""
    suffix = "; Proxy: null" if proxy else ""
    return (
        f"{error.message} (Service: AWSKMS; Status Code: 400; Error Code: {error.code}; "
        f"Request ID: {context.ids.uuid4()}{suffix})"
    )


def _hint_missing_key(context: Context, reference: str) -> None:
    hinted: set = context.state.extensions.setdefault(_HINTED, set())
    place = (context.account_id, context.region, reference)
    if place in hinted:
        return
    hinted.add(place)
    shortcut = (
        f"kv.create_kms_key({reference!r})" if reference.startswith("alias/")
        else "kv.create_kms_key() (it returns the new key's id)"
    )
    logger.warning(
        "kv_mock: KMS key %r does not exist in account %s, region %s, so AWS refuses the "
        "write. Create it first, as on AWS: %s on the mock, or boto3.client('kms')"
        ".create_key() (and .create_alias()) while the mock is on.",
        reference, context.account_id, context.region, shortcut,
    )
