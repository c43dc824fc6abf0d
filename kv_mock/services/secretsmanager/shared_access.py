"""Another account's secret, by its full ARN: Secrets Manager's cross-account access.

AWS's user guide ("Access AWS Secrets Manager secrets from a different account"): a caller
in one account may call the operations listed in :data:`CROSS_ACCOUNT_OPERATIONS` on a
secret of another account, named by its ARN, when the secret's resource policy allows it
(:mod:`kv_mock.services.iam_policy`); otherwise IAM's ``AccessDeniedException``. The
secret must be encrypted with a customer managed key: "you can't use the AWS managed key
(aws/secretsmanager) for cross-account access". Such a call runs as the owner's: the
handler is given the owner's account, region and backend, so every rule (KMS keys,
staging, replication) is the owner's, and the call log still names the caller.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from ...arns import foreign_account
from ...context import Context
from ...errors import ServiceError
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from ..iam_policy import allows, not_authorized
from .encryption import DEFAULT_KEY_ALIAS

#: The operations cross-account permission is effective for, as AWS's user guide lists
#: them (those without a secret to name, GetRandomPassword among them, need no owner).
CROSS_ACCOUNT_OPERATIONS = frozenset({
    "CancelRotateSecret", "DeleteResourcePolicy", "DeleteSecret", "DescribeSecret",
    "GetResourcePolicy", "GetSecretValue", "ListSecretVersionIds", "PutResourcePolicy",
    "PutSecretValue", "RestoreSecret", "RotateSecret", "UpdateSecret",
    "UpdateSecretVersionStage", "ValidateResourcePolicy",
})
#: Operations that encrypt or decrypt the value, and so need a key the caller may use.
_VALUE_OPERATIONS = frozenset({"GetSecretValue", "PutSecretValue", "UpdateSecret"})
#: The message AWS's knowledge center quotes for a cross-account read of a secret under
#: the AWS managed key (repost.aws/knowledge-center/secrets-manager-cross-account-key);
#: the error code is inferred: the one Secrets Manager uses for a refused request.
MANAGED_KEY_MESSAGE = (
    "You can't access a secret from a different AWS account if you encrypt the secret with "
    "the default KMS service key."
)
Handler = Callable[[Context, dict], dict]


def shared_operation(name: str, **options: Any) -> Callable[[Handler], Handler]:
    """Register a Secrets Manager handler that another account may call by the secret's ARN."""
    assert name in CROSS_ACCOUNT_OPERATIONS, name

    def register(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def as_owner(context: Context, request: dict) -> dict:
            secret_id = request.get("SecretId")
            if isinstance(secret_id, str) and secret_id.startswith("arn:"):  # maybe another's
                context = owner_context(context, secret_id, name)
            return handler(context, request)

        return operation(SECRETS_MANAGER, name, **options)(as_owner)

    return register


def owner_context(context: Context, secret_id: Any, operation_name: str) -> Context:
    """``context``, or the owner's if ``secret_id`` is the ARN of another account's secret.

    An ARN of another region is left to the ordinary lookup (the caller's region has no
    such secret: ResourceNotFoundException, as AWS answers it).
    """
    account = foreign_account(
        secret_id, "secretsmanager", "secret:", region=context.region,
        account_id=context.account_id,
    ) if isinstance(secret_id, str) else None
    if account is None:
        return context
    action = f"secretsmanager:{operation_name}"
    owner = context.state.backends.get((account, context.region))
    secret = owner.secrets.by_arn(secret_id) if owner is not None else None
    if owner is None or secret is None or not allows(
        _policies(secret), context.account_id, action, secret.arn
    ):
        # A missing secret is refused alike: the caller learns nothing of another account.
        raise not_authorized(context.partition, context.account_id, action, secret_id)
    if operation_name in _VALUE_OPERATIONS and _under_managed_key(owner, secret):
        raise ServiceError("InvalidRequestException", MANAGED_KEY_MESSAGE)
    return Context(context.state, owner.account_id, owner.region, owner, context.now)


def _policies(secret: Secret) -> list[str]:
    named = list(secret.managed_policies.values())
    return [secret.resource_policy, *named] if secret.resource_policy else named


def _under_managed_key(owner: Any, secret: Secret) -> bool:
    reference: Optional[str] = secret.kms_key_id
    if not reference or reference == DEFAULT_KEY_ALIAS:
        return True
    key = owner.kms.find(reference)
    return key is not None and key.key_manager != "CUSTOMER"
