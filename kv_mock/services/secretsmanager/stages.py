"""UpdateSecretVersionStage: moving and removing staging labels, with AWS's rules.

A label is on at most one version. Moving it needs ``RemoveFromVersionId`` naming the
version that has it; AWSCURRENT can only move, never be removed outright, and when it moves
the version that had it becomes AWSPREVIOUS. A version left without labels is deprecated.
"""

from __future__ import annotations

from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion
from .cross_account import refuse_replica_value_write
from .shared_access import shared_operation
from .lookup import version_not_found, writable_secret
from .versions import check_stage_room

CURRENT_NOT_REMOVABLE_MESSAGE = (
    "You can only move staging label AWSCURRENT to a different secret version. "
    "It can't be completely removed."
)


def _version(secret: Secret, version_id: Optional[str]) -> Optional[SecretVersion]:
    if version_id is None:
        return None
    version = secret.versions.get(version_id)
    if version is None:
        # Inferred: an unknown version id gets GetSecretValue's not-found error.
        raise version_not_found(version_id)
    return version


def _check_remove_from(
    stage: str, holder: Optional[SecretVersion], remove_from: SecretVersion
) -> None:
    if remove_from is not holder:
        # Text as other emulators give it (moto/floci); AWS's wording not captured.
        raise ServiceError(
            "InvalidParameterException",
            f"When you move staging label {stage}, if you specify RemoveFromVersionId, it "
            f"must be set to the version that currently has the staging label {stage}.",
        )


def _check_move_allowed(
    stage: str, holder: Optional[SecretVersion], move_to: SecretVersion
) -> None:
    if holder is not None and holder is not move_to:
        raise ServiceError(
            "InvalidParameterException",
            f"The parameter RemoveFromVersionId can't be empty. Staging label {stage} is "
            f"currently attached to version {holder.version_id}, so you must explicitly "
            f"reference that version in RemoveFromVersionId.",
        )


@shared_operation("UpdateSecretVersionStage")
def update_secret_version_stage(context: Context, request: dict) -> dict:
    secret = writable_secret(context, request["SecretId"])
    refuse_replica_value_write(secret)
    stage = request["VersionStage"]
    move_to = _version(secret, request.get("MoveToVersionId"))
    remove_from = _version(secret, request.get("RemoveFromVersionId"))
    holder = secret.version_with_stage(stage)
    if remove_from is not None:
        _check_remove_from(stage, holder, remove_from)
    elif move_to is not None:
        _check_move_allowed(stage, holder, move_to)
    if move_to is None and remove_from is not None and stage == AWSCURRENT:
        raise ServiceError("InvalidParameterException", CURRENT_NOT_REMOVABLE_MESSAGE)
    if move_to is not None:
        check_stage_room(move_to, [stage])
        if stage == AWSCURRENT:
            secret.make_current(move_to)
        else:
            secret.move_stage(stage, move_to)
    elif remove_from is not None:
        secret.move_stage(stage, None)
    secret.last_changed_date = context.now
    return {"ARN": secret.arn, "Name": secret.name}
