"""SecureString encryption: the KMS key must exist and be usable, for writes and for reads
with decryption.

SSM passes KMS's error on as ``InvalidKeyId``, KMS's message quoted in the Java SDK's
words: ``Key 'arn:…' does not exist (Service: AWSKMS; Status Code: 400; Error Code:
NotFoundException; Request ID: …; Proxy: null)`` (binxio/aws-ssm-copy#10, a real
PutParameter failure) and ``arn:…:key/… is pending deletion. (Service: AWSKMS; Status Code:
400; Error Code: KMSInvalidStateException; …)`` (stelligent/mu#345). The disabled case and
the decrypting read follow the same form (inferred: ``InvalidKeyId`` is the only KMS error
GetParameter's model lists).

The value read without decryption is a real kv_mock KMS ciphertext, made with the
encryption context ``PARAMETER_ARN`` as Parameter Store binds standard parameters (AWS's
SecureString documentation), so ``kms.decrypt`` of it gives the value back.
"""

from __future__ import annotations

import base64
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import ParameterVersion
from ..kms.crypto import seal
from ..kms.lookup import aws_sdk_wrapped, service_use_failure
from .names import parameter_arn

DEFAULT_KEY_ID = "alias/aws/ssm"


def _invalid_key_id(context: Context, key_id: str, failure: ServiceError) -> ServiceError:
    message = (
        context.backend.kms.not_found_message(key_id)
        if failure.code == "NotFoundException" else failure.message
    )
    return ServiceError(
        "InvalidKeyId", aws_sdk_wrapped(context, ServiceError(failure.code, message), proxy=True)
    )


def secure_string_key(context: Context, request: dict) -> str:
    """The key a SecureString write names (``alias/aws/ssm`` by default), checked usable."""
    key_id = request.get("KeyId") or DEFAULT_KEY_ID
    failure = service_use_failure(context, key_id, write=True)
    if failure is not None:
        raise _invalid_key_id(context, key_id, failure)
    return key_id


def encrypted_value(context: Context, name: str, key_id: str, value: str) -> str:
    """The base64 KMS ciphertext a SecureString read without decryption shows."""
    key = context.backend.kms.find(key_id)
    assert key is not None  # checked by secure_string_key in the same request
    blob = seal(context, key, value.encode(), {"PARAMETER_ARN": parameter_arn(context, name)})
    return base64.b64encode(blob).decode("ascii")


def check_decryptable(context: Context, version: ParameterVersion) -> None:
    """A read with decryption of a SecureString needs its key usable now."""
    key_id: Optional[str] = version.key_id
    if version.type != "SecureString" or key_id is None:
        return
    failure = service_use_failure(context, key_id, write=False)
    if failure is not None:
        raise _invalid_key_id(context, key_id, failure)
