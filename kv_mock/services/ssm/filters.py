"""Parameter filters of DescribeParameters and GetParametersByPath: AWS's rules, then matching.

``ParameterFilters`` (``ParameterStringFilter``) take a key, an option and values; the model
checks their lengths and the key pattern, this module the rules AWS adds per operation
(which keys, which options, which values) with AWS's error codes and texts. Filters combine
with AND, the values of one filter with OR. The deprecated ``Filters`` of DescribeParameters
become the same objects.

Messages marked [moto] were taken from moto's test suite, which copies them from AWS; those
marked [INF] were inferred from the same family of messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterVersion

EQUALS, BEGINS_WITH, CONTAINS = "Equals", "BeginsWith", "Contains"
ONE_LEVEL, RECURSIVE = "OneLevel", "Recursive"
TAG_PREFIX = "tag:"

TYPES = ("String", "StringList", "SecureString")
TIERS = ("Standard", "Advanced", "Intelligent-Tiering")

INVALID_PATH_MESSAGE = (
    "The parameter doesn't meet the parameter name requirements. The parameter name must "
    'begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" '
    "(case-insensitive). It must use only letters, numbers, or the following symbols: . "
    "(period), - (hyphen), _ (underscore). Special characters are not allowed. All "
    'sub-paths, if specified, must use the forward slash symbol "/". Valid example: '
    "/get/parameters2-/by1./path0_."
)
#: [moto]
RESERVED_PATH_FILTER_MESSAGE = (
    'Filters for common parameters can\'t be prefixed with "aws" or "ssm" '
    "(case-insensitive). When using global parameters, please specify within a global "
    "namespace."
)
#: [moto]
BOTH_FILTER_KINDS_MESSAGE = "You can use either Filters or ParameterFilters in a single request."
#: [moto]
DESCRIBE_KEYS_MESSAGE = (
    "The following filter key is not valid: {key}. Valid filter keys include: "
    "[Path, Name, Type, KeyId, Tier]."
)
#: [moto] lists Type and KeyId; Label is added because AWS accepts it here [INF].
BY_PATH_KEYS_MESSAGE = (
    "The following filter key is not valid: {key}. Valid filter keys include: "
    "[Type, KeyId, Label]."
)
#: [moto] (moto always names the key Name; AWS names the filter's key [INF]).
MISSING_VALUES_MESSAGE = "The following filter values are missing : null for filter key {key}."
DUPLICATE_MESSAGE = (
    "The following filter is duplicated in the request: {key}. A request can contain only "
    "one occurrence of a specific filter."
)
BAD_OPTION_MESSAGE = (
    "The following filter option is not valid: {option}. Valid options include: {valid}."
)
BAD_VALUE_MESSAGE = (
    "The following filter value is not valid: {value}. Valid values include: {valid}."
)

_PATH = re.compile(r"/[a-zA-Z0-9_.\-/]*")
_RESERVED = re.compile(r"/(aws|ssm)", re.IGNORECASE)


@dataclass(frozen=True)
class StringFilter:
    key: str
    option: str
    values: tuple[str, ...]


def _listing(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _option_error(option: str, valid: Iterable[str]) -> ServiceError:
    return ServiceError(
        "InvalidFilterOption", BAD_OPTION_MESSAGE.format(option=option, valid=_listing(valid))
    )


def _parse(raw: dict, default_option: str) -> StringFilter:
    return StringFilter(raw["Key"], raw.get("Option", default_option), tuple(raw.get("Values", ())))


def _check_common(raw_filters: list[dict], allowed_key) -> list[StringFilter]:
    """Key, presence of values and duplicates, in AWS's order, for either operation."""
    parsed: list[StringFilter] = []
    seen: set[str] = set()
    for raw in raw_filters:
        key = raw["Key"]
        allowed_key(key)
        found = _parse(raw, ONE_LEVEL if key == "Path" else EQUALS)
        if not found.values and not key.startswith(TAG_PREFIX):
            raise ServiceError("InvalidFilterValue", MISSING_VALUES_MESSAGE.format(key=key))
        if key in seen:
            raise ServiceError("InvalidFilterKey", DUPLICATE_MESSAGE.format(key=key))
        seen.add(key)
        parsed.append(found)
    return parsed


def _check_values(found: StringFilter, valid: tuple[str, ...]) -> None:
    """An ``Equals`` value must be one AWS knows (a ``BeginsWith`` prefix need not be [INF])."""
    if found.option != EQUALS:
        return
    for value in found.values:
        if value not in valid:
            # [moto]'s text; moto raises InvalidFilterOption, the code is InvalidFilterValue [INF].
            raise ServiceError(
                "InvalidFilterValue", BAD_VALUE_MESSAGE.format(value=value, valid=_listing(valid))
            )


