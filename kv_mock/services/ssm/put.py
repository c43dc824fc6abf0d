"""PutParameter: create a parameter or add a version, with every rule AWS applies to a write."""

from __future__ import annotations

import re
from typing import Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterPolicy, ParameterVersion
from .. import SSM, operation
from . import allowed_pattern
from .encryption import encrypted_value, secure_string_key
from .names import check_name
from .policies import parse_policies, schedule_expiration
from .responses import iam_user
from .tags import merged_tags
from .tiers import resolve_tier

#: Parameter Store keeps the 100 most recent versions.
MAX_VERSIONS = 100
DATA_TYPES = ("text", "aws:ec2:image", "aws:ssm:integration")
#: "the parameter value … is in the required format, such as ami-12345abcdeEXAMPLE":
#: ``ami-`` and 8 or 17 hexadecimal digits.
_AMI_ID = re.compile(r"ami-(?:[0-9a-f]{8}|[0-9a-f]{17})")

TAGS_WITH_OVERWRITE_MESSAGE = (
    "Invalid request: tags and overwrite can't be used together. To create a parameter "
    "with tags, please remove overwrite flag. To update tags for an existing parameter, "
    "please use AddTagsToResource or RemoveTagsFromResource."
)
ALREADY_EXISTS_MESSAGE = (
    "The parameter already exists. To overwrite this value, set the overwrite option in "
    "the request to true."
)
# Seen quoted as PutParameter's answer; not in a recorded AWS response.
NESTED_REFERENCE_MESSAGE = (
    'Parameter value can\'t nest another parameter. Do not use "{{}}" in the value.'
)
_NESTED_REFERENCE = re.compile(r"\{\{.*\}\}", re.DOTALL)
# Inferred from the model's documentation ("You must specify a parameter type").
TYPE_REQUIRED_MESSAGE = "A parameter type is required when you create a parameter."
# The model's description of HierarchyTypeMismatchException.
TYPE_MISMATCH_MESSAGE = (
    "Parameter Store doesn't support changing a parameter type in a hierarchy. For "
    "example, you can't change a parameter from a String type to a SecureString type. You "
    "must create a new, unique parameter."
)
#: AllowedPattern verdicts of one request, by pattern: ``None`` (matches) or the error.
Verdicts = dict[str, Optional[ServiceError]]


@operation(SSM, "PutParameter", locked=False)
def put_parameter(context: Context, request: dict) -> dict:
    """The AllowedPattern in force is matched before the lock is taken.

    The pattern is the caller's code and may run for up to a second
    (:mod:`.allowed_pattern`): no other call waits for it. Under the lock the write goes
    ahead if the pattern in force is still the one matched; if a concurrent write changed
    it meanwhile, the new one is matched and the write tried again. A write with no
    pattern in force takes the lock once.
    """
    verdicts: Verdicts = {}
    given = request.get("AllowedPattern")
    if given:
        verdicts[given] = allowed_pattern.check(given, request["Value"])
    name = check_name(context, request["Name"], writing=True)
    while True:
        with context.state.lock:
            existing = context.backend.parameters.get(name)
            previous = existing.latest if existing is not None else None
            pattern = given
            if pattern is None and previous is not None:  # the pattern the parameter keeps
                pattern = previous.allowed_pattern or None
            if not pattern or pattern in verdicts:  # nothing to match, or matched already
                return _put(context, request, verdicts, name, existing, previous)
        verdicts[pattern] = allowed_pattern.check(pattern, request["Value"])


def _put(
    context: Context,
    request: dict,
    verdicts: Verdicts,
    name: str,
    existing: Optional[Parameter],
    previous: Optional[ParameterVersion],
) -> dict:
    """The write, under the lock: ``existing`` is the parameter ``name`` denotes, if any,
    and ``previous`` its latest version."""
    overwrite = bool(request.get("Overwrite"))
    if request.get("Tags") and overwrite:
        raise ServiceError("ValidationException", TAGS_WITH_OVERWRITE_MESSAGE)
    if existing is not None and not overwrite:
        raise ServiceError("ParameterAlreadyExists", ALREADY_EXISTS_MESSAGE)
    version = _new_version(context, name, request, previous, verdicts)
    # Only a new parameter can get here with tags (an overwrite with tags is refused).
    tags = merged_tags({}, request["Tags"]) if "Tags" in request else {}
    if version.data_type == "aws:ec2:image" and not _AMI_ID.fullmatch(version.value):
        # AWS validates AMI ids after answering: the call succeeds, nothing is stored.
        return {"Version": version.version, "Tier": version.tier}
    if existing is not None:
        _make_room_for_a_version(existing)
    parameter = existing or context.backend.parameters.create(name)
    if existing is None:
        parameter.tags = tags
    context.backend.parameters.add_version(parameter, version)
    if "Policies" in request:
        schedule_expiration(context, name, version.policies)
    return {"Version": version.version, "Tier": version.tier}


