"""The generated "it fits" tests (kv_mock.shapecode) are never looser than the closures.

A generated test that says ``True`` lets a request through unvalidated, or a response out
unchecked, so for every shape of every operation kv_mock implements: whatever it accepts,
the closures that word AWS's errors accept too. Values are drawn from the shapes
themselves, near their bounds, patterns and enums, with wrong types, nulls and unknown
members mixed in. And the calls mocked on every test's path do take the quick way.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import botocore.session
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kv_mock import shapes, validate
from kv_mock.errors import ServiceError
from kv_mock.services import implemented_operations
from kv_mock.shapecode import compile_fits

SERVICES = ("ssm", "secretsmanager", "kms")
_MODELS = {service: botocore.session.get_session().get_service_model(service)
           for service in SERVICES}
#: Every operation kv_mock implements that the installed botocore models.
OPERATIONS = [(service, name) for service in SERVICES for name in implemented_operations(service)
              if name in _MODELS[service].operation_names]

_WRONG_TYPES = st.one_of(st.none(), st.integers(), st.text(max_size=3), st.booleans(),
                         st.lists(st.integers(), max_size=2), st.just({}))


def _metadata(shape, side, service):
    return validate._metadata(shape, service) if side == "request" else shape.metadata


def _edges(metadata):
    """Lengths at and one past each bound."""
    bounds = [metadata.get("min"), metadata.get("max")]
    return sorted({max(0, bound + step) for bound in bounds if bound is not None
                   for step in (-1, 0, 1)})


def _strings(metadata):
    low, high = metadata.get("min", 0), metadata.get("max")
    choices = [st.text(max_size=min((high or low + 8) + 1, 40))]
    if _edges(metadata):
        choices.append(st.sampled_from(_edges(metadata)).flatmap(
            lambda length: st.sampled_from(["a", "é", "\U0001f600"]).map(
                lambda char: char * length)))
    if metadata.get("enum"):
        choices.append(st.sampled_from(metadata["enum"]))
    if metadata.get("pattern"):
        try:
            regex = validate.java_pattern(metadata["pattern"])
            choices.append(st.from_regex(regex, fullmatch=True).filter(
                lambda text: high is None or len(text) <= high + 1))
        except (re.error, ValueError):
            pass
    return st.one_of(choices)


def _numbers(shape, metadata):
    low, high = metadata.get("min"), metadata.get("max")
    edges = [value + step for value in (low, high) if value is not None for step in (-1, 0, 1)]
    integers = st.one_of(st.integers(-5, 100), *(st.just(edge) for edge in edges))
    if shape.type_name in ("double", "float"):
        return st.one_of(integers, st.floats(allow_nan=False))
    return integers


def values(shape, side, service, depth=0):
    """Values near ``shape``: mostly of its type, at and past its bounds; sometimes not."""
    metadata = _metadata(shape, side, service)
    kind = shape.type_name
    if depth > 3:
        return _WRONG_TYPES
    if kind == "structure":
        members = {name: values(member, side, service, depth + 1)
                   for name, member in shape.members.items()}
        required = set(metadata.get("required", ()))
        fitting = st.fixed_dictionaries(
            {name: strategy for name, strategy in members.items() if name in required},
            optional={
                **{name: st.one_of(strategy, st.none()) for name, strategy in members.items()
                   if name not in required},
                "UnknownMember": st.integers(),
            },
        )
        return st.one_of(fitting, _WRONG_TYPES)
    if kind == "list":
        member = values(shape.member, side, service, depth + 1)
        edges = [length for length in _edges(metadata) if length <= 60]
        sized = st.sampled_from(edges).flatmap(
            lambda length: st.lists(member, min_size=length, max_size=length)) if edges else None
        return st.one_of(st.lists(st.one_of(member, st.none()), max_size=4),
                         *([sized] if sized is not None else []), _WRONG_TYPES)
    if kind == "map":
        return st.one_of(st.dictionaries(
            _strings(_metadata(shape.key, side, service)),
            st.one_of(values(shape.value, side, service, depth + 1), st.none()), max_size=3,
        ), _WRONG_TYPES)
    if kind == "string":
        return st.one_of(_strings(metadata), _WRONG_TYPES)
    if kind in ("integer", "long", "double", "float"):
        return st.one_of(_numbers(shape, metadata), st.booleans(), st.none())
    if kind == "boolean":
        return st.one_of(st.booleans(), st.integers(0, 1), st.none())
    if kind == "timestamp":
        return st.one_of(st.datetimes(timezones=st.just(dt.timezone.utc)), st.datetimes(),
                         st.none())
    if kind == "blob":
        return st.one_of(st.binary(max_size=16),
                         st.sampled_from(_edges(metadata) or [0]).map(lambda n: b"b" * n),
                         st.text(max_size=2))
    return _WRONG_TYPES


@lru_cache(maxsize=None)
def _compiled(service, operation, side):
    model = _MODELS[service].operation_model(operation)
    shape = model.input_shape if side == "request" else model.output_shape
    if shape is None:
        return None
    if side == "request":
        return shape, compile_fits(shape, validate.request_rules(service)), \
            validate.compile_shape(shape, service)
    return shape, compile_fits(shape, shapes.RESPONSE_RULES), shapes._compile(shape, service)


def _closures_accept(side, closure, value):
    if side == "request":
        failures = []
        try:
            closure(value, "", failures)
        except ServiceError:  # SerializationException
            return False
        return not failures
    try:
        closure(value)
    except shapes._Mismatch:
        return False
    return True


@settings(max_examples=1500, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), operation=st.sampled_from(OPERATIONS),
       side=st.sampled_from(["request", "response"]))
def test_what_a_generated_test_accepts_the_closures_accept(data, operation, side):
    compiled = _compiled(*operation, side)
    if compiled is None:
        return
    shape, fits, closure = compiled
    value = data.draw(values(shape, side, operation[0]))
    if fits(value):
        assert _closures_accept(side, closure, value), (operation, side, value)


@pytest.mark.parametrize(("service", "operation", "side", "value"), [
    ("ssm", "GetParameter", "request", {"Name": "/app/db/host", "WithDecryption": True}),
    ("ssm", "PutParameter", "request",
     {"Name": "/app/db/host", "Value": "db", "Type": "String", "Overwrite": True}),
    ("ssm", "GetParameter", "response", {"Parameter": {
        "Name": "/app/db/host", "Type": "String", "Value": "db", "Version": 1,
        "LastModifiedDate": dt.datetime.now(dt.timezone.utc), "ARN": "arn", "DataType": "text",
    }}),
    ("secretsmanager", "PutSecretValue", "request",
     {"SecretId": "db", "SecretString": "pw", "ClientRequestToken": "a" * 36,
      "VersionStages": ["AWSCURRENT"]}),
    ("secretsmanager", "GetSecretValue", "response", {
        "ARN": "arn", "Name": "db", "VersionId": "a" * 36, "SecretString": "pw",
        "VersionStages": ["AWSCURRENT"], "CreatedDate": dt.datetime.now(dt.timezone.utc),
    }),
])
def test_the_calls_on_every_path_take_the_quick_way(service, operation, side, value):
    _, fits, _ = _compiled(service, operation, side)
    assert fits(value) is True


@pytest.mark.parametrize(("side", "value"), [
    ("request", {"Name": ""}),  # too short
    ("request", {"Name": "/x", "WithDecryption": "yes"}),  # a wrong type
    ("request", {"WithDecryption": True}),  # Name missing
    ("request", {"Name": None}),  # a required member that is null
    ("response", {"Parameter": {"Name": "/x", "Type": "Text"}}),  # not in the enum
    ("response", {"Parameter": {"LastModifiedDate": dt.datetime(2030, 1, 1)}}),  # naive
    ("response", {"Parameter": {}, "Extra": 1}),  # not a member
])
def test_a_value_that_does_not_fit_goes_to_the_closures(side, value):
    _, fits, closure = _compiled("ssm", "GetParameter", side)
    assert fits(value) is False and not _closures_accept(side, closure, value)
