"""AWS's server-side request validation, driven by botocore's service model.

botocore checks only required members and minimums on the client (and not at all with
``Config(parameter_validation=False)``), so every maximum, pattern, enum and range is
checked here, with AWS's wording::

    1 validation error detected: Value 'x…' at 'name' failed to satisfy constraint:
    Member must have length less than or equal to 2048

A request whose JSON types do not match the model is refused the way AWS's JSON
deserialiser refuses it, with ``SerializationException``. Each input shape is compiled once
into a chain of closures and cached: this runs on every mocked call.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, Optional

from botocore.model import OperationModel, Shape

from .errors import ServiceError, ValidationFailure, validation_exception

Failures = list[ValidationFailure]
#: Checks one value at one path, appending what fails; raises SerializationException
#: for a value of the wrong JSON type.
Checker = Callable[[Any, str, Failures], None]

# Java regex classes the models use that Python's ``re`` spells differently.
_JAVA_CLASSES = {
    r"\p{L}": r"\w",  # letters; every model class using it also allows digits and "_"
    r"\p{N}": r"\d",
    r"\p{Z}": " \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000",
}


#: Constraints AWS enforces that botocore's model does not state, by (service, shape).
#: SSM's ``PSParameterValue`` carries no bounds in the model, yet AWS refuses an empty value
#: and one over 32768 characters with the standard validation message.
MODEL_GAPS: dict[tuple[str, str], dict[str, int]] = {
    ("ssm", "PSParameterValue"): {"min": 1, "max": 32768},
}


def _metadata(shape: Shape, service: str) -> dict:
    gap = MODEL_GAPS.get((service, shape.name))
    return {**shape.metadata, **gap} if gap else shape.metadata


def java_pattern(pattern: str) -> re.Pattern:
    """Compile a model pattern; AWS matches the whole value against it."""
    for java, python in _JAVA_CLASSES.items():
        pattern = pattern.replace(java, python)
    return re.compile(pattern)


def member_path(parent: str, member: str) -> str:
    """AWS names members lowerCamelCase, nested with dots: ``parameterFilters.1.member.key``."""
    name = member[:1].lower() + member[1:]
    return f"{parent}.{name}" if parent else name


def java_length(text: str) -> int:
    """String length as AWS (Java) counts it: UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def serialization_error(expected: str) -> ServiceError:
    return ServiceError(
        "SerializationException",
        f"Expected {expected}, but received a value of another type",
    )


def _length_checks(shape: Shape, service: str, length: Callable[[Any], int]) -> list[Checker]:
    checks: list[Checker] = []
    metadata = _metadata(shape, service)
    sensitive = bool(metadata.get("sensitive"))
    low = metadata.get("min")
    high = metadata.get("max")
    if low is not None:
        def check_min(value: Any, path: str, failures: Failures) -> None:
            if length(value) < low:
                failures.append(ValidationFailure(
                    value, path, f"Member must have length greater than or equal to {low}",
                    sensitive))
        checks.append(check_min)
    if high is not None:
        def check_max(value: Any, path: str, failures: Failures) -> None:
            if length(value) > high:
                failures.append(ValidationFailure(
                    value, path, f"Member must have length less than or equal to {high}",
                    sensitive))
        checks.append(check_max)
    return checks


def _string(shape: Shape, service: str) -> Checker:
    sensitive = bool(shape.metadata.get("sensitive"))
    checks: list[Checker] = []
    enum = shape.enum
    if enum:
        allowed = frozenset(enum)
        constraint = "Member must satisfy enum value set: [" + ", ".join(enum) + "]"

        def check_enum(value: str, path: str, failures: Failures) -> None:
            if value not in allowed:
                failures.append(ValidationFailure(value, path, constraint, sensitive))
        checks.append(check_enum)
    checks.extend(_length_checks(shape, service, java_length))
    pattern = shape.metadata.get("pattern")
    if pattern:
        regex = java_pattern(pattern)
        constraint = f"Member must satisfy regular expression pattern: {pattern}"

        def check_pattern(value: str, path: str, failures: Failures) -> None:
            if regex.fullmatch(value) is None:
                failures.append(ValidationFailure(value, path, constraint, sensitive))
        checks.append(check_pattern)

    def check_string(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, str):
            raise serialization_error("a string")
        for check in checks:
            check(value, path, failures)
    return check_string


