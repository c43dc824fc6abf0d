"""The ASGI app of ``kv-mock serve``: HTTP in, a route's :class:`HttpResponse` out.

uvicorn parses HTTP (h11 or httptools); this app reads the body (refusing one over
:data:`MAX_BODY_BYTES` as soon as it is known to be too big), finds the route and runs it
in a worker thread. Routes are synchronous functions (:mod:`kv_mock.transports.http`):
the dispatcher may block on a SQLite commit or a rotation function, and a rotation
function that calls this same server over HTTP must find the event loop free, so no
route runs on the loop.

Extension points — the routing table is :func:`build_routes`:

* ``routes.add(method, path, handler)`` mounts ``handler(request: HttpRequest) ->
  HttpResponse`` on an exact path; ``request.state`` is the mock's
  :class:`~kv_mock.state.MockState`, ``request.query`` the decoded query parameters.
* The Lambda Parameters and Secrets extension API mounts its two paths
  (``GET /systemsmanager/parameters/get``, ``GET /secretsmanager/get``) with an adapter
  around ``answer(state, method, path, query, headers) -> (status, headers, body)``
  (:func:`add_extension_routes`); :func:`extension_app` is the extension alone, for
  ``--extension-port``.
* The dashboard page (:mod:`kv_mock.transports.dashboard`) is mounted at
  ``GET /_kv_mock/``; the admin API uses sub-paths.

Requests no route takes are AWS's: ``/`` (any method) goes to the AWS JSON 1.1 handler,
which answers what AWS answers (UnknownOperationException for a GET); other paths under
``/_kv_mock/`` get a JSON 404 (or 405 with ``Allow``); any other path is AWS's unknown
operation too.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, Optional

from ..errors import ServiceError
from ..mock import KvMock
from . import admin, aws_json, dashboard, extension
from .caller import CallerRules
from .http import Handler, HttpRequest, HttpResponse, Routes, html_response, json_response

logger = logging.getLogger("kv_mock")

#: The largest request body read. Every valid request of these two APIs is far smaller
#: (the largest member, SecretBinary, is 64 KiB before base64). AWS's common errors list
#: RequestEntityTooLargeException with HTTP 413 for a request that is too big.
MAX_BODY_BYTES = 1024 * 1024
#: The admin API takes whole snapshot documents (about 4 MB for 10,000 parameters).
ADMIN_MAX_BODY_BYTES = 256 * 1024 * 1024
#: How much of a too-large chunked body is read and dropped before the connection closes.
DRAIN_FACTOR = 4
#: Worker threads answering requests: enough for a rotation function's calls back into
#: the server while the call that started the rotation waits.
WORKERS = 16

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def build_routes(rules: CallerRules) -> Routes:
    """The routing table: the AWS JSON endpoint, the admin API, the dashboard and the Lambda
    extension API."""
    routes = Routes()
    routes.add("POST", "/", lambda request: aws_json.answer(request, rules))
    admin.add_routes(routes)
    routes.add("GET", dashboard.PATH, _dashboard_page)
    add_extension_routes(routes)
    return routes


def _dashboard_page(request: HttpRequest) -> HttpResponse:
    """``GET /_kv_mock/``: the dashboard; ``?reveal=1`` shows plaintexts."""
    return html_response(200, dashboard.render(request.state,
                                               reveal=request.query.get("reveal") == "1"))


#: Every method reaches the extension's paths: it answers a POST with its own 405.
_EXTENSION_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def extension_route(request: HttpRequest) -> HttpResponse:
    """The Lambda extension API (:func:`kv_mock.transports.extension.answer`) as a route."""
    found = extension.answer(request.state, request.method, request.path,
                             request.query_string, request.headers)
    status, headers, body = found if found is not None else extension.NOT_FOUND
    return HttpResponse(status, [*headers.items(), ("content-length", str(len(body)))], body)


def add_extension_routes(routes: Routes) -> None:
    for path in (extension.PARAMETER_PATH, extension.SECRET_PATH):
        for method in _EXTENSION_METHODS:
            routes.add(method, path, extension_route)


def extension_app(mock: KvMock, rules: CallerRules) -> "App":
    """An app that is only the extension, for its own port (``--extension-port 2773``):
    there, as on the real extension's port, any other path is ``404 Not found``."""
    routes = Routes()
    add_extension_routes(routes)
    return App(mock, rules, routes, fallback=extension_route)


