"""KMS's ``Limit`` / ``Marker`` paging: bounds per operation, opaque markers.

The model gives every ``Limit`` 1–1000, but AWS's documentation of each operation is
narrower: ListKeys 1–1000 (default 100), ListAliases 1–100 (default 50), ListResourceTags
1–50 (default 50). A marker is a cursor on the last item returned, bound to the operation
and, where there is one, to the key; anything else is ``InvalidMarkerException`` (the
model's description of that error is its message; AWS's exact words were not found).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from typing import Callable, Iterable, TypeVar

from ...errors import ServiceError, validation_error

T = TypeVar("T")

#: Operation → (default, maximum) of ``Limit``.
LIMITS = {"ListKeys": (100, 1000), "ListAliases": (50, 100), "ListResourceTags": (50, 50)}

INVALID_MARKER_MESSAGE = (
    "The request was rejected because the marker that specifies where pagination should "
    "next begin is not valid."
)


def page_limit(operation: str, request: dict) -> int:
    default, maximum = LIMITS[operation]
    limit = request.get("Limit", default)
    if limit > maximum:
        raise validation_error(
            limit, "limit", f"Member must have value less than or equal to {maximum}"
        )
    return int(limit)


def read_marker(operation: str, scope: str, request: dict) -> str:
    """The last item the marker points after ("" without a marker)."""
    marker = request.get("Marker")
    if marker is None:
        return ""
    try:
        document = json.loads(base64.urlsafe_b64decode(marker.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise ServiceError("InvalidMarkerException", INVALID_MARKER_MESSAGE) from None
    if (
        not isinstance(document, list) or len(document) != 3
        or document[:2] != [operation, scope] or not isinstance(document[2], str)
    ):
        raise ServiceError("InvalidMarkerException", INVALID_MARKER_MESSAGE)
    return document[2]


def take_page(
    items: Iterable[T], limit: int, operation: str, scope: str, last_of: Callable[[T], str]
) -> tuple[list[T], dict]:
    """The first ``limit`` items, and ``Truncated`` / ``NextMarker`` members for the rest."""
    taken = list(itertools.islice(items, limit + 1))
    page, more = taken[:limit], len(taken) > limit
    members: dict = {"Truncated": more}
    if more:
        members["NextMarker"] = _marker(operation, scope, last_of(page[-1]))
    return page, members


def _marker(operation: str, scope: str, last: str) -> str:
    text = json.dumps([operation, scope, last], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode("ascii")
