"""Cross-account replicas: a secret in another account that receives its primary's values.

AWS's two-party protocol (botocore 1.44.2's model and the guide "Replicate AWS Secrets
Manager secrets across accounts"): the replica account creates the replica with
``CreateSecret(CrossAccountPrimaryARN=…, KmsKeyId=<customer managed key>)`` — no value, no
description, no region replicas — and Secrets Manager attaches the managed resource policy
``cross-account-replication`` to it; the replica shows ``CrossAccountPrimary`` with status
``Pending``. The primary account then calls ``AssociateCrossAccountReplica``; from then on
every change of the primary's versions is copied to the replica (values and staging labels:
the replica keeps its own description, tags, policies, KMS key and lifecycle), which the
mock does before the next call is answered, as it does for region replicas.
``DisassociateCrossAccountReplica`` (primary side) leaves the replica ``Detached``;
``StopReplicationToReplica`` (replica side) makes it a standalone secret, removes the
managed policy, and the primary's entry shows ``Detached``. Both secrets are in the same
region; the accounts are those of the callers' access keys (:mod:`kv_mock.accounts`).

The error texts here are inferred: AWS's wording for these refusals was not found.
"""

from __future__ import annotations

import copy
import json
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...state import MockState
from ...store.secrets import Secret

#: The managed resource policy's name ("Permissions for cross-account replication").
MANAGED_POLICY_NAME = "cross-account-replication"
PENDING, IN_SYNC, DETACHED = "Pending", "InSync", "Detached"
#: What a cross-account replica's CreateSecret may not include (the model's documentation).
EXCLUDED_ON_CREATE = ("SecretString", "SecretBinary", "Description", "AddReplicaRegions", "Type")
#: The AWS managed key "does not support cross-account access".
_AWS_MANAGED_KEY = "alias/aws/secretsmanager"

EXCLUDED_MESSAGE = "You can't include {member} when you create a cross-account replica secret."
KEY_MESSAGE = "A cross-account replica secret must be encrypted with a customer managed KMS key."
OTHER_ACCOUNT_MESSAGE = (
    "{member} must be the ARN of a secret in another account, in the same Region and "
    "partition."
)
NOT_ITS_REPLICA_MESSAGE = (
    "The secret {replica} is not a cross-account replica of the secret {primary}."
)
ONE_REPLICA_MESSAGE = "A primary secret can have at most one cross-account replica."
REPLICA_AS_PRIMARY_MESSAGE = "A cross-account replica secret can't be a primary secret."
NOT_ASSOCIATED_MESSAGE = "The secret {replica} is not associated with the secret {primary}."
REPLICA_VALUE_MESSAGE = (
    "You can't change the secret value of a cross-account replica secret. Change it in "
    "its primary secret."
)


def _arn_parts(secret_arn: str) -> Optional[tuple[str, str, str]]:
    """(partition, region, account) of a Secrets Manager secret ARN, else ``None``."""
    parts = secret_arn.split(":", 6)
    if len(parts) < 7 or parts[0] != "arn" or parts[2] != "secretsmanager":
        return None
    if parts[5] != "secret" or not parts[4].isdigit():
        return None
    return parts[1], parts[3], parts[4]


def check_other_account_arn(context: Context, request: dict, member: str) -> str:
    """The account of the ARN in ``request[member]``: a secret ARN in the caller's region
    and partition, in another account."""
    parts = _arn_parts(request[member])
    if parts is None or parts[:2] != (context.partition, context.region) or (
        parts[2] == context.account_id
    ):
        raise ServiceError(
            "InvalidParameterException", OTHER_ACCOUNT_MESSAGE.format(member=member)
        )
    return parts[2]


def _managed_policy(primary_account: str, partition: str) -> str:
    """The ``cross-account-replication`` policy: the primary's account may replicate in.

    Inferred content (AWS's document was not found): one statement allowing the primary
    account the internal AcceptCrossAccountReplication action the association performs.
    """
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:{partition}:iam::{primary_account}:root"},
            "Action": "secretsmanager:AcceptCrossAccountReplication",
            "Resource": "*",
        }],
    }, separators=(",", ":"))


def check_replica_request(context: Context, request: dict) -> None:
    """CreateSecret with ``CrossAccountPrimaryARN``: the request-level rules."""
    for member in EXCLUDED_ON_CREATE:
        if request.get(member) is not None:
            raise ServiceError(
                "InvalidParameterException", EXCLUDED_MESSAGE.format(member=member)
            )
    key = request.get("KmsKeyId")
    if not key or key == _AWS_MANAGED_KEY or key.endswith(":" + _AWS_MANAGED_KEY):
        raise ServiceError("InvalidParameterException", KEY_MESSAGE)
    check_other_account_arn(context, request, "CrossAccountPrimaryARN")


