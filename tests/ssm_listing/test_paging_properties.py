"""Property: for any set of names, filter and page size, paging lists exactly the matches once.

The expected result is computed naively (every name tested against the rule AWS states);
the mock computes it from index ranges and cursors, so the two must agree.
"""

from __future__ import annotations

import boto3
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee

segment = st.text(alphabet="ab-", min_size=1, max_size=2).filter(lambda s: s[0] != "-")
#: A hierarchy (``/a/b-/ba``) or a plain name (``ab``): only hierarchies may have levels.
name = st.one_of(
    segment,
    st.builds(lambda parts: "/" + "/".join(parts), st.lists(segment, min_size=1, max_size=3)),
)
# "/a" and "a" are one parameter (one ARN): a store holds one spelling of each.
names = st.sets(name, min_size=0, max_size=25).map(
    lambda found: {n for n in found if not (n.count("/") == 0 and "/" + n in found)}
)
path = st.builds(lambda parts: "/" + "/".join(parts), st.lists(segment, min_size=0, max_size=2))


def in_path(candidate: str, folder: str, recursive: bool) -> bool:
    """AWS's rule; a name without a slash (``ab``) is at the root ``/`` (moto#1700)."""
    candidate = "/" + candidate.lstrip("/")
    prefix = folder.rstrip("/") + "/"
    rest = candidate[len(prefix):]
    return candidate.startswith(prefix) and (recursive or "/" not in rest)


def paginate(operation: str, page_size: int, **request) -> list[str]:
    client = boto3.client("ssm", region_name="us-east-1")
    pages = client.get_paginator(operation).paginate(
        PaginationConfig={"PageSize": page_size}, **request
    )
    return [p["Name"] for page in pages for p in page["Parameters"]]


def load(all_names: set[str]) -> None:
    client = boto3.client("ssm", region_name="us-east-1")
    for each in all_names:
        client.put_parameter(Name=each, Value="v", Type="String")


@settings(max_examples=50, deadline=None)
@given(names, path, st.booleans(), st.integers(min_value=1, max_value=10))
def test_get_parameters_by_path_pages_list_the_path_exactly(all_names, folder, recursive, size):
    with mock_kayvee():
        load(all_names)
        listed = paginate("get_parameters_by_path", size, Path=folder, Recursive=recursive)
    assert listed == sorted(n for n in all_names if in_path(n, folder, recursive))


@settings(max_examples=50, deadline=None)
@given(names, st.lists(name, min_size=1, max_size=3), st.integers(min_value=1, max_value=50))
def test_describe_parameters_name_begins_with_pages_list_the_matches(all_names, prefixes, size):
    def slashed(text: str) -> str:
        return "/" + text.lstrip("/")

    with mock_kayvee():
        load(all_names)
        filters = [{"Key": "Name", "Option": "BeginsWith", "Values": prefixes}]
        listed = paginate("describe_parameters", size, ParameterFilters=filters)
    expected = [n for n in all_names if any(slashed(n).startswith(slashed(p)) for p in prefixes)]
    assert listed == sorted(expected)


@settings(max_examples=50, deadline=None)
@given(names, st.lists(path, min_size=1, max_size=3), st.booleans(), st.integers(1, 50))
def test_describe_parameters_path_pages_list_the_matches(all_names, folders, recursive, size):
    option = "Recursive" if recursive else "OneLevel"
    with mock_kayvee():
        load(all_names)
        filters = [{"Key": "Path", "Option": option, "Values": folders}]
        listed = paginate("describe_parameters", size, ParameterFilters=filters)
    expected = [n for n in all_names if any(in_path(n, f, recursive) for f in folders)]
    assert listed == sorted(expected)
