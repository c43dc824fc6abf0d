"""The KMS key a secret names: it must exist, or AWS cannot encrypt the value."""

from __future__ import annotations

from typing import Optional

from ...arns import arn
from ...context import Context
from ...errors import ServiceError


def _missing_key_text(context: Context, reference: str) -> str:
    """KMS's own NotFoundException text: ``Key '<arn>' does not exist`` for a key,
    ``Alias <arn> is not found.`` for an alias (both quoted from real AWS errors)."""
    if reference.startswith("arn:"):
        full = reference
    else:
        resource = reference if reference.startswith(("alias/", "key/")) else f"key/{reference}"
        full = arn("kms", context.region, context.account_id, resource)
    if ":alias/" in full:
        return f"Alias {full} is not found."
    return f"Key '{full}' does not exist"


def check_kms_key(context: Context, kms_key_id: Optional[str]) -> Optional[str]:
    """The key id to keep on the secret (``None``: the AWS managed key).

    An unknown key fails as AWS fails when its KMS call does: ``EncryptionFailure`` carrying
    KMS's error in the Java SDK's wording (quoted from a real PutSecretValue failure,
    terraform-provider-aws#30272; the error code is inferred from the model's description).
    An empty ``KmsKeyId`` means the default key (inferred).
    """
    if not kms_key_id:
        return None
    if context.backend.kms.find(kms_key_id) is None:
        raise ServiceError(
            "EncryptionFailure",
            f"Secrets Manager can't encrypt the secret value: "
            f"{_missing_key_text(context, kms_key_id)} (Service: AWSKMS; Status Code: 400; "
            f"Error Code: NotFoundException; Request ID: {context.ids.uuid4()})",
        )
    return kms_key_id
