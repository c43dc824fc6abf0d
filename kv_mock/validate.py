"""AWS's server-side request validation, driven by botocore's service model.

botocore checks only required members and minimums on the client (and not at all with
``Config(parameter_validation=False)``), so every maximum, pattern, enum and range is
checked here, with AWS's wording::

    1 validation error detected: Value 'x…' at 'name' failed to satisfy constraint:
    Member must have length less than or equal to 2048

A request whose JSON types do not match the model is refused the way AWS's JSON
deserialiser refuses it, with ``SerializationException``. Each input shape is compiled once
into a chain of closures that word AWS's errors; a valid request is told apart before them,
by a test generated from the same shape (:mod:`kv_mock.shapecode`).
"""

from __future__ import annotations

import datetime as _dt
import operator
import re
from typing import Any, Callable, Optional

from botocore.model import OperationModel, Shape

from .compiled import CompiledShapes
from .errors import ServiceError, ValidationFailure, validation_exception
from .shapecode import Rules, compile_fits

Failures = list[ValidationFailure]
#: Checks one value at one path, appending what fails; raises SerializationException
#: for a value of the wrong JSON type.
Checker = Callable[[Any, str, Failures], None]
#: One constraint of a shape: the test that fails a value, and AWS's words for it.
Constraint = tuple[Callable[[Any], bool], str]

# Java regex classes the models use that Python's ``re`` spells differently.
_JAVA_CLASSES = {
    r"\p{L}": r"\w",  # letters; every model class using it also allows digits and "_"
    r"\p{N}": r"\d",
    r"\p{Z}": " \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000",
}


