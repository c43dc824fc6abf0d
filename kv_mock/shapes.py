"""Every response is checked against the operation's output shape before it leaves.

A handler that returns a member the model does not have, a value of the wrong type, a naive
datetime or misses a required member is a kv_mock bug; it is raised loudly as
:class:`ResponseShapeError` instead of reaching the caller as something AWS would never
send. Checkers are compiled once per shape, like botocore's Stubber validates its canned
responses, but without re-reading the model on every call; a response that fits is told
apart before them, by a test generated from the same shape (:mod:`kv_mock.shapecode`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Optional

from botocore.model import OperationModel, ServiceModel, Shape

from .compiled import CompiledShapes
from .errors import KvMockError
from .shapecode import Rules, compile_fits

Checker = Callable[[Any], None]


class ResponseShapeError(KvMockError):
    """kv_mock built a response that does not fit botocore's output shape."""


class _Mismatch(Exception):
    """A value that does not fit; containers add their part of the path as it propagates.

    Paths are only built when something is wrong: a successful check (every response)
    formats no strings.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str] = []

    def within(self, part: str) -> "_Mismatch":
        self.path.insert(0, part)
        return self


def _type_name(value: Any) -> str:
    return type(value).__name__


def _simple(kinds: tuple[type, ...], label: str) -> Callable[[Shape, str], Checker]:
    def compile_simple(shape: Shape, service: str) -> Checker:
        def check(value: Any) -> None:
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                raise _Mismatch(f"expected {label}, got {_type_name(value)}")
        return check
    return compile_simple


def _timestamp(shape: Shape, service: str) -> Checker:
    def check(value: Any) -> None:
        if not isinstance(value, _dt.datetime):
            raise _Mismatch(f"expected datetime, got {_type_name(value)}")
        if value.tzinfo is None:
            raise _Mismatch("datetime must be timezone-aware")
    return check


def _string(shape: Shape, service: str) -> Checker:
    allowed = frozenset(shape.enum) if shape.enum else None

    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise _Mismatch(f"expected str, got {_type_name(value)}")
        if allowed is not None and value not in allowed:
            raise _Mismatch(f"{value!r} is not one of {sorted(allowed)}")
    return check


def _list(shape: Shape, service: str) -> Checker:
    item = _compile(shape.member, service)

    def check(value: Any) -> None:
        if not isinstance(value, list):
            raise _Mismatch(f"expected list, got {_type_name(value)}")
        for index, element in enumerate(value):
            try:
                item(element)
            except _Mismatch as mismatch:
                raise mismatch.within(f"[{index}]")
    return check


def _map(shape: Shape, service: str) -> Checker:
    key = _compile(shape.key, service)
    item = _compile(shape.value, service)

    def check(value: Any) -> None:
        if not isinstance(value, dict):
            raise _Mismatch(f"expected dict, got {_type_name(value)}")
        for k, v in value.items():
            try:
                key(k)
            except _Mismatch as mismatch:
                raise mismatch.within(".<key>")
            try:
                item(v)
            except _Mismatch as mismatch:
                raise mismatch.within(f"[{k!r}]")
    return check


_structures = CompiledShapes()


def _structure(shape: Shape, service: str) -> Checker:
    return _structures.get(
        (service, shape.name), lambda: _compile_structure(shape, service)
    )


def _compile_structure(shape: Shape, service: str) -> Checker:
    members = {name: _compile(member, service) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def check(value: Any) -> None:
        if not isinstance(value, dict):
            raise _Mismatch(f"expected dict, got {_type_name(value)}")
        for name, element in value.items():
            member = members.get(name)
            if member is None:
                raise _Mismatch(f"not a member of {shape.name}").within(f".{name}")
            try:
                member(element)
            except _Mismatch as mismatch:
                raise mismatch.within(f".{name}")
        for name in required:
            if name not in value:
                raise _Mismatch("required member missing").within(f".{name}")
    return check


_COMPILERS: dict[str, Callable[[Shape, str], Checker]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _simple((int,), "int"),
    "long": _simple((int,), "int"),
    "double": _simple((int, float), "float"),
    "float": _simple((int, float), "float"),
    "boolean": _simple((bool,), "bool"),
    "blob": _simple((bytes,), "bytes"),
    "timestamp": _timestamp,
}


def _compile(shape: Shape, service: str) -> Checker:
    return _COMPILERS[shape.type_name](shape, service)


#: What a response obeys: its members' types and enums, every member one of the shape's,
#: timestamps timezone-aware (the generated test of :mod:`kv_mock.shapecode`).
RESPONSE_RULES = Rules(
    metadata=lambda shape: shape.metadata, bounds=False, closed=True, skip_null=False,
    aware=True,
)

#: A response check: raises :class:`ResponseShapeError` for a response that does not fit.
ResponseCheck = Callable[[dict], None]

_response_checks: dict[tuple[str, str], ResponseCheck] = {}


def response_checker(operation: OperationModel) -> ResponseCheck:
    """The check of ``operation``'s responses, compiled once (dispatch keeps it)."""
    key = (operation.service_model.service_name, operation.name)
    found = _response_checks.get(key)
    if found is None:
        shape = operation.output_shape
        checker = _compile(shape, key[0]) if shape is not None else None
        fits = compile_fits(shape, RESPONSE_RULES) if shape is not None else None

        def found(response: dict) -> None:
            if fits is not None and fits(response):  # the generated test: most stop here
                return
            try:
                if checker is not None:
                    checker(response)
                elif response:
                    raise _Mismatch(f"{operation.name} has no output members")
            except _Mismatch as mismatch:
                path = "".join(mismatch.path).lstrip(".") or "<root>"
                raise ResponseShapeError(
                    f"response member {path}: {mismatch.problem}") from None
        _response_checks[key] = found
    return found


_error_members: dict[tuple[str, str], Optional[str]] = {}

#: The names an error shape gives its message member: SSM's older shapes say ``message``,
#: Secrets Manager's and SSM's newer ones ``Message``.
_MESSAGE_MEMBERS = ("message", "Message")


def error_members(service: ServiceModel, code: str, message: str, fields: dict) -> dict:
    """The modeled members of error ``code``'s shape, as AWS puts them in the error body.

    AWS's body carries the message under the member name the error shape models, and
    botocore copies modeled body members to the top level of the parsed error. Recorded:
    Secrets Manager's body is ``{"Message": "…", "__type": "InvalidRequestException"}``
    (localstack's AWS-validated snapshot ``test_no_client_request_token``; a real parsed
    error shows ``'Message'`` beside ``'Error'`` with content-length 99, exactly that body)
    and SSM's ``ParameterNotFound`` is ``{"__type":"ParameterNotFound"}`` for an empty
    message (modeled ``message``: an empty message is not sent). Inferred from those: an
    SSM shape modelling ``Message`` (ValidationException, InvalidNextToken, …) gets
    ``Message``. Looked up once per code; costs nothing on success.
    """
    key = (service.service_name, code)
    try:
        member = _error_members[key]
    except KeyError:
        member = None
        if code in service.shape_names:
            names = service.shape_for(code).members
            member = next((name for name in _MESSAGE_MEMBERS if name in names), None)
        _error_members[key] = member
    members = dict(fields)
    if member is not None and message:
        members[member] = message
    return members