def make_replica(context: Context, secret: Secret, request: dict) -> None:
    """A new secret becomes a (still pending) cross-account replica of its primary."""
    primary_account = check_other_account_arn(context, request, "CrossAccountPrimaryARN")
    secret.cross_account_primary = {
        "PrimarySecretARN": request["CrossAccountPrimaryARN"], "ReplicationStatus": PENDING,
    }
    secret.managed_policies[MANAGED_POLICY_NAME] = _managed_policy(
        primary_account, context.partition
    )


def is_linked_replica(secret: Secret) -> bool:
    primary = secret.cross_account_primary
    return primary is not None and primary["ReplicationStatus"] != DETACHED


def refuse_replica_value_write(secret: Secret) -> None:
    """A replica's versions come from its primary while it is linked (inferred)."""
    if is_linked_replica(secret):
        raise ServiceError("InvalidRequestException", REPLICA_VALUE_MESSAGE)


def associated_replicas(primary: Secret) -> list[str]:
    """The ARNs of the replicas this primary still replicates to."""
    return [
        arn for arn, entry in primary.cross_account_replicas.items()
        if entry["ReplicationStatus"] != DETACHED
    ]


def replica_of(state: MockState, replica_arn: str) -> Optional[Secret]:
    parts = _arn_parts(replica_arn)
    if parts is None:
        return None
    return state.backend(parts[2], parts[1]).secrets.by_arn(replica_arn)


def associate(context: Context, primary: Secret, request: dict) -> str:
    """Link ``primary`` to the replica the request names and copy it there; its status."""
    if primary.cross_account_primary is not None:
        raise ServiceError("InvalidRequestException", REPLICA_AS_PRIMARY_MESSAGE)
    replica_arn = request["CrossAccountReplicaARN"]
    check_other_account_arn(context, request, "CrossAccountReplicaARN")
    replica = replica_of(context.state, replica_arn)
    if replica is None or replica.deleted_date is not None:
        raise ServiceError(
            "ResourceNotFoundException", "Secrets Manager can't find the specified secret."
        )
    if (replica.cross_account_primary or {}).get("PrimarySecretARN") != primary.arn:
        raise ServiceError("InvalidRequestException", NOT_ITS_REPLICA_MESSAGE.format(
            replica=replica_arn, primary=primary.arn))
    if any(arn != replica_arn for arn in associated_replicas(primary)):
        raise ServiceError("LimitExceededException", ONE_REPLICA_MESSAGE)
    entry = {"ReplicaSecretARN": replica_arn, "ReplicationStatus": IN_SYNC}
    if request.get("ReplicationRoleARN") is not None:
        entry["ReplicationRoleARN"] = request["ReplicationRoleARN"]
    primary.cross_account_replicas[replica_arn] = entry
    _copy_versions(replica, primary)
    return IN_SYNC


def disassociate(context: Context, primary: Secret, replica_arn: str) -> None:
    if replica_arn not in associated_replicas(primary):
        raise ServiceError("InvalidParameterException", NOT_ASSOCIATED_MESSAGE.format(
            replica=replica_arn, primary=primary.arn))
    del primary.cross_account_replicas[replica_arn]
    replica = replica_of(context.state, replica_arn)
    if replica is not None and replica.cross_account_primary is not None:
        replica.cross_account_primary["ReplicationStatus"] = DETACHED


def stop_replica(context: Context, replica: Secret) -> None:
    """StopReplicationToReplica on a cross-account replica: a standalone secret again."""
    link, replica.cross_account_primary = replica.cross_account_primary, None
    primary_arn = link["PrimarySecretARN"] if link else ""
    replica.managed_policies.pop(MANAGED_POLICY_NAME, None)
    primary = replica_of(context.state, primary_arn)
    if primary is not None and replica.arn in primary.cross_account_replicas:
        primary.cross_account_replicas[replica.arn]["ReplicationStatus"] = DETACHED


def _copy_versions(replica: Secret, primary: Secret) -> None:
    """The primary's versions (values and staging labels), under the replica's own key."""
    versions = copy.deepcopy(primary.versions)
    for version in versions.values():
        version.kms_key_id = replica.kms_key_id
    replica.versions = versions
    replica.last_changed_date = primary.last_changed_date
    if replica.cross_account_primary is not None:
        replica.cross_account_primary["ReplicationStatus"] = IN_SYNC


def sync_cross_account(state: MockState, primary: Secret) -> None:
    """Copy ``primary`` to each replica it is associated with."""
    for replica_arn in associated_replicas(primary):
        replica = replica_of(state, replica_arn)
        if replica is not None and is_linked_replica(replica):
            _copy_versions(replica, primary)


def cross_account_fields(secret: Secret) -> dict:
    """DescribeSecret's ``CrossAccountPrimary`` / ``CrossAccountReplicas``, when there are any."""
    fields: dict = {}
    if secret.cross_account_primary is not None:
        fields["CrossAccountPrimary"] = dict(secret.cross_account_primary)
    if secret.cross_account_replicas:
        fields["CrossAccountReplicas"] = [
            dict(entry) for _, entry in sorted(secret.cross_account_replicas.items())
        ]
    return fields
