"""CreateSecret, GetSecretValue, PutSecretValue."""

from __future__ import annotations

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...store.secrets import AWSCURRENT, Secret, SecretVersion
from .. import SECRETS_MANAGER, operation
from .cross_account import check_replica_request, make_replica
from .encryption import check_decryptable, check_kms_key
from .shared_access import shared_operation
from .lookup import (
    check_secret_name,
    live_secret,
    stage_not_found,
    version_not_found,
    writable_secret,
)
from .replicas import replicate_on_create
from .responses import day_of, value_shape
from .tags import apply_tags
from .versions import add_version, request_token, reused_token, secret_value

SCHEDULED_NAME_MESSAGE = (
    "You can't create this secret because a secret with this name is already scheduled "
    "for deletion."
)
STAGE_NOT_ON_VERSION_MESSAGE = (
    "You provided a VersionStage that is not associated to the provided VersionId."
)


def _create_response(secret: Secret, version_id: str | None) -> dict:
    response = {"ARN": secret.arn, "Name": secret.name}
    if version_id is not None:
        response["VersionId"] = version_id
    return response


def _retried_create(existing: Secret, request: dict) -> dict:
    """CreateSecret on a taken name: a retry of the same request succeeds, else an error."""
    if existing.deleted_date is not None:
        raise ServiceError("InvalidRequestException", SCHEDULED_NAME_MESSAGE)
    secret_string, secret_binary = secret_value(request)
    token = request.get("ClientRequestToken")
    if token and (secret_string is not None or secret_binary is not None):
        version = reused_token(existing, token, secret_string, secret_binary)
        if version is not None:
            return _create_response(existing, version.version_id)
    raise ServiceError(
        "ResourceExistsException",
        f"The operation failed because the secret {existing.name} already exists.",
    )


@operation(SECRETS_MANAGER, "CreateSecret")
def create_secret(context: Context, request: dict) -> dict:
    name = check_secret_name(request["Name"])
    request_token(request)  # refused without one even when no version is made
    secret_string, secret_binary = secret_value(request)
    primary_arn = request.get("CrossAccountPrimaryARN")  # botocore ≥ 1.44.2's model
    if primary_arn is not None:
        check_replica_request(context, request)
    store = context.backend.secrets
    existing = store.by_name(name)
    if existing is not None:
        return _retried_create(existing, request)
    secret = Secret(
        name=name,
        arn=arn(
            "secretsmanager", context.region, context.account_id,
            f"secret:{name}-{context.ids.secret_arn_suffix()}",
        ),
        created_date=context.now,
        last_changed_date=context.now,
        description=request.get("Description"),
        kms_key_id=check_kms_key(context, request.get("KmsKeyId")),
    )
    if "Tags" in request:
        apply_tags(secret, request["Tags"])
    version_id = None
    if secret_string is not None or secret_binary is not None:
        version_id = add_version(context, secret, request, secret_string, secret_binary).version_id
    replication = replicate_on_create(context, secret, request)
    if primary_arn is not None:
        make_replica(context, secret, request)
    store.add(secret)
    return {**_create_response(secret, version_id), **replication}


def requested_version(
    secret: Secret, version_id: str | None, stage: str | None
) -> SecretVersion:
    """The version ``VersionId`` / ``VersionStage`` select; AWSCURRENT by default.

    A version without a value (the AWSPENDING version a rotation makes before its
    ``createSecret`` step) is not found, as in AWS.
    """
    if version_id is not None:
        version = secret.versions.get(version_id)
        if version is None:
            raise version_not_found(version_id)
        if stage is not None and stage not in version.stages:
            raise ServiceError("InvalidRequestException", STAGE_NOT_ON_VERSION_MESSAGE)
        if not version.has_value:
            # With a stage given, AWS names the stage (aws-sdk-js-v3#7701); alone, inferred.
            raise stage_not_found(stage) if stage else version_not_found(version_id)
        return version
    stage = stage or AWSCURRENT
    version = secret.version_with_stage(stage)
    if version is None or not version.has_value:
        raise stage_not_found(stage)
    return version


def read_value(context: Context, secret: Secret, version: SecretVersion) -> dict:
    """A value read: the access is recorded (date only) on the secret and the version."""
    check_decryptable(context, version.kms_key_id)
    secret.last_accessed_date = version.last_accessed_date = day_of(context.now)
    return value_shape(secret, version)


@shared_operation("GetSecretValue")
def get_secret_value(context: Context, request: dict) -> dict:
    secret = live_secret(context, request["SecretId"])
    version = requested_version(secret, request.get("VersionId"), request.get("VersionStage"))
    return read_value(context, secret, version)


@shared_operation("PutSecretValue")
def put_secret_value(context: Context, request: dict) -> dict:
    request_token(request)  # the request is checked before the secret is looked up
    secret_string, secret_binary = secret_value(request, required=True)
    secret = writable_secret(context, request["SecretId"])
    version = add_version(
        context, secret, request, secret_string, secret_binary, request.get("VersionStages")
    )
    return {
        "ARN": secret.arn,
        "Name": secret.name,
        "VersionId": version.version_id,
        "VersionStages": sorted(version.stages),
    }
