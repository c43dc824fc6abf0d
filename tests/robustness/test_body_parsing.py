"""The request body parser reads every text as ``json.loads`` does (nulls dropped).

kv_mock reads the compact JSON botocore sends with the decoder's C scanner directly and
leaves any other text to the full decoder: whatever the text, the members or the error
must be those ``json.loads`` gives.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock.protocol import _loads

_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(
    allow_nan=False
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=12,
)
_whitespace = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


@settings(max_examples=300, deadline=None)
@given(value=_values, before=_whitespace, after=_whitespace, indent=st.sampled_from([None, 1]),
       as_bytes=st.booleans())
def test_any_json_text_reads_as_json_loads_reads_it(value, before, after, indent, as_bytes):
    text = before + json.dumps(value, indent=indent) + after
    body = text.encode() if as_bytes else text
    assert _loads(body) == _without_nulls(json.loads(text))


@pytest.mark.parametrize("text", ["", " ", '{"a": 1} x', '{"a": 1}{}', "{", '{"a": }', "nul",
                                  '{"a": 1},', "[1, 2", '"unterminated'])
def test_a_text_that_is_not_one_json_value_is_refused_as_json_loads_refuses_it(text):
    with pytest.raises(ValueError) as expected:
        json.loads(text)
    with pytest.raises(ValueError) as refused:
        _loads(text)
    assert str(refused.value) == str(expected.value)
