"""The admin API under ``/_kv_mock/``: what a test does to an in-process mock, over HTTP.

JSON in, JSON out; a bad request gets ``400 {"error": "<what is wrong>"}``.

=======  ==========================  =================================================
method   path                        does
=======  ==========================  =================================================
GET      ``/health``, ``…/health``   readiness: ``{"status": "ok", …}``
POST     ``/_kv_mock/reset``         empty store (the preload again, if any), real clock,
                                     empty call log
GET      ``/_kv_mock/snapshot``      the snapshot document (:mod:`kv_mock.snapshot`)
POST     ``/_kv_mock/restore``       body: a snapshot document; replaces the state
GET      ``/_kv_mock/clock``         ``{"now": ISO instant, "frozen": bool}``
POST     ``/_kv_mock/clock/freeze``  body ``{"at": ISO instant}`` (or ``{}``: now)
POST     ``/_kv_mock/clock/advance`` body ``{"days": …, "hours": …, "minutes": …,
                                     "seconds": …}`` (forward only)
POST     ``/_kv_mock/clock/real``    back to real time
GET      ``/_kv_mock/calls``         the call log, sensitive members masked; filters
                                     ``?operation=…&service=…&outcome=…``
DELETE   ``/_kv_mock/calls``         forget the calls so far
=======  ==========================  =================================================

Each handler goes through :class:`kv_mock.KvMock`'s own methods, so a persisted server
writes what an admin call changed, as an in-process ``kv.restore()`` does.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable

from .. import __version__, preload as preloading, snapshot as snapshots
from ..errors import KvMockError
from ..inspection import mask_request
from ..state import MockState
from . import extension_cache
from .http import HttpRequest, HttpResponse, Routes, json_response

PREFIX = "/_kv_mock"
#: The units ``/clock/advance`` takes (``datetime.timedelta``'s keywords).
ADVANCE_UNITS = ("weeks", "days", "hours", "minutes", "seconds")


class BadRequest(Exception):
    """An admin request that cannot be carried out; its text is the answer."""


def _body(request: HttpRequest) -> dict:
    """The JSON object in the request body (an empty body is ``{}``)."""
    if not request.body.strip():
        return {}
    try:
        document = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("the body is not valid JSON") from None
    if not isinstance(document, dict):
        raise BadRequest("the body must be a JSON object")
    return document


def _only(document: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(document) - set(allowed))
    if unknown:
        raise BadRequest(f"unknown member(s) {unknown}; allowed: {list(allowed)}")


def _clock(state: MockState) -> dict:
    return {"now": state.clock.now().isoformat(), "frozen": state.clock.frozen}


def health(request: HttpRequest) -> HttpResponse:
    state = request.state
    return json_response(200, {
        "status": "ok", "version": __version__, "region": state.default_region,
        "account_id": state.default_account_id, "calls": len(state.calls),
    })


def reset(request: HttpRequest) -> HttpResponse:
    mock, state = request.mock, request.state
    fresh = MockState(default_account_id=state.default_account_id,
                      default_region=state.default_region, seed=mock.seed)
    mock.restore(snapshots.snapshot(fresh))
    extension_cache.forget(mock.state)
    if mock.preload is not None:
        preloading.load(mock.state, mock.preload)
    mock.calls.clear()
    mock.save()
    return json_response(200, {"reset": True, **_clock(mock.state)})


def snapshot(request: HttpRequest) -> HttpResponse:
    return json_response(200, request.mock.snapshot())


def restore(request: HttpRequest) -> HttpResponse:
    try:
        request.mock.restore(_body(request))
    except KvMockError as error:  # SnapshotError: not a snapshot, or a malformed one
        raise BadRequest(str(error)) from None
    return json_response(200, {"restored": True, **_clock(request.state)})


def clock(request: HttpRequest) -> HttpResponse:
    return json_response(200, _clock(request.state))


def freeze(request: HttpRequest) -> HttpResponse:
    document = _body(request)
    _only(document, ("at",))
    at = document.get("at")
    if at is None:
        request.state.clock.freeze()
    else:
        request.state.clock.freeze(_instant(at))
    return _clock_changed(request)


def _instant(text: Any) -> _dt.datetime:
    if not isinstance(text, str):
        raise BadRequest(f"'at' must be an ISO-8601 instant string, got {text!r}")
    try:
        # Python before 3.11 reads no "Z"; it means UTC. A naive instant is taken as UTC.
        return _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        raise BadRequest(f"'at' is not an ISO-8601 instant: {text!r}") from None


def advance(request: HttpRequest) -> HttpResponse:
    document = _body(request)
    _only(document, ADVANCE_UNITS)
    if not document:
        raise BadRequest(f"give at least one of {list(ADVANCE_UNITS)}")
    for unit, amount in document.items():
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise BadRequest(f"'{unit}' must be a number, got {amount!r}")
    try:
        request.state.clock.advance(_dt.timedelta(**document))
    except (ValueError, OverflowError) as error:  # backwards, or beyond year 9999
        raise BadRequest(f"cannot advance the clock by {document}: {error}") from None
    return _clock_changed(request)


def real(request: HttpRequest) -> HttpResponse:
    request.state.clock.real()
    return _clock_changed(request)


def _clock_changed(request: HttpRequest) -> HttpResponse:
    request.mock.save()  # the clock is part of a persisted state
    return json_response(200, _clock(request.state))


def calls(request: HttpRequest) -> HttpResponse:
    filters = request.query
    _only(filters, ("operation", "service", "outcome"))
    found = request.state.calls.filter(
        filters.get("operation"), service=filters.get("service"), outcome=filters.get("outcome")
    )
    return json_response(200, {"calls": [
        {"service": call.service, "operation": call.operation, "region": call.region,
         "account_id": call.account_id, "parameters": mask_request(call),
         "outcome": call.outcome, "at": call.at}
        for call in found
    ]})


def clear_calls(request: HttpRequest) -> HttpResponse:
    request.state.calls.clear()
    return json_response(200, {"calls": []})


def _guarded(handler: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def answer(request: HttpRequest) -> HttpResponse:
        try:
            return handler(request)
        except BadRequest as problem:
            return json_response(400, {"error": str(problem)})
    answer.__doc__ = handler.__doc__
    return answer


def add_routes(routes: Routes) -> None:
    """Mount the admin API (and ``GET /health``) on ``routes``."""
    table: list[tuple[str, str, Callable[[HttpRequest], HttpResponse]]] = [
        ("GET", "/health", health),
        ("GET", f"{PREFIX}/health", health),
        ("POST", f"{PREFIX}/reset", reset),
        ("GET", f"{PREFIX}/snapshot", snapshot),
        ("POST", f"{PREFIX}/restore", restore),
        ("GET", f"{PREFIX}/clock", clock),
        ("POST", f"{PREFIX}/clock/freeze", freeze),
        ("POST", f"{PREFIX}/clock/advance", advance),
        ("POST", f"{PREFIX}/clock/real", real),
        ("GET", f"{PREFIX}/calls", calls),
        ("DELETE", f"{PREFIX}/calls", clear_calls),
    ]
    for method, path, handler in table:
        routes.add(method, path, _guarded(handler))
