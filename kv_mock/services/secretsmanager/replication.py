"""Replication of a secret to other regions: replicas, their status, and their limits.

A replica is a :class:`~kv_mock.store.secrets.Secret` in the other region's backend with the
primary's name and ARN suffix (only the region differs) and ``primary_region`` set to the
primary's region; the primary keeps one ReplicationStatus entry per replica region.
"""

from __future__ import annotations

from ...errors import ServiceError
from ...store.secrets import Secret

REPLICA_WRITE_MESSAGE = (
    "Operation not permitted on a replica secret. Call must be made in primary secret's region."
)


def region_of(secret: Secret) -> str:
    """The region in the secret's ARN (``arn:partition:secretsmanager:<region>:…``)."""
    return secret.arn.split(":")[3]


def is_replica(secret: Secret) -> bool:
    return secret.primary_region is not None and secret.primary_region != region_of(secret)


def refuse_replica(secret: Secret) -> Secret:
    """Writes to a replica are refused: they must go to the primary's region."""
    if is_replica(secret):
        raise ServiceError("InvalidParameterException", REPLICA_WRITE_MESSAGE)
    return secret
