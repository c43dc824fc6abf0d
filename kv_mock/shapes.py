"""Every response is checked against the operation's output shape before it leaves.

A handler that returns a member the model does not have, a value of the wrong type, a naive
datetime or misses a required member is a kv_mock bug; it is raised loudly as
:class:`ResponseShapeError` instead of reaching the caller as something AWS would never
send. Checkers are compiled once per shape, like botocore's Stubber validates its canned
responses, but without re-reading the model on every call.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Optional

from botocore.model import OperationModel, ServiceModel, Shape

from .errors import KvMockError

Checker = Callable[[Any, str], None]


class ResponseShapeError(KvMockError):
    """kv_mock built a response that does not fit botocore's output shape."""


def _fail(path: str, problem: str) -> None:
    raise ResponseShapeError(f"response member {path or '<root>'}: {problem}")


def _simple(kinds: tuple[type, ...], label: str) -> Callable[[Shape, frozenset], Checker]:
    def compile_simple(shape: Shape, seen: frozenset) -> Checker:
        def check(value: Any, path: str) -> None:
            if isinstance(value, bool) and bool not in kinds:
                _fail(path, f"expected {label}, got bool")
            if not isinstance(value, kinds):
                _fail(path, f"expected {label}, got {type(value).__name__}")
        return check
    return compile_simple


def _timestamp(shape: Shape, seen: frozenset) -> Checker:
    def check(value: Any, path: str) -> None:
        if not isinstance(value, _dt.datetime):
            _fail(path, f"expected datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            _fail(path, "datetime must be timezone-aware")
    return check


def _string(shape: Shape, seen: frozenset) -> Checker:
    allowed = frozenset(shape.enum) if shape.enum else None

    def check(value: Any, path: str) -> None:
        if not isinstance(value, str):
            _fail(path, f"expected str, got {type(value).__name__}")
        if allowed is not None and value not in allowed:
            _fail(path, f"{value!r} is not one of {sorted(allowed)}")
    return check


def _list(shape: Shape, seen: frozenset) -> Checker:
    item = _compile(shape.member, seen)

    def check(value: Any, path: str) -> None:
        if not isinstance(value, list):
            _fail(path, f"expected list, got {type(value).__name__}")
        for index, element in enumerate(value):
            item(element, f"{path}[{index}]")
    return check


def _map(shape: Shape, seen: frozenset) -> Checker:
    key = _compile(shape.key, seen)
    item = _compile(shape.value, seen)

    def check(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            _fail(path, f"expected dict, got {type(value).__name__}")
        for k, v in value.items():
            key(k, f"{path}.<key>")
            item(v, f"{path}[{k!r}]")
    return check


def _structure(shape: Shape, seen: frozenset) -> Checker:
    if shape.name in seen:
        # A recursive shape: check it lazily, when a value of it actually appears.
        return lambda value, path: _compile(shape, frozenset())(value, path)
    seen = seen | {shape.name}
    members = {name: _compile(member, seen) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def check(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            _fail(path, f"expected dict, got {type(value).__name__}")
        for name, element in value.items():
            member = members.get(name)
            if member is None:
                _fail(f"{path}.{name}" if path else name, f"not a member of {shape.name}")
            member(element, f"{path}.{name}" if path else name)
        for name in required:
            if name not in value:
                _fail(f"{path}.{name}" if path else name, "required member missing")
    return check


_COMPILERS: dict[str, Callable[[Shape, frozenset], Checker]] = {
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


def _compile(shape: Shape, seen: frozenset) -> Checker:
    return _COMPILERS[shape.type_name](shape, seen)


_compiled: dict[tuple[str, str], Optional[Checker]] = {}


def check_response(operation: OperationModel, response: dict) -> None:
    """Raise :class:`ResponseShapeError` unless ``response`` fits the output shape."""
    key = (operation.service_model.service_name, operation.name)
    try:
        checker = _compiled[key]
    except KeyError:
        shape = operation.output_shape
        checker = _compiled[key] = _compile(shape, frozenset()) if shape is not None else None
    if checker is None:
        if response:
            _fail("", f"{operation.name} has no output members")
        return
    checker(response, "")


_error_members: dict[tuple[str, str], dict[str, str]] = {}


def error_members(service: ServiceModel, code: str, message: str, fields: dict) -> dict:
    """The modeled members of error ``code``'s shape, as AWS puts them in the error body.

    Both services send ``{"__type": …, "message": …}``. botocore copies body members that
    the error shape models to the top level of the parsed error: SSM's shapes model
    ``message``, so ``err.response["message"]`` is there; Secrets Manager's model
    ``Message``, which the lowercase body key never fills. An empty message is not sent.
    """
    key = (service.service_name, code)
    try:
        message_member = _error_members[key]
    except KeyError:
        message_member = {}
        if code in service.shape_names:
            shape = service.shape_for(code)
            for name in shape.members:
                if name == "message":
                    message_member = {"name": name}
        _error_members[key] = message_member
    members = dict(fields)
    if message_member and message:
        members[message_member["name"]] = message
    return members