#: Constraints AWS enforces that botocore's model does not state, by (service, shape).
#: SSM's ``PSParameterValue`` carries no bounds in the model, yet AWS refuses an empty value
#: and one over 32768 characters with the standard validation message. Some members the
#: model leaves optional cannot be missing: a Secrets Manager tag's key, a replica's region.
#: An ``enum`` entry is the order AWS prints the allowed values in, where it is not the
#: model's: a bad parameter Type lists ``[SecureString, StringList, String]`` (aws-cli #3116).
MODEL_GAPS: dict[tuple[str, str], dict[str, Any]] = {
    ("ssm", "PSParameterValue"): {"min": 1, "max": 32768},
    ("ssm", "ParameterType"): {"enum": ["SecureString", "StringList", "String"]},
    ("secretsmanager", "Tag"): {"required": ["Key"]},
    ("secretsmanager", "ReplicaRegionType"): {"required": ["Region"]},
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
    # A JSON "\ud800" escape arrives as a lone surrogate: still one Java char.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def serialization_error(expected: str) -> ServiceError:
    return ServiceError(
        "SerializationException",
        f"Expected {expected}, but received a value of another type",
    )


def _bound_constraints(
    metadata: dict, measure: Callable[[Any], Any], what: str
) -> dict[str, Constraint]:
    """The model's ``min``/``max`` on ``measure(value)`` (a length or a value), by kind."""
    constraints: dict[str, Constraint] = {}
    for key, outside, side in (("min", operator.lt, "greater"), ("max", operator.gt, "less")):
        limit = metadata.get(key)
        if limit is not None:
            constraints[key] = (
                _outside(measure, outside, limit),
                f"Member must have {what} {side} than or equal to {limit}",
            )
    return constraints


def _bounds(metadata: dict, measure: Callable[[Any], Any], what: str) -> list[Checker]:
    """The model's ``min``/``max`` as checks on ``measure(value)``: a length or a value."""
    sensitive = bool(metadata.get("sensitive"))
    return [
        _failing_when(fails, constraint, sensitive)
        for fails, constraint in _bound_constraints(metadata, measure, what).values()
    ]


def _outside(
    measure: Callable[[Any], Any], outside: Callable[[Any, Any], bool], limit: int
) -> Callable[[Any], bool]:
    return lambda value: outside(measure(value), limit)


def _failing_when(fails: Callable[[Any], bool], constraint: str, sensitive: bool) -> Checker:
    def check(value: Any, path: str, failures: Failures) -> None:
        if fails(value):
            failures.append(ValidationFailure(value, path, constraint, sensitive))
    return check


def _typed(accepts: Callable[[Any], bool], expected: str, checks: list[Checker]) -> Checker:
    """Refuse a value of the wrong JSON type as AWS does, then run the constraint checks."""
    def check(value: Any, path: str, failures: Failures) -> None:
        if not accepts(value):
            raise serialization_error(expected)
        for constraint_check in checks:
            constraint_check(value, path, failures)
    return check


def _string(shape: Shape, service: str) -> Checker:
    """One closure for every constraint of a string shape: strings are most of what a
    request holds, so their check is a single call (enum, then length, then pattern —
    the order AWS lists failures in), worded as :func:`_string_constraints` words them."""
    metadata = _metadata(shape, service)
    sensitive = bool(metadata.get("sensitive"))
    words = {kind: text for kind, (_, text) in _string_constraints(metadata).items()}
    enum = metadata.get("enum")
    allowed = frozenset(enum) if enum else None
    enum_constraint = words.get("enum", "")
    low, high = metadata.get("min"), metadata.get("max")
    low_constraint, high_constraint = words.get("min", ""), words.get("max", "")
    measured = low is not None or high is not None
    pattern = metadata.get("pattern")
    regex = java_pattern(pattern) if pattern else None
    pattern_constraint = words.get("pattern", "")

    def check(value: Any, path: str, failures: Failures) -> None:
        if not isinstance(value, str):
            raise serialization_error("a string")
        if allowed is not None and value not in allowed:
            failures.append(ValidationFailure(value, path, enum_constraint, sensitive))
        if measured:
            length = len(value) if value.isascii() else java_length(value)
            if low is not None and length < low:
                failures.append(ValidationFailure(value, path, low_constraint, sensitive))
            if high is not None and length > high:
                failures.append(ValidationFailure(value, path, high_constraint, sensitive))
        if regex is not None and regex.fullmatch(value) is None:
            failures.append(ValidationFailure(value, path, pattern_constraint, sensitive))
    return check


#: The order AWS lists a member shape's constraints inside a list's nested form (recorded:
#: ACM's ``subjectAlternativeNames`` and Lambda's ``cors.allowMethods`` answers list maximum
#: length, minimum length, pattern; no recording shows an enum beside the others).
_NESTED_ORDER = ("max", "min", "pattern", "enum")


def _string_constraints(metadata: dict) -> dict[str, Constraint]:
    """A string shape's constraints from the model, by kind."""
    constraints: dict[str, Constraint] = {}
    enum = metadata.get("enum")
    if enum:
        allowed = frozenset(enum)
        constraints["enum"] = (
            lambda value: value not in allowed,
            "Member must satisfy enum value set: [" + ", ".join(enum) + "]",
        )
    constraints.update(_bound_constraints(metadata, java_length, "length"))
    pattern = metadata.get("pattern")
    if pattern:
        regex = java_pattern(pattern)
        constraints["pattern"] = (
            lambda value: regex.fullmatch(value) is None,
            f"Member must satisfy regular expression pattern: {pattern}",
        )
    return constraints


def _strings_member_check(shape: Shape, service: str) -> Optional[Checker]:
    """The check of a list of strings, reported once at the list (AWS's nested form).

    AWS's JSON services report a member of a list of constrained strings that fails *at
    the list*, with the whole list as the value and every constraint of the member shape
    inside ``Member must satisfy constraint: [...]`` — recorded e.g. from ACM:
    ``Value '[ccc]' at 'subjectAlternativeNames' failed to satisfy constraint: Member must
    satisfy constraint: [Member must have length less than or equal to 253, Member must
    have length greater than or equal to 1, Member must satisfy regular expression
    pattern: …]``, and from SSM on ``parameterFilters.1.member.values`` (issue #10). The
    list is named once however many members fail, the value rendered as Java prints a list
    (``[GET, POST, OPTIONS]`` in Lambda's recorded ``cors.allowMethods`` answer). Lambda's
    brackets also end in ``Member must not be null``; no SSM or Secrets Manager recording
    shows that, so it is left out. ``None`` when the member shape is not a string or has no
    constraints (then nothing can fail but its type).
    """
    if shape.type_name != "string":
        return None
    metadata = _metadata(shape, service)
    found = _string_constraints(metadata)
    if not found:
        return None
    constraints = [found[kind] for kind in _NESTED_ORDER if kind in found]
    tests = [fails for fails, _ in constraints]
    nested = "Member must satisfy constraint: [" + ", ".join(t for _, t in constraints) + "]"
    sensitive = bool(metadata.get("sensitive"))

    def check_strings(value: list, path: str, failures: Failures) -> None:
        failed = False
        for index, item in enumerate(value, 1):
            if item is None:
                failures.append(
                    ValidationFailure(None, f"{path}.{index}.member", "Member must not be null"))
            elif not isinstance(item, str):
                raise serialization_error("a string")
            elif not failed and any(fails(item) for fails in tests):
                failed = True
        if failed:
            failures.append(ValidationFailure(value, path, nested, sensitive))
    return check_strings


def _number(shape: Shape, service: str) -> Checker:
    kinds = (int,) if shape.type_name in ("integer", "long") else (int, float)
    return _typed(
        lambda value: isinstance(value, kinds) and not isinstance(value, bool),
        "an integer" if kinds == (int,) else "a number",
        _bounds(_metadata(shape, service), lambda value: value, "value"),
    )


def _boolean(shape: Shape, service: str) -> Checker:
    return _typed(lambda value: isinstance(value, bool), "a boolean", [])


def _timestamp(shape: Shape, service: str) -> Checker:
    return _typed(lambda value: isinstance(value, _dt.datetime), "a timestamp", [])


def _blob(shape: Shape, service: str) -> Checker:
    return _typed(
        lambda value: isinstance(value, bytes), "a blob",
        _bounds(_metadata(shape, service), len, "length"),
    )


def _list(shape: Shape, service: str) -> Checker:
    bounds = _bounds(_metadata(shape, service), len, "length")
    check_strings = _strings_member_check(shape.member, service)
    if check_strings is not None:
        return _typed(lambda value: isinstance(value, list), "a list", [*bounds, check_strings])
    check_member = compile_shape(shape.member, service)

    def check_members(value: list, path: str, failures: Failures) -> None:
        for index, item in enumerate(value, 1):
            item_path = f"{path}.{index}.member"
            if item is None:
                failures.append(ValidationFailure(None, item_path, "Member must not be null"))
            else:
                check_member(item, item_path, failures)
    return _typed(lambda value: isinstance(value, list), "a list", [*bounds, check_members])


def _map(shape: Shape, service: str) -> Checker:
    check_key = compile_shape(shape.key, service)
    check_value = compile_shape(shape.value, service)

    def check_entries(value: dict, path: str, failures: Failures) -> None:
        for key, item in value.items():
            check_key(key, f"{path}.key", failures)
            if item is not None:
                check_value(item, f"{path}.{key}.member", failures)
    return _typed(
        lambda value: isinstance(value, dict), "a map",
        [*_bounds(_metadata(shape, service), len, "length"), check_entries],
    )


_structures = CompiledShapes()


def _structure(shape: Shape, service: str) -> Checker:
    return _structures.get(
        (service, shape.name), lambda: _compile_structure(shape, service)
    )


def _compile_structure(shape: Shape, service: str) -> Checker:
    required = frozenset(_metadata(shape, service).get("required", ()))
    members = [
        (name, member_path("", name), compile_shape(member, service), name in required)
        for name, member in shape.members.items()
    ]

    def check_structure(value: Any, path: str, failures: Failures) -> None:
        """Members in the model's order: the order AWS reports failures in."""
        if not isinstance(value, dict):
            raise serialization_error("a structure")
        prefix = path + "." if path else ""
        for name, wire_name, check, is_required in members:
            item = value.get(name)
            if item is None:
                if is_required:
                    failures.append(
                        ValidationFailure(None, prefix + wire_name, "Member must not be null"))
                continue
            check(item, prefix + wire_name, failures)
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


def request_rules(service: str) -> Rules:
    """What a valid request to ``service`` obeys, for its generated test (shapecode)."""
    return Rules(
        metadata=lambda shape: _metadata(shape, service), bounds=True, closed=False,
        skip_null=True, pattern=java_pattern, length=java_length,
    )


#: A request validator: raises AWS's error for request members that break the model.
Validator = Callable[[dict], None]

_validators: dict[tuple[str, str], Validator] = {}


def _no_members(request: dict) -> None:
    """An operation without an input shape: nothing to check."""


def request_validator(operation: OperationModel) -> Validator:
    """The validator of ``operation``'s requests, compiled once (dispatch keeps it)."""
    key = (operation.service_model.service_name, operation.name)
    found = _validators.get(key)
    if found is None:
        shape = operation.input_shape
        if shape is None:
            found = _no_members
        else:
            service = key[0]
            checker = compile_shape(shape, service)
            fits = compile_fits(shape, request_rules(service))

            def found(request: dict) -> None:
                if fits(request):  # the generated test: a valid request stops here
                    return
                failures: Failures = []
                checker(request, "", failures)
                if failures:
                    raise validation_exception(failures)
        _validators[key] = found
    return found
