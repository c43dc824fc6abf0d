"""DeleteSecret and RestoreSecret: the recovery window, forced deletion, the purge.

A deleted secret stays, marked with the date it will go (``DeletedDate``), refusing every
read and write, until RestoreSecret or that date; then it is really gone and its name is free
(a re-created secret gets a new ARN). A forced deletion is immediate.
"""

from __future__ import annotations

import datetime as _dt

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...events import register_rescheduler
from ...state import MockState
from ...store.secrets import Secret, SecretStore
from .shared_access import shared_operation
from .lookup import check_writable, existing_secret, find_secret
from .replicas import refuse_deleting_a_primary

#: "RecoveryWindowInDays": 7 to 30 days, 30 if not given.
MIN_RECOVERY_WINDOW_DAYS = 7
MAX_RECOVERY_WINDOW_DAYS = 30
DEFAULT_RECOVERY_WINDOW_DAYS = 30

WINDOW_RANGE_MESSAGE = (
    f"The RecoveryWindowInDays value must be between {MIN_RECOVERY_WINDOW_DAYS} and "
    f"{MAX_RECOVERY_WINDOW_DAYS} days (inclusive)."
)
# Text as moto gives it; AWS's wording was not captured.
FORCE_WITH_WINDOW_MESSAGE = (
    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
)
# Text as moto and LocalStack give it; AWS's wording was not captured.
ALREADY_DELETED_MESSAGE = (
    "You tried to perform the operation on a secret that's currently marked deleted."
)


def _deletion_response(secret_arn: str, name: str, when: _dt.datetime) -> dict:
    return {"ARN": secret_arn, "Name": name, "DeletionDate": when}


def _force_delete(context: Context, secret_id: str) -> dict:
    """Gone at once; a secret that does not exist is no error (AWS documents this)."""
    secret = find_secret(context, secret_id)
    if secret is None:
        # Inferred answer for a missing secret: the id as name, an ARN made up for it.
        made_up = secret_id if secret_id.startswith("arn:") else arn(
            "secretsmanager", context.region, context.account_id,
            f"secret:{secret_id}-{context.ids.secret_arn_suffix()}",
        )
        return _deletion_response(made_up, secret_id, context.now)
    check_writable(context, secret)
    refuse_deleting_a_primary(secret)
    context.backend.secrets.remove(secret)
    return _deletion_response(secret.arn, secret.name, context.now)


def _purge_when_due(store: SecretStore, secret: Secret, when: _dt.datetime):
    """The scheduled purge: only if the secret is still there and still due at ``when``."""

    def purge() -> None:
        if store.by_arn(secret.arn) is secret and secret.deleted_date == when:
            store.remove(secret)
    return purge


@register_rescheduler
def _reschedule_purges(state: MockState) -> None:
    """After a restore or reload: every secret still scheduled for deletion, again."""
    for backend in state.backends.values():
        for secret in backend.secrets:
            if secret.deleted_date is not None:
                state.schedule(
                    secret.deleted_date,
                    _purge_when_due(backend.secrets, secret, secret.deleted_date),
                )


@shared_operation("DeleteSecret")
def delete_secret(context: Context, request: dict) -> dict:
    window = request.get("RecoveryWindowInDays")
    if window is not None and not MIN_RECOVERY_WINDOW_DAYS <= window <= MAX_RECOVERY_WINDOW_DAYS:
        raise ServiceError("InvalidParameterException", WINDOW_RANGE_MESSAGE)
    if request.get("ForceDeleteWithoutRecovery"):
        if window is not None:
            raise ServiceError("InvalidParameterException", FORCE_WITH_WINDOW_MESSAGE)
        return _force_delete(context, request["SecretId"])
    secret = existing_secret(context, request["SecretId"])
    if secret.deleted_date is not None:
        raise ServiceError("InvalidRequestException", ALREADY_DELETED_MESSAGE)
    check_writable(context, secret)
    refuse_deleting_a_primary(secret)
    when = context.now + _dt.timedelta(days=window or DEFAULT_RECOVERY_WINDOW_DAYS)
    secret.deleted_date = when
    secret.last_changed_date = context.now
    context.state.schedule(when, _purge_when_due(context.backend.secrets, secret, when))
    return _deletion_response(secret.arn, secret.name, when)


@shared_operation("RestoreSecret")
def restore_secret(context: Context, request: dict) -> dict:
    """Cancels a scheduled deletion; on a secret that is not deleted it changes nothing."""
    secret = check_writable(context, existing_secret(context, request["SecretId"]))
    if secret.deleted_date is not None:
        secret.deleted_date = None
        secret.last_changed_date = context.now
    return {"ARN": secret.arn, "Name": secret.name}
