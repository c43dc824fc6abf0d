"""CreateSecret, GetSecretValue, PutSecretValue."""

from __future__ import annotations

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion
from .. import SECRETS_MANAGER, operation
from .lookup import check_secret_name, live_secret
from .versions import add_version, secret_value

SCHEDULED_NAME_MESSAGE = (
    "You can't create this secret because a secret with this name is already scheduled "
    "for deletion."
)
STAGE_NOT_ON_VERSION_MESSAGE = (
    "You provided a VersionStage that is not associated to the provided VersionId."
)


def day_of(context: Context):
    """``LastAccessedDate`` is kept "at the date level": midnight UTC of today."""
    return context.now.replace(hour=0, minute=0, second=0, microsecond=0)


def value_shape(secret: Secret, version: SecretVersion) -> dict:
    """One secret value, as GetSecretValue and BatchGetSecretValue return it."""
    shape = {
        "ARN": secret.arn,
        "Name": secret.name,
        "VersionId": version.version_id,
        "VersionStages": sorted(version.stages),
        "CreatedDate": version.created_date,
    }
    if version.secret_string is not None:
        shape["SecretString"] = version.secret_string
    if version.secret_binary is not None:
        shape["SecretBinary"] = version.secret_binary
    return shape


@operation(SECRETS_MANAGER, "CreateSecret")
def create_secret(context: Context, request: dict) -> dict:
    name = check_secret_name(request["Name"])
    store = context.backend.secrets
    existing = store.by_name(name)
    if existing is not None:
        if existing.deleted_date is not None:
            raise ServiceError("InvalidRequestException", SCHEDULED_NAME_MESSAGE)
        raise ServiceError(
            "ResourceExistsException",
            f"The operation failed because the secret {name} already exists.",
        )
    secret_string, secret_binary = secret_value(request)
    secret = Secret(
        name=name,
        arn=arn(
            "secretsmanager", context.region, context.account_id,
            f"secret:{name}-{context.ids.secret_arn_suffix()}",
        ),
        created_date=context.now,
        last_changed_date=context.now,
        description=request.get("Description"),
        kms_key_id=request.get("KmsKeyId"),
        tags={tag["Key"]: tag["Value"] for tag in request.get("Tags", [])},
    )
    response = {"ARN": secret.arn, "Name": secret.name}
    if secret_string is not None or secret_binary is not None:
        version = add_version(context, secret, request, secret_string, secret_binary)
        response["VersionId"] = version.version_id
    store.add(secret)
    return response


@operation(SECRETS_MANAGER, "GetSecretValue")
def get_secret_value(context: Context, request: dict) -> dict:
    secret = live_secret(context, request["SecretId"])
    version_id = request.get("VersionId")
    stage = request.get("VersionStage")
    if version_id is not None:
        version = secret.versions.get(version_id)
        if version is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Secrets Manager can't find the specified secret value for VersionId: "
                f"{version_id}",
            )
        if stage is not None and stage not in version.stages:
            raise ServiceError("InvalidRequestException", STAGE_NOT_ON_VERSION_MESSAGE)
    else:
        stage = stage or AWSCURRENT
        version = secret.version_with_stage(stage)
        if version is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Secrets Manager can't find the specified secret value for staging label: "
                f"{stage}",
            )
    secret.last_accessed_date = version.last_accessed_date = day_of(context)
    return value_shape(secret, version)


@operation(SECRETS_MANAGER, "PutSecretValue")
def put_secret_value(context: Context, request: dict) -> dict:
    secret = live_secret(context, request["SecretId"])
    secret_string, secret_binary = secret_value(request)
    if secret_string is None and secret_binary is None:
        raise ServiceError(
            "InvalidRequestException", "You must provide either SecretString or SecretBinary."
        )
    version = add_version(
        context, secret, request, secret_string, secret_binary, request.get("VersionStages")
    )
    return {
        "ARN": secret.arn,
        "Name": secret.name,
        "VersionId": version.version_id,
        "VersionStages": sorted(version.stages),
    }
