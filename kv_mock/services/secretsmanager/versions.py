"""Adding a secret version: value rules, ClientRequestToken idempotency, stages, retention."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion
from .cross_account import refuse_replica_value_write
from .encryption import check_encryptable

#: "Secrets Manager keeps 100 of the most recent versions, but it keeps all secret versions
#: created in the last 24 hours."
RETAINED_VERSIONS = 100
RETAINED_PERIOD = _dt.timedelta(hours=24)
#: A version carries at most 20 staging labels (the model's VersionStages limit).
MAX_STAGES_PER_VERSION = 20

BOTH_VALUES_MESSAGE = (
    "You can't specify both a binary secret value and a string secret value in the same "
    "secret."
)
#: Recorded (localstack's AWS-validated snapshot ``test_no_client_request_token``).
NO_TOKEN_MESSAGE = "You must provide a ClientRequestToken value. We recommend a UUID-type value."
NO_VALUE_MESSAGE = "You must provide either SecretString or SecretBinary."


def secret_value(
    request: dict, required: bool = False
) -> tuple[Optional[str], Optional[bytes]]:
    """The request's SecretString / SecretBinary; both at once is refused, and neither
    when ``required`` (PutSecretValue)."""
    secret_string = request.get("SecretString")
    secret_binary = request.get("SecretBinary")
    if secret_string is not None and secret_binary is not None:
        # Inferred text: the docs say "either ... but not both"; AWS's wording was not found.
        raise ServiceError("InvalidParameterException", BOTH_VALUES_MESSAGE)
    if required and secret_string is None and secret_binary is None:
        raise ServiceError("InvalidRequestException", NO_VALUE_MESSAGE)
    return secret_string, secret_binary


def check_stage_room(version: SecretVersion, adding: list[str]) -> None:
    """Refuse labels that would leave ``version`` with more than 20."""
    if len(version.stages) + len(adding) <= MAX_STAGES_PER_VERSION:
        return  # the usual case, told without building the union
    if len(set(version.stages) | set(adding)) > MAX_STAGES_PER_VERSION:
        # Inferred text: AWS's wording for this quota was not found.
        raise ServiceError(
            "LimitExceededException",
            f"A secret version can have at most {MAX_STAGES_PER_VERSION} staging labels.",
        )


def reused_token(
    secret: Secret,
    token: str,
    secret_string: Optional[str],
    secret_binary: Optional[bytes],
) -> Optional[SecretVersion]:
    """The version a retried request (same token, same value) already made, else ``None``.

    The same token with another value is ``ResourceExistsException``.
    """
    existing = secret.versions.get(token)
    if existing is None or not existing.has_value:
        return None  # a rotation's empty AWSPENDING version: the rotation function fills it
    if existing.same_value(secret_string, secret_binary):
        return existing
    raise ServiceError(
        "ResourceExistsException",
        f"You can't use ClientRequestToken {token} because that value is already in use "
        f"for a version of secret {secret.arn}.",
    )


def request_token(request: dict, code: str = "InvalidRequestException") -> str:
    """The ClientRequestToken: SDKs always send one, a raw request may not.

    AWS checks it before it looks the secret up: on a secret that does not exist, a raw
    CreateSecret, UpdateSecret or PutSecretValue without one is InvalidRequestException
    and RotateSecret InvalidParameterException (``code``), not ResourceNotFoundException
    (recorded: localstack's AWS-validated ``test_no_client_request_token``). So every
    writer checks the request first — token, then the value members — and only then
    looks the secret up.
    """
    token = request.get("ClientRequestToken")
    if not token:
        raise ServiceError(code, NO_TOKEN_MESSAGE)
    return token


def add_version(
    context: Context,
    secret: Secret,
    request: dict,
    secret_string: Optional[str],
    secret_binary: Optional[bytes],
    stages: Optional[list[str]] = None,
) -> SecretVersion:
    """Store a new version under the request's ClientRequestToken.

    Same token and same value again: the existing version, untouched (a retry). Without
    ``stages`` the new version becomes AWSCURRENT; the first version of a secret always
    does. Each listed label leaves the version that had it; AWSCURRENT moving makes the old
    current version AWSPREVIOUS (:meth:`~kv_mock.store.secrets.Secret.add_version`).
    """
    token = request_token(request)
    refuse_replica_value_write(secret)
    existing = reused_token(secret, token, secret_string, secret_binary)
    if existing is not None:
        return existing
    check_encryptable(context, secret.kms_key_id)
    labels = list(dict.fromkeys(stages)) if stages else [AWSCURRENT]
    if secret.version_with_stage(AWSCURRENT) is None and AWSCURRENT not in labels:
        labels.insert(0, AWSCURRENT)
    version = SecretVersion(
        token, context.now, secret_string, secret_binary, kms_key_id=secret.kms_key_id
    )
    check_stage_room(version, labels)
    version.stages = labels
    secret.add_version(version)  # the labels leave their versions; see Secret.add_version
    secret.last_changed_date = context.now
    drop_old_deprecated_versions(secret, context.now)
    return version


def drop_old_deprecated_versions(secret: Secret, now: _dt.datetime) -> None:
    """Beyond 100 versions, drop the oldest unlabelled ones not created in the last 24 h.

    The secret's index keeps its unlabelled versions oldest first, so this looks at the
    versions it drops and one more: O(log n) per call, however many versions there are.
    """
    excess = len(secret.versions) - RETAINED_VERSIONS
    if excess > 0:
        secret.drop_deprecated(now - RETAINED_PERIOD, excess)