class BodyTooLarge(Exception):
    def __init__(self, limit: int, read_whole: bool) -> None:
        super().__init__(limit)
        self.limit = limit
        #: Whether the rest of the body was read (and dropped): the connection can stay open.
        self.read_whole = read_whole


def _is_admin(path: str) -> bool:
    return path == admin.PREFIX or path.startswith(admin.PREFIX + "/")


class App:
    """The ASGI application answering from ``mock`` (an active :class:`~kv_mock.KvMock`)."""

    def __init__(
        self,
        mock: KvMock,
        rules: CallerRules,
        routes: Optional[Routes] = None,
        fallback: Optional[Handler] = None,
    ) -> None:
        self.mock = mock
        self.rules = rules
        self.routes = routes if routes is not None else build_routes(rules)
        #: What answers a request no route takes (default: the AWS JSON endpoint's rules).
        self.fallback = fallback
        self._executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="kv-mock")

    def close(self) -> None:
        """Let running requests finish; take no more."""
        self._executor.shutdown(wait=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # no lifespan events to serve (uvicorn runs it with lifespan="off")
        headers = _headers(scope)
        is_admin = _is_admin(scope["path"])
        try:
            body = await _read_body(
                receive, headers, ADMIN_MAX_BODY_BYTES if is_admin else MAX_BODY_BYTES)
        except BodyTooLarge as problem:
            await _send(send, self._too_large(is_admin, problem.limit),
                        close=not problem.read_whole)
            return
        request = HttpRequest(
            scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
            headers, body, self.mock,
        )
        loop = asyncio.get_running_loop()
        response = await loop.run_in_executor(self._executor, self._answer, request)
        await _send(send, response)

    def _too_large(self, is_admin: bool, limit: int) -> HttpResponse:
        message = f"Request body exceeds the maximum of {limit} bytes."
        if is_admin:
            return json_response(413, {"error": message})
        error = ServiceError("RequestEntityTooLargeException", message, status=413)
        state = self.mock.state
        return aws_json.encode_front_end_error(error, state.ids.request_id(), state.clock.now())

    def _answer(self, request: HttpRequest) -> HttpResponse:
        try:
            handler = self.routes.find(request.method, request.path)
            if handler is not None:
                return handler(request)
            if self.fallback is not None:
                return self.fallback(request)
            if _is_admin(request.path):
                return _admin_miss(self.routes, request)
            return aws_json.answer(request, self.rules)
        except Exception as problem:  # a kv_mock bug: AWS's internal error, not a traceback
            return aws_json.internal_failure(request, problem)


def _admin_miss(routes: Routes, request: HttpRequest) -> HttpResponse:
    allowed = routes.methods(request.path)
    if allowed:
        response = json_response(405, {"error": f"{request.method} is not allowed here; "
                                                f"use {', '.join(allowed)}"})
        return HttpResponse(response.status, [*response.headers, ("allow", ", ".join(allowed))],
                            response.body)
    return json_response(404, {"error": f"no admin endpoint {request.path}"})


def _headers(scope: Scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]},{value}" if name in headers else value
    return headers


async def _read_body(receive: Receive, headers: dict[str, str], limit: int) -> bytes:
    """The whole body; :class:`BodyTooLarge` if it exceeds ``limit``.

    A declared ``Content-Length`` over the limit is refused before anything is read. A
    chunked body is read until it passes the limit, then the rest is read and dropped — up
    to :data:`DRAIN_FACTOR` times the limit — so that the client, still sending, gets the
    413 instead of a connection reset; past that the connection is closed.
    """
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise BodyTooLarge(limit, read_whole=False)
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        more = message.get("more_body", False)
        size += len(chunk)
        if size > limit:
            while more and size <= limit * DRAIN_FACTOR:
                message = await receive()
                size += len(message.get("body", b""))
                more = message["type"] != "http.disconnect" and message.get("more_body", False)
            raise BodyTooLarge(limit, read_whole=not more)
        chunks.append(chunk)
    return b"".join(chunks)


async def _send(send: Send, response: HttpResponse, close: bool = False) -> None:
    headers = [(name.encode("latin-1"), value.encode("latin-1"))
               for name, value in response.headers]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
