"""kv_mock.codec: dataclasses to JSON by their type hints, and back, new fields included."""

import dataclasses
import datetime as _dt
import enum
import json
from typing import Any, Optional

import pytest
from hypothesis import given, settings, strategies as st
from sortedcontainers import SortedDict

from kv_mock import codec
from kv_mock.store.parameters import Parameter, ParameterPolicy, ParameterVersion


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Everything:
    text: str
    number: int
    ratio: float
    flag: bool
    when: _dt.datetime
    span: _dt.timedelta
    blob: bytes
    maybe: Optional[str] = None
    colour: Colour = Colour.RED
    names: list[str] = dataclasses.field(default_factory=list)
    pair: tuple[int, str] = (0, "")
    by_version: dict[int, str] = dataclasses.field(default_factory=dict)
    sorted_index: SortedDict = dataclasses.field(default_factory=SortedDict)
    free_form: Any = None
    tags: set[str] = dataclasses.field(default_factory=set)


def _round_trip(value, hint):
    return codec.decode(json.loads(json.dumps(codec.encode(value, hint))), hint)


aware_datetimes = st.datetimes(timezones=st.just(_dt.timezone.utc))
json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=50, deadline=None)
@given(
    st.builds(
        Everything,
        when=aware_datetimes,
        span=st.timedeltas(min_value=_dt.timedelta(0), max_value=_dt.timedelta(days=1000)),
        ratio=st.floats(allow_nan=False, allow_infinity=False),
        maybe=st.none() | st.text(),
        by_version=st.dictionaries(st.integers(), st.text(), max_size=3),
        sorted_index=st.dictionaries(st.text(), st.integers(), max_size=3).map(SortedDict),
        free_form=json_like,
        tags=st.sets(st.text(), max_size=3),
    )
)
def test_every_supported_type_round_trips_through_json(value):
    assert _round_trip(value, Everything) == value


@settings(max_examples=50, deadline=None)
@given(
    st.one_of(
        aware_datetimes, st.binary(), st.tuples(st.integers(), st.text()),
        st.frozensets(st.integers()),
        st.dictionaries(st.integers(), st.text(), max_size=3),
        st.dictionaries(st.text().map(lambda key: "$" + key), st.integers(), max_size=3),
        st.builds(
            ParameterPolicy, type=st.text(), text=st.text(), timestamp=st.none() | aware_datetimes
        ),
    )
)
def test_values_without_type_hints_come_back_with_their_types(value):
    assert _round_trip(value, Any) == value


def test_a_none_field_with_a_none_default_is_left_out():
    when = _dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc)
    version = ParameterVersion(1, "v", "String", when, "me", "Standard")
    assert "description" not in codec.encode(version, ParameterVersion)


def test_fields_missing_from_a_document_get_their_defaults():
    assert codec.decode({"name": "/a"}, Parameter) == Parameter("/a")


def test_a_document_naming_a_class_outside_kv_mock_is_refused():
    with pytest.raises(codec.CodecError) as error:
        codec.decode({"$object": "os:Popen", "attributes": {}})
    assert str(error.value) == "a kv_mock document may only name kv_mock classes, not 'os:Popen'"


def test_a_value_that_is_not_data_is_refused():
    with pytest.raises(codec.CodecError) as error:
        codec.encode(len)
    assert str(error.value) == "cannot put a builtin_function_or_method into a JSON document"


@dataclasses.dataclass
class WithIndex:
    items: dict[str, int] = dataclasses.field(default_factory=dict)
    index: Optional[dict[int, str]] = dataclasses.field(default=None, metadata=codec.DERIVED)


def test_a_derived_field_is_never_written_and_reads_back_as_its_default():
    value = WithIndex({"a": 1}, index={1: "a"})

    document = codec.encode(value, WithIndex)
    assert document == {"items": {"a": 1}}
    assert codec.decode({"items": {"a": 1}, "index": {"1": "b"}}, WithIndex) == WithIndex({"a": 1})
