"""CreateKey, DescribeKey, ListKeys and the key states: EnableKey, DisableKey,
ScheduleKeyDeletion, CancelKeyDeletion.

kv_mock models symmetric encryption keys (``SYMMETRIC_DEFAULT``, ``ENCRYPT_DECRYPT``,
origin ``AWS_KMS``), the keys SSM and Secrets Manager can use; asking for another kind is
answered ``NotImplemented`` (HTTP 501) rather than with a key that would behave wrongly.
"""

from __future__ import annotations

import datetime as _dt

from ...context import Context
from ...errors import ServiceError
from ...store.kms import DISABLED, ENABLED, PENDING_DELETION, Key
from .. import KMS, operation
from .lookup import changeable_key, customer_key, existing_key
from .paging import page_limit, read_marker, take_page
from .tags import apply_tags

SYMMETRIC = "SYMMETRIC_DEFAULT"
ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT"
#: Members asking for what kv_mock does not model, with the value it does model.
_MODELED = {
    "KeyUsage": ENCRYPT_DECRYPT, "KeySpec": SYMMETRIC, "CustomerMasterKeySpec": SYMMETRIC,
    "Origin": "AWS_KMS", "MultiRegion": False,
}

#: "If you include a value, it must be between 7 and 30, inclusive. If you do not include
#: a value, it defaults to 30" (botocore's documentation); AWS's message is quoted from a
#: real response in Skyscanner/kms-issuer#8.
MIN_PENDING_WINDOW_DAYS = 7
MAX_PENDING_WINDOW_DAYS = 30
DEFAULT_PENDING_WINDOW_DAYS = 30
PENDING_WINDOW_MESSAGE = "PendingWindowInDays must be between 7 and 30"


def key_metadata(context: Context, key: Key) -> dict:
    """``KeyMetadata`` in the members and order real DescribeKey output shows
    (nccgroup/ScoutSuite#1174 quotes one for a key pending deletion)."""
    metadata: dict = {
        "AWSAccountId": context.account_id,
        "KeyId": key.key_id,
        "Arn": key.arn,
        "CreationDate": key.creation_date,
        "Enabled": key.key_state == ENABLED,
        "Description": key.description,
        "KeyUsage": ENCRYPT_DECRYPT,
        "KeyState": key.key_state,
    }
    if key.deletion_date is not None:
        metadata["DeletionDate"] = key.deletion_date
    metadata.update({
        "Origin": "AWS_KMS",
        "KeyManager": key.key_manager,
        "CustomerMasterKeySpec": SYMMETRIC,
        "KeySpec": SYMMETRIC,
        "EncryptionAlgorithms": [SYMMETRIC],
        "MultiRegion": False,
    })
    return metadata


@operation(KMS, "CreateKey")
def create_key(context: Context, request: dict) -> dict:
    for member in ("CustomKeyStoreId", "XksKeyId"):
        if member in request:
            raise _not_modeled(f"{member} (custom key stores)")
    for member, modeled in _MODELED.items():
        if member in request and request[member] != modeled:
            raise _not_modeled(f"{member}={request[member]!r}")
    key = context.backend.kms.create_key(now=context.now)
    key.description = request.get("Description", "")
    if "Tags" in request:
        apply_tags(key, request["Tags"])
    return {"KeyMetadata": key_metadata(context, key)}


def _not_modeled(what: str) -> ServiceError:
    return ServiceError(
        "NotImplemented",
        f"kv_mock models symmetric encryption KMS keys only; {what} is not supported",
        status=501,
    )


@operation(KMS, "DescribeKey")
def describe_key(context: Context, request: dict) -> dict:
    return {"KeyMetadata": key_metadata(context, existing_key(context, request["KeyId"]))}


@operation(KMS, "ListKeys")
def list_keys(context: Context, request: dict) -> dict:
    limit = page_limit("ListKeys", request)
    after = read_marker("ListKeys", "", request)
    ring = context.backend.kms
    page, members = take_page(
        ring.keys_after(after, context.now), limit, "ListKeys", "", lambda key: key.key_id
    )
    return {"Keys": [{"KeyId": k.key_id, "KeyArn": k.arn} for k in page], **members}


@operation(KMS, "EnableKey")
def enable_key(context: Context, request: dict) -> dict:
    changeable_key(context, request["KeyId"], "EnableKey").key_state = ENABLED
    return {}


@operation(KMS, "DisableKey")
def disable_key(context: Context, request: dict) -> dict:
    changeable_key(context, request["KeyId"], "DisableKey").key_state = DISABLED
    return {}


@operation(KMS, "ScheduleKeyDeletion")
def schedule_key_deletion(context: Context, request: dict) -> dict:
    key = changeable_key(context, request["KeyId"], "ScheduleKeyDeletion")
    days = request.get("PendingWindowInDays", DEFAULT_PENDING_WINDOW_DAYS)
    if not MIN_PENDING_WINDOW_DAYS <= days <= MAX_PENDING_WINDOW_DAYS:
        raise ServiceError("ValidationException", PENDING_WINDOW_MESSAGE)
    key.key_state = PENDING_DELETION
    key.deletion_date = context.now + _dt.timedelta(days=days)
    key.pending_window_days = days
    # The response names the key by its ARN ("The Amazon Resource Name (key ARN) of the
    # KMS key whose deletion is scheduled", botocore's documentation).
    return {
        "KeyId": key.arn,
        "DeletionDate": key.deletion_date,
        "KeyState": PENDING_DELETION,
        "PendingWindowInDays": days,
    }


@operation(KMS, "CancelKeyDeletion")
def cancel_key_deletion(context: Context, request: dict) -> dict:
    """The key comes back ``Disabled`` ("When this operation succeeds, the key state of the
    KMS key is Disabled", botocore's documentation)."""
    key = customer_key(context, request["KeyId"], "CancelKeyDeletion")
    if key.key_state != PENDING_DELETION:
        # Inferred: KMS's state message for a key in the wrong state for the request.
        raise ServiceError("KMSInvalidStateException", f"{key.arn} is not pending deletion.")
    key.key_state = DISABLED
    key.deletion_date = None
    key.pending_window_days = None
    return {"KeyId": key.arn}
