"""UpdateSecret: a new value (a new AWSCURRENT version), a description, a KMS key."""

from __future__ import annotations

from ...context import Context
from .encryption import check_kms_key
from .shared_access import shared_operation
from .lookup import writable_secret
from .versions import add_version, request_token, secret_value


@shared_operation("UpdateSecret")
def update_secret(context: Context, request: dict) -> dict:
    """``VersionId`` is in the answer only when a value made a new version."""
    request_token(request)  # checked before the lookup, as CreateSecret and PutSecretValue
    secret_string, secret_binary = secret_value(request)
    secret = writable_secret(context, request["SecretId"])
    if "KmsKeyId" in request:
        secret.kms_key_id = check_kms_key(context, request["KmsKeyId"])
    if "Description" in request:
        secret.description = request["Description"]
    response = {"ARN": secret.arn, "Name": secret.name}
    if secret_string is not None or secret_binary is not None:
        version = add_version(context, secret, request, secret_string, secret_binary)
        response["VersionId"] = version.version_id
    secret.last_changed_date = context.now
    return response
