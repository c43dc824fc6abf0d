"""ListSecrets, and the secret search BatchGetSecretValue shares with it.

Sorted by name, a page is a range of the store's sorted name index (narrowed to a ``name``
prefix filter when there is one); sorted by creation date (the default; secrets created in
the same millisecond in the order they were created), a range of the store's creation
index: either way O(log n + page) plus the secrets filters skip. The dates
that change with every write or read (last changed, last accessed) have no index: those
orders sort the secrets by (date, name) and seek past the cursor.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional

from ...context import Context
from ...store.secrets import Secret
from .. import SECRETS_MANAGER, operation
from .filters import Predicate, compile_filters, single_name_prefix
from .paging import decode_token, encode_token, invalid_token
from .responses import list_entry_shape

#: "If not specified, secrets are listed by CreatedDate"; ascending is inferred.
DEFAULT_SORT_BY = "created-date"
DEFAULT_SORT_ORDER = "asc"
#: Page size without ``MaxResults`` (inferred: the maximum the model allows).
DEFAULT_PAGE_SIZE = 100
#: Above every character a secret name can hold: the end of a name-prefix range.
_NAME_CEILING = "\U0010ffff"

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_DATES = {
    "created-date": lambda secret: secret.created_date,
    "last-changed-date": lambda secret: secret.last_changed_date,
    "last-accessed-date": lambda secret: secret.last_accessed_date,
}


def _millis(instant: Optional[_dt.datetime]) -> int:
    """A date as a sortable whole number, exactly; never-accessed secrets sort first (-1)."""
    return -1 if instant is None else (instant - _EPOCH) // _dt.timedelta(milliseconds=1)


@dataclass(frozen=True)
class Search:
    """One listing request: what matches, in which order, from where, how many."""

    matches: Predicate
    name_prefix: Optional[str]
    sort_by: str
    descending: bool
    page_size: int
    token: Optional[str]

    @property
    def listing(self) -> str:
        return f"secrets:{self.sort_by}:{'desc' if self.descending else 'asc'}"


def search_from(request: dict, page_size_default: int = DEFAULT_PAGE_SIZE) -> Search:
    filters = request.get("Filters", [])
    return Search(
        matches=compile_filters(filters),
        name_prefix=single_name_prefix(filters),
        sort_by=request.get("SortBy", DEFAULT_SORT_BY),
        descending=request.get("SortOrder", DEFAULT_SORT_ORDER) == "desc",
        page_size=request.get("MaxResults", page_size_default),
        token=request.get("NextToken"),
    )


def _name_ceiling(prefix: Optional[str]) -> Optional[str]:
    return None if prefix is None else prefix + _NAME_CEILING


def _by_name(context: Context, search: Search, cursor: Optional[str]) -> Iterator[Secret]:
    low, high = search.name_prefix, _name_ceiling(search.name_prefix)
    inclusive = [True, True]
    if cursor is not None:
        if search.descending and (high is None or cursor <= high):
            high, inclusive[1] = cursor, False
        elif not search.descending and (low is None or cursor >= low):
            low, inclusive[0] = cursor, False
    return context.backend.secrets.in_name_range(
        low, high, inclusive=(inclusive[0], inclusive[1]), reverse=search.descending
    )


def _from_millis(millis: int) -> _dt.datetime:
    return _EPOCH + _dt.timedelta(milliseconds=millis)


def _by_creation(context: Context, search: Search, cursor: Optional[list]) -> Iterator[Secret]:
    after = None if cursor is None else (_from_millis(cursor[0]), cursor[1])
    return context.backend.secrets.in_creation_order(after, reverse=search.descending)


def _by_changing_date(context: Context, search: Search, cursor: Optional[list]) -> list[Secret]:
    """Dates that change with every write or read have no index: sort, then seek."""
    date = _DATES[search.sort_by]
    in_range = context.backend.secrets.in_name_range(
        search.name_prefix, _name_ceiling(search.name_prefix)
    )
    keyed = sorted(((_millis(date(s)), s.name), s) for s in in_range)
    keys = [key for key, _ in keyed]
    secrets = [secret for _, secret in keyed]
    if search.descending:
        end = len(keys) if cursor is None else bisect.bisect_left(keys, tuple(cursor))
        return secrets[:end][::-1]
    start = 0 if cursor is None else bisect.bisect_right(keys, tuple(cursor))
    return secrets[start:]


def _in_order(context: Context, search: Search, cursor: Any) -> Iterable[Secret]:
    """Every secret from the cursor on, in the requested order (not yet filtered)."""
    if search.sort_by == "name":
        return _by_name(context, search, cursor)
    if search.sort_by == "created-date":
        return _by_creation(context, search, cursor)
    return _by_changing_date(context, search, cursor)


def _cursor_of(search: Search, secret: Secret) -> Any:
    if search.sort_by == "name":
        return secret.name
    if search.sort_by == "created-date":
        return [_millis(secret.created_date), secret.creation_number]
    return [_millis(_DATES[search.sort_by](secret)), secret.name]


def _valid_cursor(search: Search, cursor: Any) -> bool:
    if search.sort_by == "name":
        return isinstance(cursor, str)
    tie_breaker = int if search.sort_by == "created-date" else str
    return (
        isinstance(cursor, list) and len(cursor) == 2
        and isinstance(cursor[0], int) and not isinstance(cursor[0], bool)
        and isinstance(cursor[1], tie_breaker) and not isinstance(cursor[1], bool)
    )


def find_secrets(
    context: Context, search: Search, include_deleted: bool
) -> tuple[list[Secret], Optional[str]]:
    """One page of matching secrets, and the token of the next page if there may be one."""
    cursor = None
    if search.token is not None:
        cursor = decode_token(search.listing, search.token)
        if not _valid_cursor(search, cursor):
            raise invalid_token()

    page: list[Secret] = []
    for secret in _in_order(context, search, cursor):
        if secret.deleted_date is not None and not include_deleted:
            continue
        if not search.matches(secret):
            continue
        if len(page) == search.page_size:
            return page, encode_token(search.listing, _cursor_of(search, page[-1]))
        page.append(secret)
    return page, None


@operation(SECRETS_MANAGER, "ListSecrets")
def list_secrets(context: Context, request: dict) -> dict:
    secrets, token = find_secrets(
        context, search_from(request), bool(request.get("IncludePlannedDeletion"))
    )
    response: dict[str, Any] = {"SecretList": [list_entry_shape(s) for s in secrets]}
    if token is not None:
        response["NextToken"] = token
    return response
