"""GetParametersByPath and DescribeParameters: pages cut from the sorted name index.

A page is a range scan of the index (a path, a ``BeginsWith`` prefix, ``Equals`` points, or
everything) that starts after the page token's name, so the first page costs O(log n +
page) and paging through n parameters O(n log n). AWS's pages are "best effort": a call
examines at most :data:`SCAN_BUDGET` names and may return fewer items (even none) with a
``NextToken``, which is what keeps a page cheap when filters reject most names.
"""

from __future__ import annotations

import heapq
from typing import Callable, Iterable, Iterator, Optional

from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterStore, ParameterVersion
from .. import SSM, operation
from .filters import (
    BEGINS_WITH, EQUALS, INVALID_PATH_MESSAGE, RECURSIVE, StringFilter, by_path_filters, check_path,
    describe_filters, matches, slashed,
)
from .page_tokens import read_token, write_token
from .public import public_arn, public_parameters
from .responses import metadata_shape, parameter_shape

#: GetParametersByPath and DescribeParameters return 10 items when MaxResults is absent [INF:
#: users' reports of "only 10 parameters"; the API reference states no default].
DEFAULT_MAX_RESULTS = 10
#: Names one call examines at most before it answers with what it has and a NextToken.
SCAN_BUDGET = 1000
#: Paths under this root are AWS's public parameters, not the caller's.
AWS_ROOT = "/aws/"


def page_of(
    names: Iterator[str], pick: Callable[[str], Optional[dict]], size: int
) -> tuple[list[dict], Optional[str]]:
    """Up to ``size`` picked items and the name to continue after, or ``None`` at the end.

    The token is written only when another item is known to follow (or the scan budget
    ran out), so the last page has no ``NextToken``.
    """
    items: list[dict] = []
    last: Optional[str] = None
    for examined, name in enumerate(names):
        if examined == SCAN_BUDGET:
            return items, last
        item = pick(name)
        if item is not None:
            if len(items) == size:
                return items, last
            items.append(item)
        last = name
    return items, None


def _merged(iterators: Iterable[Iterator[str]]) -> Iterator[str]:
    """Several sorted name ranges as one sorted range without repeats."""
    previous = None
    for name in heapq.merge(*iterators):
        if name != previous:
            yield name
            previous = name


def _respond(
    context: Context, kind: str, query: object, page: tuple[list[dict], Optional[str]]
) -> dict:
    items, after = page
    response: dict = {"Parameters": items}
    if after is not None:
        response["NextToken"] = write_token(context, kind, query, after)
    return response


# -- GetParametersByPath -------------------------------------------------------------------


def _by_path_version(
    parameter: Parameter, filters: list[StringFilter]
) -> Optional[ParameterVersion]:
    """The version a by-path read returns: the one a Label filter names, else the latest [INF]."""
    for found in filters:
        if found.key == "Label":
            labelled = [v for v in map(parameter.version_with_label, found.values) if v]
            return max(labelled, key=lambda v: v.version) if labelled else None
    return parameter.latest


def _under_path(
    store: ParameterStore, prefix: str, recursive: bool, after: Optional[str]
) -> Iterator[str]:
    """Names under ``prefix`` (ending in ``/``), one level or all, in order, after ``after``.

    The root ``/`` also holds the single-level names created without a slash (``foo``):
    AWS lists them under ``/`` one level and recursive (recorded: getmoto/moto#1700).
    """
    scan = store.names_with_prefix if recursive else store.child_names
    if prefix != "/":
        return scan(prefix, after)
    return _merged((scan(prefix, after), store.slashless_names(after)))


def _path_source(context: Context, prefix: str) -> tuple[ParameterStore, bool]:
    """The index the names under ``prefix`` live in, and whether it is AWS's public one."""
    if prefix.startswith(AWS_ROOT):
        return public_parameters(context.partition), True
    if prefix != "/" and prefix.lstrip("/").lower().startswith(("aws", "ssm")):
        raise ServiceError("ValidationException", INVALID_PATH_MESSAGE)
    return context.backend.parameters, False


@operation(SSM, "GetParametersByPath")
def get_parameters_by_path(context: Context, request: dict) -> dict:
    path = check_path(request["Path"].strip(" "))  # AWS trims spaces around names
    filters = by_path_filters(request.get("ParameterFilters", []))
    recursive = bool(request.get("Recursive"))
    prefix = path.rstrip("/") + "/"
    store, public = _path_source(context, prefix)
    query = (prefix, recursive, filters)
    after = read_token(context, "GetParametersByPath", query, request.get("NextToken"))
    names = _under_path(store, prefix, recursive, after)
    with_decryption = bool(request.get("WithDecryption"))

    def pick(name: str) -> Optional[dict]:
        parameter = store.get(name)
        if parameter is None:
            return None
        version = _by_path_version(parameter, filters)
        if version is None or not all(matches(f, parameter, version) for f in filters):
            return None
        shape = parameter_shape(context, parameter, version, with_decryption=with_decryption)
        if public:
            shape["ARN"] = public_arn(context, name)
        return shape

    size = request.get("MaxResults", DEFAULT_MAX_RESULTS)
    return _respond(context, "GetParametersByPath", query, page_of(names, pick, size))


# -- DescribeParameters --------------------------------------------------------------------


def _candidates(
    store: ParameterStore, filters: list[StringFilter], after: Optional[str]
) -> Iterator[str]:
    """The narrowest index range the filters allow: Name points, Name prefixes, a path, or all.

    Name values match with or without their leading slash, so each gives two ranges.
    """
    by_key = {f.key: f for f in filters}
    name, path = by_key.get("Name"), by_key.get("Path")
    if name is not None and name.option == EQUALS:
        points = {form for v in name.values for form in (slashed(v), v.lstrip("/"))}
        return iter(sorted(p for p in points if (after is None or p > after) and p in store))
    if name is not None and name.option == BEGINS_WITH:
        prefixes = {form for v in name.values for form in (slashed(v), v.lstrip("/"))}
        return _merged(store.names_with_prefix(p, after) for p in prefixes)
    if path is not None:
        prefixes = {v.rstrip("/") + "/" for v in path.values}
        recursive = path.option == RECURSIVE
        return _merged(_under_path(store, p, recursive, after) for p in prefixes)
    return store.names_with_prefix("", after)


@operation(SSM, "DescribeParameters")
def describe_parameters(context: Context, request: dict) -> dict:
    """The caller's own parameters (never AWS's public ones), filtered, sorted by name.

    ``Shared=True`` lists parameters other accounts shared through AWS RAM resource shares.
    A share made with PutResourcePolicy is listed only once promoted in RAM ("the associated
    RAM Resource Share Created From Policy must have been promoted" [model
    DescribeParameters.Shared]), which kv_mock does not mock: that list is empty.
    """
    filters = describe_filters(request)
    shared = bool(request.get("Shared"))
    query = (filters, shared)
    after = read_token(context, "DescribeParameters", query, request.get("NextToken"))
    store = context.backend.parameters

    def pick(name: str) -> Optional[dict]:
        parameter = store.get(name)
        if parameter is None or not all(matches(f, parameter, parameter.latest) for f in filters):
            return None
        return metadata_shape(context, parameter)

    names = iter(()) if shared else _candidates(store, filters, after)
    size = request.get("MaxResults", DEFAULT_MAX_RESULTS)
    return _respond(context, "DescribeParameters", query, page_of(names, pick, size))