def _new_version(
    context: Context,
    name: str,
    request: dict,
    previous: Optional[ParameterVersion],
    verdicts: Verdicts,
) -> ParameterVersion:
    """The version this request writes, checked against every rule, not stored yet."""
    value = request["Value"]
    if "{{" in value and _NESTED_REFERENCE.search(value):
        raise ServiceError("ValidationException", NESTED_REFERENCE_MESSAGE)
    parameter_type = _parameter_type(request, previous)
    policies = _policies(context, request, previous)
    tier = resolve_tier(context, request.get("Tier"), previous, value, bool(policies))
    pattern = _allowed_pattern(request, previous, verdicts)
    key_id = _key_id(context, request, parameter_type)
    # Positional, in the fields' order: every write makes one, and matching twelve
    # keywords cost as much again as making it.
    return ParameterVersion(
        (previous.version + 1) if previous is not None else 1,  # version
        value,
        parameter_type,  # type
        context.now,  # last_modified_date
        iam_user(context),  # last_modified_user
        tier,
        _data_type(request, previous),  # data_type
        key_id,
        encrypted_value(context, name, key_id, value) if key_id is not None else None,  # ciphertext
        request.get("Description", previous.description if previous else None),  # description
        pattern,  # allowed_pattern
        policies,
    )


def _parameter_type(request: dict, previous: Optional[ParameterVersion]) -> str:
    requested = request.get("Type")
    if previous is None:
        if requested is None:
            raise ServiceError("ValidationException", TYPE_REQUIRED_MESSAGE)
        return requested
    if requested is None:
        return previous.type
    if requested == "SecureString" and previous.type != "SecureString":
        raise ServiceError("HierarchyTypeMismatchException", TYPE_MISMATCH_MESSAGE)
    return requested


def _policies(
    context: Context, request: dict, previous: Optional[ParameterVersion]
) -> list[ParameterPolicy]:
    """The request's policies; without ``Policies``, an update keeps those in force."""
    if "Policies" in request:
        return parse_policies(request["Policies"], context.now)
    return list(previous.policies) if previous is not None else []


def _data_type(request: dict, previous: Optional[ParameterVersion]) -> str:
    data_type = request.get("DataType") or (previous.data_type if previous else "text")
    if data_type not in DATA_TYPES:
        raise ServiceError(
            "ValidationException",
            f"The following data type is not supported: {data_type} "
            "(Data type names are all lowercase.)",
        )
    return data_type


def _allowed_pattern(
    request: dict, previous: Optional[ParameterVersion], verdicts: Verdicts
) -> Optional[str]:
    """The pattern in force (given, or kept from the last version); the value must match it.

    Its verdict was reached before the lock was taken (:func:`put_parameter`).
    """
    pattern = request.get("AllowedPattern")
    if pattern is None and previous is not None:
        pattern = previous.allowed_pattern
    if not pattern:
        return None
    failure = verdicts[pattern]
    if failure is not None:
        raise failure
    return pattern


def _key_id(context: Context, request: dict, parameter_type: str) -> Optional[str]:
    """The KMS key of a SecureString; AWS ignores ``KeyId`` for String and StringList."""
    if parameter_type != "SecureString":
        return None
    return secure_string_key(context, request)


def _make_room_for_a_version(parameter: Parameter) -> None:
    """Keep at most 100 versions: drop the oldest, unless a label holds it."""
    if len(parameter.versions) < MAX_VERSIONS:
        return
    oldest = next(iter(parameter.versions))  # versions are kept oldest first
    if parameter.versions[oldest].labels:
        raise ServiceError(
            "ParameterMaxVersionLimitExceeded",
            f"You attempted to create a new version of {parameter.name} by calling the "
            f"PutParameter API with the overwrite flag. Version {oldest}, the oldest "
            "version, can't be deleted because it has a label associated with it. Move the "
            "label to another version of the parameter, and try again.",
        )
    parameter.drop_version(oldest)
