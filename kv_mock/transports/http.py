"""The HTTP request and response every route of the server sees, and the routing table.

A route is a plain synchronous function ``handler(request) -> HttpResponse``: it knows
nothing of ASGI or uvicorn, runs in a worker thread (so it may block, e.g. on a rotation
function or a SQLite commit) and is testable without a socket. :class:`Routes` maps an
exact ``(method, path)`` to its handler; :mod:`kv_mock.transports.asgi` builds the table.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from ..mock import KvMock
    from ..state import MockState


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    #: The raw query string (percent-encoded, without ``?``).
    query_string: str
    #: Header names lower-case; a repeated header's values joined by ``,``.
    headers: Mapping[str, str]
    body: bytes
    #: The mock the server answers from.
    mock: "KvMock"

    @property
    def state(self) -> "MockState":
        return self.mock.state

    @property
    def query(self) -> dict[str, str]:
        """The query parameters, each name's first value (``+`` and ``%xx`` decoded)."""
        return {name: values[0] for name, values in parse_qs(
            self.query_string, keep_blank_values=True).items()}


@dataclass(frozen=True)
class HttpResponse:
    """An HTTP answer: status, headers (as spelled on the wire), body."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


JSON_CONTENT_TYPE = "application/json"


def _plain(value: Any) -> Any:
    """JSON for what the admin API shows: ISO-8601 instants, base64 bytes."""
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def json_response(status: int, document: Any) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, default=_plain).encode()
    return HttpResponse(status, [("content-type", JSON_CONTENT_TYPE),
                                 ("content-length", str(len(body)))], body)


def html_response(status: int, page: str) -> HttpResponse:
    body = page.encode()
    return HttpResponse(status, [("content-type", "text/html; charset=utf-8"),
                                 ("content-length", str(len(body)))], body)


Handler = Callable[[HttpRequest], HttpResponse]


class Routes:
    """Exact ``(method, path)`` → handler; a path with no route for a method is known too."""

    def __init__(self) -> None:
        self._handlers: dict[tuple[str, str], Handler] = {}

    def add(self, method: str, path: str, handler: Handler) -> None:
        self._handlers[method.upper(), path] = handler

    def find(self, method: str, path: str) -> Optional[Handler]:
        return self._handlers.get((method.upper(), path))

    def methods(self, path: str) -> list[str]:
        """The methods ``path`` answers (for a 405's ``Allow`` header)."""
        return sorted(method for method, route_path in self._handlers if route_path == path)
