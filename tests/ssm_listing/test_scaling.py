"""A first page reads O(page) names from the index, however many parameters there are.

Instead of timing (flaky), the test counts the names the sorted index hands out while one
page is built, at two store sizes a hundred times apart: the counts must not grow.
"""

from __future__ import annotations

import pytest

from .conftest import load_directly


def fill(store, count: int) -> None:
    """``count`` parameters in ten folders (a third two levels deeper), straight into the store."""
    load_directly(
        store,
        (f"/big/f{i % 10}/p{i:06}" + ("/deep/leaf" if i % 3 == 0 else "") for i in range(count)),
    )


class CountingIndex:
    """Counts the keys every ``irange`` of the wrapped SortedDict yields."""

    def __init__(self, sorted_dict) -> None:
        self.steps = 0
        self._irange = sorted_dict.irange
        sorted_dict.irange = self.irange

    def irange(self, *args, **kwargs):
        for key in self._irange(*args, **kwargs):
            self.steps += 1
            yield key


def describe(key: str, option: str, value: str) -> tuple[str, dict]:
    filters = [{"Key": key, "Option": option, "Values": [value]}]
    return "describe_parameters", {"ParameterFilters": filters}


CALLS = {
    "by path, one level": ("get_parameters_by_path", {"Path": "/big/f3"}),
    "by path, recursive": ("get_parameters_by_path", {"Path": "/big/f3", "Recursive": True}),
    "describe, Name BeginsWith": describe("Name", "BeginsWith", "/big/f4/p"),
    "describe, Path OneLevel": describe("Path", "OneLevel", "/big/f7"),
    "describe, Path Recursive": describe("Path", "Recursive", "/big/f7"),
    "describe, no filter": ("describe_parameters", {}),
}


def first_page_steps(kayvee, ssm_client, count: int, operation: str, request: dict) -> int:
    store = kayvee.backend().parameters
    fill(store, count)
    counter = CountingIndex(store._by_name)
    response = getattr(ssm_client, operation)(**request)
    assert response["Parameters"] and "NextToken" in response
    return counter.steps


@pytest.mark.parametrize("call", CALLS, ids=list(CALLS))
def test_first_page_work_does_not_grow_with_the_store(kayvee, ssm_client, call):
    operation, request = CALLS[call]
    small = first_page_steps(kayvee, ssm_client, 200, operation, request)
    kayvee.backend().parameters._by_name.clear()
    large = first_page_steps(kayvee, ssm_client, 20_000, operation, request)
    assert large <= small + 2 and large <= 40