def check_path(path: str) -> str:
    """A hierarchy path as GetParametersByPath and the ``Path`` filter accept it."""
    if not _PATH.fullmatch(path) or "//" in path:
        raise ServiceError("ValidationException", INVALID_PATH_MESSAGE)
    return path


def _check_path_filter(found: StringFilter) -> None:
    if found.option not in (RECURSIVE, ONE_LEVEL):
        raise _option_error(found.option, (RECURSIVE, ONE_LEVEL))
    for value in found.values:
        if _RESERVED.match(value):
            raise ServiceError("ValidationException", RESERVED_PATH_FILTER_MESSAGE)
        check_path(value)


def _deprecated(raw: dict) -> StringFilter:
    """A ``ParametersFilter``: its Name matches a name prefix, Type and KeyId exactly [INF]."""
    key = raw["Key"]
    return StringFilter(key, BEGINS_WITH if key == "Name" else EQUALS, tuple(raw["Values"]))


def describe_filters(request: dict) -> list[StringFilter]:
    """DescribeParameters' ``ParameterFilters`` or deprecated ``Filters``, checked."""
    if request.get("Filters") and request.get("ParameterFilters"):
        raise ServiceError("ValidationException", BOTH_FILTER_KINDS_MESSAGE)
    if request.get("Filters"):
        return [_deprecated(raw) for raw in request["Filters"]]

    def allowed_key(key: str) -> None:
        if key == "Label":
            raise ServiceError("InvalidFilterKey", DESCRIBE_KEYS_MESSAGE.format(key=key))

    parsed = _check_common(request.get("ParameterFilters", []), allowed_key)
    for found in parsed:
        if found.key == "Path":
            _check_path_filter(found)
            continue
        if found.key == "Type":
            _check_values(found, TYPES)
        if found.key == "Tier":
            _check_values(found, TIERS)
        options = (BEGINS_WITH, EQUALS, CONTAINS) if found.key == "Name" else (BEGINS_WITH, EQUALS)
        if found.option not in options:
            raise _option_error(found.option, options)
    return parsed


def by_path_filters(raw_filters: list[dict]) -> list[StringFilter]:
    """GetParametersByPath's ``ParameterFilters``: only Type, KeyId and Label (Equals only)."""

    def allowed_key(key: str) -> None:
        if key not in ("Type", "KeyId", "Label"):
            raise ServiceError("InvalidFilterKey", BY_PATH_KEYS_MESSAGE.format(key=key))

    parsed = _check_common(raw_filters, allowed_key)
    for found in parsed:
        options = (EQUALS,) if found.key == "Label" else (BEGINS_WITH, EQUALS)
        if found.option not in options:
            raise _option_error(found.option, options)
        if found.key == "Type":
            _check_values(found, TYPES)
    return parsed


# -- Matching ------------------------------------------------------------------------------


def slashed(name: str) -> str:
    """Name filters ignore a leading slash: ``/tan`` matches ``tangram`` and ``/tangent``."""
    return "/" + name.lstrip("/")


def _attribute(
    found: StringFilter, parameter: Parameter, version: ParameterVersion
) -> Optional[str]:
    if found.key == "Name":
        # Every Name option treats "x" and "/x" as one name: "Contains /tan" matches
        # "tangram-4" (issue #10), as Equals and BeginsWith already did.
        return slashed(parameter.name)
    if found.key.startswith(TAG_PREFIX):
        return parameter.tags.get(found.key[len(TAG_PREFIX):])
    return {
        "Type": version.type,
        "KeyId": version.key_id,
        "Tier": version.tier,
        "DataType": version.data_type,
    }.get(found.key)


def _in_path(name: str, path: str, recursive: bool) -> bool:
    prefix = path.rstrip("/") + "/"
    if not name.startswith(prefix):
        return False
    return recursive or "/" not in name[len(prefix):]


def matches(found: StringFilter, parameter: Parameter, version: ParameterVersion) -> bool:
    """Whether one filter keeps ``parameter`` (whose current version is ``version``)."""
    if found.key == "Path":  # a slashless name is at the root (see listing._under_path)
        name = slashed(parameter.name)
        return any(_in_path(name, v, found.option == RECURSIVE) for v in found.values)
    if found.key == "Label":
        return any(label in version.labels for label in found.values)
    actual = _attribute(found, parameter, version)
    if actual is None:
        return False
    if not found.values:  # tag:<key> without values: the tag exists
        return True
    if found.option == CONTAINS:
        return any(value in actual for value in found.values)
    values = [slashed(v) for v in found.values] if found.key == "Name" else found.values
    if found.option == BEGINS_WITH:
        return any(actual.startswith(value) for value in values)
    return actual in values
