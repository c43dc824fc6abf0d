"""Encrypt, Decrypt, GenerateDataKey with symmetric keys.

Ciphertexts name their key (:mod:`kv_mock.store.ciphertext`), so Decrypt needs no
``KeyId``; the encryption context must match exactly. Evidence for the errors:

* a context or blob that does not match: ``InvalidCiphertextException`` with no message
  (aws/aws-sdk-java#1323: "InvalidCiphertextException with null message");
* ``KeyId`` naming another key than the ciphertext's: ``IncorrectKeyException`` (AWS's
  Decrypt documentation; the message is the one KMS is widely quoted with — inferred);
* a ciphertext whose key is not in this account and region: ``AccessDeniedException``
  ``The ciphertext refers to a customer master key that does not exist, does not exist in
  this region, or you are not allowed to access.`` (aws/aws-encryption-sdk-javascript#1005).
"""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError, validation_error
from ...store import ciphertext
from ...store.kms import Key
from .. import KMS, operation
from .lookup import state_error, usable_key

SYMMETRIC = "SYMMETRIC_DEFAULT"
DATA_KEY_BYTES = {"AES_256": 32, "AES_128": 16}

INCORRECT_KEY_MESSAGE = (
    "The key ID in the request does not identify a CMK that can perform this operation."
)
UNKNOWN_CIPHERTEXT_KEY_MESSAGE = (
    "The ciphertext refers to a customer master key that does not exist, does not exist "
    "in this region, or you are not allowed to access."
)
#: Moto's text (weakest evidence); AWS refuses neither or both of the two members.
DATA_KEY_SIZE_MESSAGE = "Please specify either number of bytes or key spec."
#: Inferred from the model's description of DryRunOperationException.
DRY_RUN_MESSAGE = "The request would have succeeded, but the DryRun option is set."


def seal(context: Context, key: Key, plaintext: bytes, encryption_context: dict) -> bytes:
    """A ciphertext blob of ``plaintext`` under ``key`` (also SSM's SecureString blobs)."""
    nonce = context.ids.rng.randbytes(ciphertext.NONCE_LENGTH)
    return ciphertext.seal(key, plaintext, encryption_context, nonce)


def _dry_run(request: dict) -> None:
    if request.get("DryRun"):
        raise ServiceError("DryRunOperationException", DRY_RUN_MESSAGE)


@operation(KMS, "Encrypt")
def encrypt(context: Context, request: dict) -> dict:
    key = usable_key(context, request["KeyId"])
    _dry_run(request)
    blob = seal(context, key, request["Plaintext"], request.get("EncryptionContext", {}))
    return {"CiphertextBlob": blob, "KeyId": key.arn, "EncryptionAlgorithm": SYMMETRIC}


@operation(KMS, "Decrypt")
def decrypt(context: Context, request: dict) -> dict:
    """``CiphertextBlob`` "is required in all cases except when DryRun is true and
    DryRunModifiers is set to IGNORE_CIPHERTEXT" (botocore's documentation; its model marks
    it optional)."""
    if "CiphertextBlob" not in request:
        if "IGNORE_CIPHERTEXT" in request.get("DryRunModifiers", ()):
            _dry_run(request)
        raise validation_error(None, "ciphertextBlob", "Member must not be null")
    blob = ciphertext.parse(request["CiphertextBlob"])
    if blob is None:
        raise ServiceError("InvalidCiphertextException", "")
    named: Optional[Key] = None
    if "KeyId" in request:
        named = usable_key(context, request["KeyId"])
        if named.key_id != blob.key_id:
            raise ServiceError("IncorrectKeyException", INCORRECT_KEY_MESSAGE)
    key = context.backend.kms.find(blob.key_id, context.now, aliases=False)
    if key is None:
        raise ServiceError("AccessDeniedException", UNKNOWN_CIPHERTEXT_KEY_MESSAGE)
    error = state_error(key)
    if error is not None:
        raise error
    _dry_run(request)
    plaintext = ciphertext.unseal(key, blob, request.get("EncryptionContext", {}))
    if plaintext is None:
        raise ServiceError("InvalidCiphertextException", "")
    return {"KeyId": key.arn, "Plaintext": plaintext, "EncryptionAlgorithm": SYMMETRIC}


@operation(KMS, "GenerateDataKey")
def generate_data_key(context: Context, request: dict) -> dict:
    key = usable_key(context, request["KeyId"])
    if ("NumberOfBytes" in request) == ("KeySpec" in request):
        raise ServiceError("ValidationException", DATA_KEY_SIZE_MESSAGE)
    _dry_run(request)
    size = request.get("NumberOfBytes") or DATA_KEY_BYTES[request["KeySpec"]]
    plaintext = context.ids.rng.randbytes(size)
    blob = seal(context, key, plaintext, request.get("EncryptionContext", {}))
    return {"CiphertextBlob": blob, "Plaintext": plaintext, "KeyId": key.arn}
