"""Finding a secret from a ``SecretId`` (name, full ARN or partial ARN), with AWS's errors."""

from __future__ import annotations

import re
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import Secret
from .replicas import primary_write

INVALID_NAME_MESSAGE = (
    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
    "following: -/_+=.@!"
)
NOT_FOUND_MESSAGE = "Secrets Manager can't find the specified secret."
MARKED_FOR_DELETION_MESSAGE = (
    "You can't perform this operation on the secret because it was marked for deletion."
)
_NAME = re.compile(r"[A-Za-z0-9/_+=.@!\-]+")


def check_secret_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ServiceError("ValidationException", INVALID_NAME_MESSAGE)
    return name


def not_found() -> ServiceError:
    return ServiceError("ResourceNotFoundException", NOT_FOUND_MESSAGE)


def find_secret(context: Context, secret_id: str) -> Optional[Secret]:
    """The secret ``secret_id`` names, or ``None``; a malformed name is an error."""
    store = context.backend.secrets
    if secret_id.startswith("arn:"):
        return store.by_arn(secret_id)
    return store.by_name(check_secret_name(secret_id))


def existing_secret(context: Context, secret_id: str) -> Secret:
    """The secret ``secret_id`` names, or ``ResourceNotFoundException``."""
    secret = find_secret(context, secret_id)
    if secret is None:
        raise not_found()
    return secret


def live_secret(context: Context, secret_id: str) -> Secret:
    """An existing secret that is not scheduled for deletion (every read and write)."""
    secret = find_secret(context, secret_id)
    if secret is None:
        raise not_found()
    if secret.deleted_date is not None:
        raise ServiceError("InvalidRequestException", MARKED_FOR_DELETION_MESSAGE)
    return secret


def writable_secret(context: Context, secret_id: str) -> Secret:
    """A live secret that this call may change: the lookup of every write operation."""
    return check_writable(context, live_secret(context, secret_id))


def check_writable(context: Context, secret: Secret) -> Secret:
    """``secret`` if writes to it are allowed in this region: the one place they are refused."""
    return primary_write(context, secret)


def version_not_found(version_id: str) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException",
        f"Secrets Manager can't find the specified secret value for VersionId: {version_id}",
    )


def stage_not_found(stage: str) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException",
        f"Secrets Manager can't find the specified secret value for staging label: {stage}",
    )
