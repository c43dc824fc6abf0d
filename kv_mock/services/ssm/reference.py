"""``/aws/reference/secretsmanager/<secret-id>[:<version-id or stage>]``: secrets read through SSM.

GetParameter and GetParameters answer these names from the Secrets Manager state of the same
account and region, with AWS's rules: the selector syntax is checked first, then decryption
must be requested, then the secret and the selected version must exist. Facts from AWS's
"Referencing AWS Secrets Manager secrets from Parameter Store parameters" page and recorded
AWS responses (the ``SourceResult`` layout comes from a real response of 2021).
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion

REFERENCE_ROOT = "/aws/reference/secretsmanager/"
#: The parameter version AWS reports for every reference.
REFERENCE_VERSION = 0

#: AWS prints the placeholders literally, after two spaces.
BAD_SELECTOR_MESSAGE = (
    "Invalid parameter name. Please use correct syntax for referencing a version/label  "
    "<name>:<version/label>"
)
NEEDS_DECRYPTION_MESSAGE = (
    "WithDecryption flag must be True for retrieving a Secret Manager secret."
)
SCHEDULED_FOR_DELETION_MESSAGE = "Invalid Request to Secrets Manager"


def is_reference(name: str) -> bool:
    return name.startswith(REFERENCE_ROOT)


def read_reference(context: Context, raw: str, with_decryption: bool) -> dict:
    """The ``Parameter`` shape for a Secrets Manager reference, or AWS's error for it."""
    secret_id, selector = _split(raw[len(REFERENCE_ROOT):])
    if not with_decryption:
        raise ServiceError("ValidationException", NEEDS_DECRYPTION_MESSAGE)
    secret = context.backend.secrets.by_name(secret_id)
    version = _select(secret, selector) if secret is not None else None
    if secret is None or version is None:
        # AWS appends the selector, or the literal "null" when there is none.
        raise ServiceError(
            "ParameterNotFound",
            "An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret "
            f"{REFERENCE_ROOT.lstrip('/')}{secret_id}{':' + selector if selector else 'null'} "
            "not found.",
        )
    if secret.deleted_date is not None:
        raise ServiceError("ValidationException", SCHEDULED_FOR_DELETION_MESSAGE)
    return _shape(secret, version, selector)


def _split(reference: str) -> tuple[str, Optional[str]]:
    secret_id, colon, selector = reference.partition(":")
    if not secret_id or (colon and (not selector or ":" in selector)):
        raise ServiceError("ValidationException", BAD_SELECTOR_MESSAGE)
    return secret_id, (selector if colon else None)


def _select(secret: Secret, selector: Optional[str]) -> Optional[SecretVersion]:
    """A selector is a version id or a staging label; none means ``AWSCURRENT``."""
    if selector is None:
        return secret.version_with_stage(AWSCURRENT)
    return secret.versions.get(selector) or secret.version_with_stage(selector)


def _shape(secret: Secret, version: SecretVersion, selector: Optional[str]) -> dict:
    shape = {
        "Name": REFERENCE_ROOT + secret.name,
        "Type": "SecureString",
        "Version": REFERENCE_VERSION,
        "LastModifiedDate": version.created_date,
        "ARN": secret.arn,
        "SourceResult": _source_result(secret, version),
    }
    if version.secret_string is not None:
        shape["Value"] = version.secret_string
    if selector is not None:
        shape["Selector"] = f":{selector}"
    return shape


def _source_result(secret: Secret, version: SecretVersion) -> str:
    """The GetSecretValue result as SSM embeds it: Java-style keys and date, compact JSON."""
    result: dict = {"ARN": secret.arn, "name": secret.name, "versionId": version.version_id}
    if version.secret_string is not None:
        result["secretString"] = version.secret_string
    result["versionStages"] = list(version.stages)
    result["createdDate"] = _java_date(version.created_date)
    return json.dumps(result, separators=(",", ":"))


def _java_date(instant: _dt.datetime) -> str:
    """``Oct 14, 2021, 10:18:47 AM``: how AWS's serializer printed the date (UTC)."""
    utc = instant.astimezone(_dt.timezone.utc)
    hour = utc.hour % 12 or 12
    return f"{utc:%b} {utc.day}, {utc.year}, {hour}:{utc:%M:%S} {utc:%p}"
