"""Adding a secret version: value rules, ClientRequestToken idempotency, stages, retention."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion

#: "Secrets Manager keeps 100 of the most recent versions, but it keeps all secret versions
#: created in the last 24 hours."
RETAINED_VERSIONS = 100
RETAINED_PERIOD = _dt.timedelta(hours=24)

BOTH_VALUES_MESSAGE = (
    "You can't specify both a binary secret value and a string secret value in the same "
    "secret."
)
NO_TOKEN_MESSAGE = "You must provide a ClientRequestToken value. We recommend a UUID-type value."


def secret_value(request: dict) -> tuple[Optional[str], Optional[bytes]]:
    """The request's SecretString / SecretBinary; both at once is refused."""
    secret_string = request.get("SecretString")
    secret_binary = request.get("SecretBinary")
    if secret_string is not None and secret_binary is not None:
        raise ServiceError("InvalidParameterException", BOTH_VALUES_MESSAGE)
    return secret_string, secret_binary


def add_version(
    context: Context,
    secret: Secret,
    request: dict,
    secret_string: Optional[str],
    secret_binary: Optional[bytes],
    stages: Optional[list[str]] = None,
) -> SecretVersion:
    """Store a new version under the request's ClientRequestToken.

    Same token and same value again: the existing version, untouched (a retry). Same token
    and another value: ``ResourceExistsException``. Without ``stages`` the new version
    becomes AWSCURRENT; the first version of a secret always does.
    """
    token = request.get("ClientRequestToken")
    if not token:
        raise ServiceError("InvalidRequestException", NO_TOKEN_MESSAGE)
    existing = secret.versions.get(token)
    if existing is not None:
        if existing.same_value(secret_string, secret_binary):
            return existing
        raise ServiceError(
            "ResourceExistsException",
            f"You can't use ClientRequestToken {token} because that value is already in use "
            f"for a version of secret {secret.arn}.",
        )
    version = SecretVersion(token, context.now, secret_string, secret_binary)
    secret.versions[token] = version
    labels = list(dict.fromkeys(stages)) if stages else [AWSCURRENT]
    if secret.version_with_stage(AWSCURRENT) is None and AWSCURRENT not in labels:
        labels.insert(0, AWSCURRENT)
    for label in labels:
        if label == AWSCURRENT:
            secret.make_current(version)
        else:
            secret.move_stage(label, version)
    secret.last_changed_date = context.now
    _drop_old_deprecated_versions(secret, context.now)
    return version


def _drop_old_deprecated_versions(secret: Secret, now: _dt.datetime) -> None:
    """Beyond 100 versions, drop the oldest unlabelled ones not created in the last 24 h."""
    excess = len(secret.versions) - RETAINED_VERSIONS
    if excess <= 0:
        return
    for version_id, version in list(secret.versions.items()):
        if excess == 0:
            break
        if not version.stages and now - version.created_date > RETAINED_PERIOD:
            del secret.versions[version_id]
            excess -= 1
