"""Replicas: what they are, what they copy from their primary, and the writes they refuse.

A replica is a :class:`~kv_mock.store.secrets.Secret` in the other region's backend with the
primary's name and ARN suffix (only the region differs) and ``primary_region`` set to the
primary's region; the primary keeps one ReplicationStatus entry per replica region.

Like AWS, replication is asynchronous: every write to a primary that has replicas schedules a
copy of its data (values, stages, description, tags, policy) to them, due at once, so it is
applied before the next call — to any region — is answered.
"""

from __future__ import annotations

import copy
import datetime as _dt
from typing import Callable, Optional

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...events import register_rescheduler
from ...state import MockState
from ...store.secrets import Secret
from .cross_account import associated_replicas, sync_cross_account

REPLICA_WRITE_MESSAGE = (
    "Operation not permitted on a replica secret. Call must be made in primary secret's region."
)
# Text as moto gives it; AWS's wording was not captured.
INVALID_REGION_MESSAGE = "Invalid replica region."

IN_SYNC = {"Status": "InSync", "StatusMessage": "Replication succeeded"}
#: The ReplicationStatus for a region where the name is taken. The text follows moto's
#: test, whose hard-coded secret name ``simple`` betrays a real AWS answer copied into it
#: (medium confidence); the model's documentation example is worded differently.
NAME_TAKEN_MESSAGE = "Replication failed: Secret name {name} already exists in region {region}."

#: What a replica copies from its primary (everything else is its own).
_REPLICATED_FIELDS = (
    "description", "tags", "tagged", "versions", "last_changed_date", "resource_policy",
    "managed_policies",
    "rotation_enabled", "rotation_lambda_arn", "rotation_rules", "last_rotated_date",
    "next_rotation_date",
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


def primary_write(context: Context, secret: Secret) -> Secret:
    """Before a write: refused on a replica; on a primary, its replicas follow (see module)."""
    refuse_replica(secret)
    sync_soon(context.state, context.account_id, secret, context.now)
    return secret


def sync_soon(state: MockState, account_id: str, primary: Secret, now: _dt.datetime) -> None:
    """Have ``primary``'s replicas copy it before the next call is answered."""
    if primary.replicas or primary.cross_account_replicas:
        state.schedule(now, _sync_event(state, account_id, primary))


def refuse_deleting_a_primary(secret: Secret) -> None:
    """A primary can't be deleted while it has replicas (remove them first)."""
    if secret.replicas:
        regions = ", ".join(sorted(secret.replicas))
        raise ServiceError(
            "InvalidParameterException",
            f"You can't delete secret {secret.arn} that still has replica regions [{regions}].",
        )
    replicas = associated_replicas(secret)
    if replicas:
        # "You must disassociate a cross-account replica before you call DeleteSecret for
        # the primary secret" (the model); the text is inferred.
        raise ServiceError(
            "InvalidRequestException",
            f"You can't delete secret {secret.arn} that still has cross-account replicas "
            f"[{', '.join(replicas)}].",
        )


# -- copying ---------------------------------------------------------------------------
def replica_arn(primary: Secret, region: str) -> str:
    _, _, service, _, account_id, resource = primary.arn.split(":", 5)
    return arn(service, region, account_id, resource)


def primary_of(context: Context, replica: Secret) -> Optional[Secret]:
    """The primary a replica copies, if it still exists."""
    region = replica.primary_region
    if region is None:
        return None
    return context.backend_in(region).secrets.by_arn(replica_arn(replica, region))


def _copy_into(replica: Secret, primary: Secret) -> None:
    for name in _REPLICATED_FIELDS:
        setattr(replica, name, copy.deepcopy(getattr(primary, name)))


def _sync(state: MockState, account_id: str, primary: Secret) -> None:
    for region, status in primary.replicas.items():
        if status["Status"] != IN_SYNC["Status"]:
            continue
        replica = state.backend(account_id, region).secrets.by_arn(replica_arn(primary, region))
        if replica is not None:
            _copy_into(replica, primary)
    sync_cross_account(state, primary)


def _sync_event(state: MockState, account_id: str, primary: Secret) -> Callable[[], None]:
    def sync() -> None:
        _sync(state, account_id, primary)
    return sync


@register_rescheduler
def _resync_replicas(state: MockState) -> None:
    """After a restore or reload: replicas catch up with their primary before the next call.

    Scheduled, not done here: a restore must reproduce its snapshot exactly, and a sync
    that was pending when the snapshot was taken is only owed to the next call.
    """
    now = state.clock.now()
    for (account_id, _), backend in list(state.backends.items()):
        for secret in backend.secrets:
            sync_soon(state, account_id, secret, now)


def add_replicas(context: Context, primary: Secret, regions: list[dict], force: bool) -> list[dict]:
    """Replicate ``primary`` to each of ``regions``; returns the ReplicationStatus entries."""
    own_region = region_of(primary)
    for entry in regions:
        if entry["Region"] == own_region:
            raise ServiceError("InvalidParameterException", INVALID_REGION_MESSAGE)
    primary.primary_region = own_region
    for entry in regions:
        region = entry["Region"]
        status = {"Region": region}
        if entry.get("KmsKeyId") is not None:
            status["KmsKeyId"] = entry["KmsKeyId"]
        status.update(_place_replica(context, primary, region, entry.get("KmsKeyId"), force))
        primary.replicas[region] = status
    return replication_status(primary)


def _place_replica(
    context: Context, primary: Secret, region: str, kms_key_id: Optional[str], force: bool
) -> dict:
    store = context.backend_in(region).secrets
    taken = store.by_name(primary.name)
    arn_in_region = replica_arn(primary, region)
    if taken is not None and taken.arn != arn_in_region:
        if not force:
            return {
                "Status": "Failed",
                "StatusMessage": NAME_TAKEN_MESSAGE.format(name=primary.name, region=region),
            }
        store.remove(taken)
    replica = store.by_arn(arn_in_region) or store.add(Secret(
        name=primary.name, arn=arn_in_region, created_date=context.now,
        last_changed_date=context.now, kms_key_id=kms_key_id,
        primary_region=region_of(primary),
    ))
    _copy_into(replica, primary)
    return IN_SYNC


def replicate_on_create(context: Context, secret: Secret, request: dict) -> dict:
    """CreateSecret's ``AddReplicaRegions``: the ``ReplicationStatus`` member, if asked for."""
    regions = request.get("AddReplicaRegions")
    if not regions:
        return {}
    force = bool(request.get("ForceOverwriteReplicaSecret"))
    return {"ReplicationStatus": add_replicas(context, secret, regions, force)}


def replication_status(primary: Secret) -> list[dict]:
    return [dict(status) for _, status in sorted(primary.replicas.items())]


def replication_fields(secret: Secret) -> dict:
    """DescribeSecret's ``PrimaryRegion`` (primaries and replicas) and ``ReplicationStatus``."""
    fields: dict = {}
    if secret.primary_region is not None:
        fields["PrimaryRegion"] = secret.primary_region
    if secret.replicas:
        fields["ReplicationStatus"] = replication_status(secret)
    return fields
