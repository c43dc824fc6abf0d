"""PutParameter, GetParameter, GetParameters."""

from __future__ import annotations

import re
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterVersion
from ...validate import java_length, java_pattern
from .. import SSM, operation
from .names import check_name, split_selector
from .responses import iam_user, parameter_shape

DEFAULT_KEY_ID = "alias/aws/ssm"
#: "Standard … 4 KB", "Advanced … 8 KB" of value.
STANDARD_VALUE_MAX = 4096
ADVANCED_VALUE_MAX = 8192
#: Parameter Store keeps the 100 most recent versions.
MAX_VERSIONS = 100
DATA_TYPES = ("text", "aws:ec2:image", "aws:ssm:integration")

TAGS_WITH_OVERWRITE_MESSAGE = (
    "Invalid request: tags and overwrite can't be used together. To create a parameter "
    "with tags, please remove overwrite flag. To update tags for an existing parameter, "
    "please use AddTagsToResource or RemoveTagsFromResource."
)
ALREADY_EXISTS_MESSAGE = (
    "The parameter already exists. To overwrite this value, set the overwrite option in "
    "the request to true."
)
STANDARD_TOO_LARGE_MESSAGE = (
    "Standard tier parameters support a maximum parameter value of 4096 characters. To "
    "create a larger parameter value, upgrade the parameter to use the advanced-parameter "
    "tier. For more information, see "
    "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html"
)
ADVANCED_TOO_LARGE_MESSAGE = (
    "Advanced tier parameters support a maximum parameter value of 8192 characters."
)
DOWNGRADE_MESSAGE = (
    "You can't downgrade a parameter from the advanced-parameter tier to the "
    "standard-parameter tier."
)
NESTED_REFERENCE_MESSAGE = (
    'Parameter value can\'t nest another parameter. Do not use "{{}}" in the value.'
)
_NESTED_REFERENCE = re.compile(r"\{\{.*\}\}", re.DOTALL)


def _version_not_found(name: str, selector: str) -> ServiceError:
    return ServiceError(
        "ParameterVersionNotFound",
        f"Systems Manager could not find version {selector} of {name}. "
        "Verify the version and try again.",
    )


def resolve(
    context: Context, raw: str
) -> tuple[Parameter, ParameterVersion, Optional[str]]:
    """The parameter and version ``raw`` (a name or ARN, maybe with a selector) denotes."""
    name, selector = split_selector(context, raw)
    name = check_name(context, name, writing=False)
    parameter = context.backend.parameters.get(name)
    if parameter is None:
        raise ServiceError("ParameterNotFound", "")
    if selector is None:
        return parameter, parameter.latest, None
    if selector.isdigit():
        version = parameter.versions.get(int(selector))
    else:
        version = parameter.version_with_label(selector)
    if version is None:
        raise _version_not_found(name, selector)
    return parameter, version, selector


@operation(SSM, "GetParameter")
def get_parameter(context: Context, request: dict) -> dict:
    parameter, version, selector = resolve(context, request["Name"])
    return {
        "Parameter": parameter_shape(
            context, parameter, version,
            with_decryption=bool(request.get("WithDecryption")), selector=selector,
        )
    }


@operation(SSM, "GetParameters")
def get_parameters(context: Context, request: dict) -> dict:
    """Found parameters sorted by name; every name that fails goes to ``InvalidParameters``."""
    found: dict[str, dict] = {}
    invalid: list[str] = []
    with_decryption = bool(request.get("WithDecryption"))
    for raw in dict.fromkeys(request["Names"]):
        try:
            parameter, version, selector = resolve(context, raw)
        except ServiceError:
            invalid.append(raw)
            continue
        found[raw] = parameter_shape(
            context, parameter, version, with_decryption=with_decryption, selector=selector
        )
    return {
        "Parameters": sorted(found.values(), key=lambda p: (p["Name"], p.get("Selector", ""))),
        "InvalidParameters": invalid,
    }


@operation(SSM, "PutParameter")
def put_parameter(context: Context, request: dict) -> dict:
    name = check_name(context, request["Name"], writing=True)
    store = context.backend.parameters
    existing = store.get(name)
    overwrite = bool(request.get("Overwrite"))
    if request.get("Tags") and overwrite:
        raise ServiceError("ValidationException", TAGS_WITH_OVERWRITE_MESSAGE)
    if existing is not None and not overwrite:
        raise ServiceError("ParameterAlreadyExists", ALREADY_EXISTS_MESSAGE)
    previous = existing.latest if existing is not None else None
    value = request["Value"]
    parameter_type = _parameter_type(request, previous)
    data_type = _data_type(request, previous)
    if _NESTED_REFERENCE.search(value):
        raise ServiceError("ValidationException", NESTED_REFERENCE_MESSAGE)
    allowed_pattern = _check_allowed_pattern(request, previous, value)
    tier = _tier(request, previous, value, store_size=len(store))
    key_id = _key_id(context, request, previous, parameter_type)
    if existing is not None:
        _make_room_for_a_version(existing)
    parameter = existing or store.create(name)
    number = max(parameter.versions, default=0) + 1
    parameter.versions[number] = ParameterVersion(
        version=number,
        value=value,
        type=parameter_type,
        last_modified_date=context.now,
        last_modified_user=iam_user(context),
        tier=tier,
        data_type=data_type,
        key_id=key_id,
        ciphertext=(
            context.backend.kms.encrypt(context.backend.kms.find(key_id), value.encode())
            if key_id is not None else None
        ),
        description=request.get("Description", previous.description if previous else None),
        allowed_pattern=allowed_pattern,
    )
    if existing is None:
        parameter.tags = {tag["Key"]: tag["Value"] for tag in request.get("Tags", [])}
    return {"Version": number, "Tier": tier}


