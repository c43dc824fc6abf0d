"""ReplicateSecretToRegions, RemoveRegionsFromReplication, StopReplicationToReplica, and
cross-account AssociateCrossAccountReplica / DisassociateCrossAccountReplica.

The replicas themselves (their data, their refusals, DescribeSecret's fields) are in
:mod:`.replicas` and, across accounts, :mod:`.cross_account`.
"""

from __future__ import annotations

from ...context import Context
from ...errors import ServiceError
from .. import SECRETS_MANAGER, operation
from .cross_account import associate, disassociate, stop_replica
from .lookup import live_secret, writable_secret
from .replicas import (
    IN_SYNC, add_replicas, is_replica, primary_of, replica_arn, replication_status,
)

# Inferred texts: AWS's wording for these was not captured.
NOT_A_REPLICA_REGION_MESSAGE = "The secret is not replicated to region {region}."
NOT_A_REPLICA_MESSAGE = "The secret is not a replica secret."


@operation(SECRETS_MANAGER, "ReplicateSecretToRegions")
def replicate_secret_to_regions(context: Context, request: dict) -> dict:
    primary = writable_secret(context, request["SecretId"])
    status = add_replicas(
        context, primary, request["AddReplicaRegions"],
        bool(request.get("ForceOverwriteReplicaSecret")),
    )
    return {"ARN": primary.arn, "ReplicationStatus": status}


@operation(SECRETS_MANAGER, "RemoveRegionsFromReplication")
def remove_regions_from_replication(context: Context, request: dict) -> dict:
    """Deletes the replicas; the remaining ones are returned."""
    primary = writable_secret(context, request["SecretId"])
    regions = list(dict.fromkeys(request["RemoveReplicaRegions"]))
    for region in regions:
        if region not in primary.replicas:
            raise ServiceError(
                "InvalidParameterException", NOT_A_REPLICA_REGION_MESSAGE.format(region=region)
            )
    for region in regions:
        status = primary.replicas.pop(region)
        if status["Status"] == IN_SYNC["Status"]:
            store = context.backend_in(region).secrets
            replica = store.by_arn(replica_arn(primary, region))
            if replica is not None:
                store.remove(replica)
    if not primary.replicas:
        primary.primary_region = None
    return {"ARN": primary.arn, "ReplicationStatus": replication_status(primary)}


@operation(SECRETS_MANAGER, "StopReplicationToReplica")
def stop_replication_to_replica(context: Context, request: dict) -> dict:
    """Called in the replica's region (or account): the replica becomes a standalone secret."""
    replica = live_secret(context, request["SecretId"])
    if replica.cross_account_primary is not None:
        stop_replica(context, replica)
        return {"ARN": replica.arn}
    if not is_replica(replica):
        raise ServiceError("InvalidRequestException", NOT_A_REPLICA_MESSAGE)
    primary = primary_of(context, replica)
    replica.primary_region = None
    if primary is not None:
        primary.replicas.pop(context.region, None)
        if not primary.replicas:
            primary.primary_region = None
    return {"ARN": replica.arn}


@operation(SECRETS_MANAGER, "AssociateCrossAccountReplica")
def associate_cross_account_replica(context: Context, request: dict) -> dict:
    """Called by the primary's account; idempotent (again for the same replica re-syncs)."""
    primary = writable_secret(context, request["SecretId"])
    status = associate(context, primary, request)
    return {
        "ARN": primary.arn,
        "CrossAccountReplicaARN": request["CrossAccountReplicaARN"],
        "ReplicationStatus": status,
    }


@operation(SECRETS_MANAGER, "DisassociateCrossAccountReplica")
def disassociate_cross_account_replica(context: Context, request: dict) -> dict:
    """The replica stays, ``Detached``; the primary no longer lists it."""
    primary = writable_secret(context, request["SecretId"])
    disassociate(context, primary, request["CrossAccountReplicaARN"])
    return {"ARN": primary.arn, "CrossAccountReplicaARN": request["CrossAccountReplicaARN"]}
