"""Secrets Manager objects → API shapes, one function per shape.

AWS omits every member that has no value (no ``Description`` key rather than ``null``), so
each builder adds optional members only when they are set.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ...clock import PerPeriod
from ...store.secrets import Secret, SecretVersion
from .cross_account import cross_account_fields
from .replicas import replication_fields
from .rotation import rotation_fields

#: What ListSecretVersionIds shows in ``KmsKeyIds`` for the AWS managed key.
DEFAULT_ENCRYPTION_KEY = "DefaultEncryptionKey"


#: ``LastAccessedDate`` is kept "at the date level": midnight UTC of the access.
day_of: PerPeriod[_dt.datetime] = PerPeriod(
    lambda instant: instant.replace(hour=0, minute=0, second=0, microsecond=0),
    _dt.timedelta(days=1),
    lambda midnight: midnight,
)


def _set_if(shape: dict, key: str, value: Any) -> None:
    if value is not None:
        shape[key] = value


def value_shape(secret: Secret, version: SecretVersion) -> dict:
    """One secret value, as GetSecretValue and BatchGetSecretValue return it.

    ``CreatedDate`` is the version's creation time, not the secret's.
    """
    shape = {
        "ARN": secret.arn,
        "Name": secret.name,
        "VersionId": version.version_id,
        "VersionStages": sorted(version.stages),
        "CreatedDate": version.created_date,
    }
    _set_if(shape, "SecretString", version.secret_string)
    _set_if(shape, "SecretBinary", version.secret_binary)
    return shape


def version_ids_to_stages(secret: Secret) -> dict[str, list[str]]:
    """Every labelled version and its labels; deprecated (unlabelled) versions are left out."""
    return {version.version_id: sorted(version.stages) for version in secret.labelled_versions()}


def tags_shape(secret: Secret) -> list[dict]:
    return [{"Key": key, "Value": value} for key, value in secret.tags.items()]


def describe_shape(secret: Secret) -> dict:
    """DescribeSecret's answer: every member AWS returns for this secret, and no other."""
    shape: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
    if secret.description:
        # An empty Description is not shown (recorded: after create_secret(Description=""),
        # DescribeSecret has no Description key; localstack's AWS-validated
        # ``test_create_secret_version_from_empty_secret``).
        shape["Description"] = secret.description
    _set_if(shape, "KmsKeyId", secret.kms_key_id)
    shape["LastChangedDate"] = secret.last_changed_date
    _set_if(shape, "LastAccessedDate", secret.last_accessed_date)
    _set_if(shape, "DeletedDate", secret.deleted_date)
    if secret.tagged:
        shape["Tags"] = tags_shape(secret)
    stages = version_ids_to_stages(secret)
    if stages:
        shape["VersionIdsToStages"] = stages
    _set_if(shape, "OwningService", secret.owning_service)
    shape["CreatedDate"] = secret.created_date
    shape.update(rotation_fields(secret))
    shape.update(replication_fields(secret))
    shape.update(cross_account_fields(secret))
    return shape


def list_entry_shape(secret: Secret) -> dict:
    """A ``SecretListEntry`` of ListSecrets: DescribeSecret's members under ListSecrets' names.

    The entry calls the stage map ``SecretVersionsToStages`` and has no ``ReplicationStatus``
    (nor the cross-account members).
    """
    shape = describe_shape(secret)
    for member in ("ReplicationStatus", "CrossAccountPrimary", "CrossAccountReplicas"):
        shape.pop(member, None)
    stages = shape.pop("VersionIdsToStages", None)
    if stages is not None:
        shape["SecretVersionsToStages"] = stages
    return shape


def version_entry_shape(version: SecretVersion) -> dict:
    """One entry of ListSecretVersionIds; a deprecated version has no ``VersionStages`` key."""
    shape: dict[str, Any] = {"VersionId": version.version_id}
    if version.stages:
        shape["VersionStages"] = sorted(version.stages)
    _set_if(shape, "LastAccessedDate", version.last_accessed_date)
    shape["CreatedDate"] = version.created_date
    shape["KmsKeyIds"] = [version.kms_key_id or DEFAULT_ENCRYPTION_KEY]
    return shape
