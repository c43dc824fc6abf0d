"""The KMS key of a secret: it must exist and be usable to write a value or read one.

Writes fail as AWS fails when its KMS call does: ``EncryptionFailure`` carrying KMS's error
in the Java SDK's wording, ``Secrets Manager can't encrypt the secret value: Key '<arn>'
does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException; Request
ID: …)`` (quoted from a real PutSecretValue failure, hashicorp/terraform-provider-aws#30272;
the code is inferred from the model's description of EncryptionFailure, "Check that the KMS
key is available, enabled, and not in an invalid state"). A disabled key or one pending
deletion is the same failure with KMS's ``DisabledException`` / ``KMSInvalidStateException``
(inferred by analogy). Reads fail with ``DecryptionFailure`` and the model's description
of it as the message. A secret with no ``KmsKeyId`` uses ``alias/aws/secretsmanager``,
which AWS creates on first use.
"""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ..kms.lookup import aws_sdk_wrapped, service_use_failure

DEFAULT_KEY_ALIAS = "alias/aws/secretsmanager"
ENCRYPTION_FAILURE_PREFIX = "Secrets Manager can't encrypt the secret value: "
DECRYPTION_FAILURE_MESSAGE = (
    "Secrets Manager can't decrypt the protected secret text using the provided KMS key."
)


def check_kms_key(context: Context, kms_key_id: Optional[str]) -> Optional[str]:
    """The key id to keep on the secret (``None``: the AWS managed key), usable now.

    An empty ``KmsKeyId`` means the default key (inferred).
    """
    if not kms_key_id:
        return None
    check_encryptable(context, kms_key_id)
    return kms_key_id


def check_encryptable(context: Context, kms_key_id: Optional[str]) -> None:
    """A new version is encrypted with the secret's key: refused unless it is usable."""
    failure = service_use_failure(context, kms_key_id or DEFAULT_KEY_ALIAS, write=True)
    if failure is not None:
        raise ServiceError(
            "EncryptionFailure",
            ENCRYPTION_FAILURE_PREFIX + aws_sdk_wrapped(context, failure, proxy=False),
        )


def check_decryptable(context: Context, kms_key_id: Optional[str]) -> None:
    """Reading a value decrypts it with the key it was written with."""
    if service_use_failure(context, kms_key_id or DEFAULT_KEY_ALIAS, write=False) is not None:
        raise ServiceError("DecryptionFailure", DECRYPTION_FAILURE_MESSAGE)