def _number(shape: Shape, service: str) -> Checker:
    integral = shape.type_name in ("integer", "long")
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")

    def check_number(value: Any, path: str, failures: Failures) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise serialization_error("a number")
        if integral and not isinstance(value, int):
            raise serialization_error("an integer")
        if low is not None and value < low:
            failures.append(ValidationFailure(
                value, path, f"Member must have value greater than or equal to {low}"))
        if high is not None and value > high:
            failures.append(ValidationFailure(
                value, path, f"Member must have value less than or equal to {high}"))
    return check_number


def _boolean(shape: Shape, service: str) -> Checker:
    def check_boolean(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, bool):
            raise serialization_error("a boolean")
    return check_boolean


def _timestamp(shape: Shape, service: str) -> Checker:
    def check_timestamp(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, _dt.datetime):
            raise serialization_error("a timestamp")
    return check_timestamp


def _blob(shape: Shape, service: str) -> Checker:
    length_checks = _length_checks(shape, service, len)

    def check_blob(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, bytes):
            raise serialization_error("a blob")
        for check in length_checks:
            check(value, path, failures)
    return check_blob


def _list(shape: Shape, service: str) -> Checker:
    length_checks = _length_checks(shape, service, len)
    check_member = compile_shape(shape.member, service)

    def check_list(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, list):
            raise serialization_error("a list")
        for check in length_checks:
            check(value, path, failures)
        for index, item in enumerate(value, 1):
            item_path = f"{path}.{index}.member"
            if item is None:
                failures.append(ValidationFailure(None, item_path, "Member must not be null"))
            else:
                check_member(item, item_path, failures)
    return check_list


def _map(shape: Shape, service: str) -> Checker:
    length_checks = _length_checks(shape, service, len)
    check_key = compile_shape(shape.key, service)
    check_value = compile_shape(shape.value, service)

    def check_map(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, dict):
            raise serialization_error("a map")
        for check in length_checks:
            check(value, path, failures)
        for key, item in value.items():
            check_key(key, f"{path}.key", failures)
            if item is not None:
                check_value(item, f"{path}.{key}.member", failures)
    return check_map


#: Compiled structure checkers by (service, shape name), shared by every operation. A
#: recursive shape (SSM's inventory aggregators contain themselves) is referred to through
#: a late lookup while it compiles, instead of recursing forever.
_structures: dict[tuple[str, str], Checker] = {}
_compiling: set[tuple[str, str]] = set()


def _structure(shape: Shape, service: str) -> Checker:
    key = (service, shape.name)
    compiled = _structures.get(key)
    if compiled is not None:
        return compiled
    if key in _compiling:
        return lambda value, path, failures: _structures[key](value, path, failures)
    _compiling.add(key)
    try:
        compiled = _structures[key] = _compile_structure(shape, service)
    finally:
        _compiling.discard(key)
    return compiled


def _compile_structure(shape: Shape, service: str) -> Checker:
    required = frozenset(shape.required_members)
    members = [
        (name, compile_shape(member, service), name in required)
        for name, member in shape.members.items()
    ]

    def check_structure(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, dict):
            raise serialization_error("a structure")
        for name, check, is_required in members:
            item = value.get(name)
            if item is None:
                if is_required:
                    failures.append(ValidationFailure(
                        None, member_path(path, name), "Member must not be null"))
                continue
            check(item, member_path(path, name), failures)
    return check_structure


_COMPILERS: dict[str, Callable[[Shape, str], Checker]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _number,
    "long": _number,
    "double": _number,
    "float": _number,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}


def compile_shape(shape: Shape, service: str) -> Checker:
    return _COMPILERS[shape.type_name](shape, service)


_compiled: dict[tuple[str, str], Optional[Checker]] = {}


def validate_request(operation: OperationModel, request: dict) -> None:
    """Raise AWS's ``ValidationException`` (or ``SerializationException``) for ``request``."""
    key = (operation.service_model.service_name, operation.name)
    try:
        checker = _compiled[key]
    except KeyError:
        shape = operation.input_shape
        checker = _compiled[key] = (
            compile_shape(shape, key[0]) if shape is not None else None
        )
    if checker is None:
        return
    failures: Failures = []
    checker(request, "", failures)
    if failures:
        raise validation_exception(failures)