def _parameter_type(request: dict, previous: Optional[ParameterVersion]) -> str:
    requested = request.get("Type")
    if previous is None:
        if requested is None:
            raise ServiceError(
                "ValidationException",
                "A parameter type is required when you create a parameter.",
            )
        return requested
    if requested is None:
        return previous.type
    if requested == "SecureString" and previous.type != "SecureString":
        raise ServiceError(
            "HierarchyTypeMismatchException",
            "Parameter Store doesn't support changing a parameter type in a hierarchy. For "
            "example, you can't change a parameter from a String type to a SecureString "
            "type. You must create a new, unique parameter.",
        )
    return requested


def _data_type(request: dict, previous: Optional[ParameterVersion]) -> str:
    data_type = request.get("DataType") or (previous.data_type if previous else "text")
    if data_type not in DATA_TYPES:
        raise ServiceError(
            "ValidationException",
            f"The following data type is not supported: {data_type} "
            "(Data type names are all lowercase.)",
        )
    return data_type


def _check_allowed_pattern(
    request: dict, previous: Optional[ParameterVersion], value: str
) -> Optional[str]:
    pattern = request.get("AllowedPattern")
    if pattern is None and previous is not None:
        pattern = previous.allowed_pattern
    if not pattern:
        return pattern or None
    try:
        regex = java_pattern(pattern)
    except re.error:
        raise ServiceError(
            "InvalidAllowedPatternException",
            "The request doesn't meet the regular expression requirement.",
        ) from None
    if regex.fullmatch(value) is None:
        raise ServiceError(
            "ParameterPatternMismatchException",
            f"Parameter value, cannot be validated against allowedPattern: {pattern}",
        )
    return pattern


def _tier(
    request: dict, previous: Optional[ParameterVersion], value: str, store_size: int
) -> str:
    requested = request.get("Tier")
    if requested is None:
        requested = previous.tier if previous is not None else "Standard"
    size = java_length(value)
    if requested == "Intelligent-Tiering":
        needs_advanced = (
            size > STANDARD_VALUE_MAX
            or bool(request.get("Policies"))
            or store_size >= 10_000
            or (previous is not None and previous.tier == "Advanced")
        )
        requested = "Advanced" if needs_advanced else "Standard"
    if requested == "Standard" and previous is not None and previous.tier == "Advanced":
        raise ServiceError("ValidationException", DOWNGRADE_MESSAGE)
    if requested == "Standard" and size > STANDARD_VALUE_MAX:
        raise ServiceError("ValidationException", STANDARD_TOO_LARGE_MESSAGE)
    if requested == "Advanced" and size > ADVANCED_VALUE_MAX:
        raise ServiceError("ValidationException", ADVANCED_TOO_LARGE_MESSAGE)
    return requested


def _key_id(
    context: Context, request: dict, previous: Optional[ParameterVersion], parameter_type: str
) -> Optional[str]:
    if parameter_type != "SecureString":
        return None
    key_id = request.get("KeyId")
    if key_id is None:
        key_id = previous.key_id if previous is not None and previous.key_id else DEFAULT_KEY_ID
    keys = context.backend.kms
    if keys.find(key_id) is None:
        raise ServiceError(
            "InvalidKeyId",
            f"{keys.not_found_message(key_id)} (Service: AWSKMS; Status Code: 400; "
            f"Error Code: NotFoundException; Request ID: {context.ids.uuid4()}; Proxy: null)",
        )
    return key_id


def _make_room_for_a_version(parameter: Parameter) -> None:
    """Keep at most 100 versions: drop the oldest, unless a label holds it."""
    if len(parameter.versions) < MAX_VERSIONS:
        return
    oldest = min(parameter.versions)
    if parameter.versions[oldest].labels:
        raise ServiceError(
            "ParameterMaxVersionLimitExceeded",
            f"You attempted to create a new version of {parameter.name} by calling the "
            f"PutParameter API with the overwrite flag. Version {oldest}, the oldest "
            "version, can't be deleted because it has a label associated with it. Move the "
            "label to another version of the parameter, and try again.",
        )
    del parameter.versions[oldest]
