"""One path for every mocked request, whatever transport brought it.

decode (protocol) → validate (model constraints) → due time-driven events → handler
(services) → output-shape check (shapes). The result is an :class:`Outcome`: the HTTP
status and the body members, an AWS error envelope included; the transport only encodes it.
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from typing import Any, Optional

from botocore.model import OperationModel

from .context import Context
from .errors import ServiceError
from .protocol import decode_request
from .services import find_operation
from .shapes import ResponseShapeError, check_response, error_members
from .state import Call, MockState
from .validate import validate_request

logger = logging.getLogger("kv_mock")

#: Code of the error a call to an operation kv_mock does not model gets (HTTP 501).
NOT_IMPLEMENTED = "NotImplemented"

#: Internal-failure codes the services' models define (HTTP 500).
INTERNAL_ERROR_CODES = {
    "ssm": "InternalServerError", "secretsmanager": "InternalServiceError",
    "kms": "KMSInternalException",
}

#: Our own test suite turns this on so that a bug in a handler fails loudly instead of
#: reaching the caller as AWS's internal error.
RAISE_INTERNAL_ERRORS = False


@dataclass(slots=True)
class Outcome:
    """What a request ended as (made once per call: a slotted, not a frozen, dataclass)."""

    status: int
    body: dict
    request_id: str
    #: The error code, or ``None`` on success.
    error_code: str | None
    #: The request's instant on the mock's clock (the HTTP ``Date`` header).
    at: _dt.datetime


class _Request:
    """What is known of a request so far: the call log records it however it ended."""

    __slots__ = ("members", "now")

    def __init__(self) -> None:
        self.members: dict[str, Any] = {}
        #: The request's instant, read once after due events ran.
        self.now: Optional[_dt.datetime] = None


def dispatch(
    state: MockState,
    operation: OperationModel,
    body: bytes | str | None,
    account_id: str,
    region: str,
) -> Outcome:
    """Answer one request to ``operation`` from ``state``.

    The mock's clock is read once, after due events ran: the handler, the call log and the
    ``Date`` header all see that instant (and a call pays for one clock read, not four).
    """
    service = operation.service_model.service_name
    request_id = state.ids.request_id()
    request = _Request()
    failure: Optional[ServiceError] = None
    try:
        response = _handle(state, operation, service, body, account_id, region, request)
    except ServiceError as error:
        failure = error
    except ResponseShapeError:
        raise
    except Exception as unexpected:  # a kv_mock bug must not look like a user's traceback
        if RAISE_INTERNAL_ERRORS:
            raise
        logger.exception("kv_mock failed on %s.%s", service, operation.name)
        failure = ServiceError(
            INTERNAL_ERROR_CODES.get(service, "InternalFailure"),
            f"kv_mock internal error: {unexpected!r}",
            status=500,
        )
    now = request.now or state.clock.now()  # no clock read yet if refused early
    if failure is None:
        outcome = Outcome(200, response, request_id, None, now)
    else:
        outcome = _error_outcome(operation, failure, request_id, now)
    call = Call(service, operation.name, region, account_id, request.members,
                outcome.error_code or "ok", now)
    state.calls.append(call)
    if state.observers:
        _notify_observers(state, call)
    return outcome


def _handle(
    state: MockState,
    operation: OperationModel,
    service: str,
    body: bytes | str | None,
    account_id: str,
    region: str,
    request: _Request,
) -> dict:
    """Decode, validate, run due events and the handler, check the response shape.

    An operation kv_mock does not model is refused before validation: its model is never
    compiled (some hold Java-only regular expressions Python cannot compile).
    """
    request.members = decode_request(operation, body)
    found = find_operation(service, operation.name)
    if found is None:
        raise ServiceError(
            NOT_IMPLEMENTED,
            f"kv_mock does not implement {operation.service_model.service_id}.{operation.name}",
            status=501,
        )
    validate_request(operation, request.members)
    if state.scheduler:  # an empty schedule has nothing due: skip the lock round-trip
        state.run_due_events()
    request.now = state.clock.now()
    context = Context(
        state, account_id, region, state.backend(account_id, region), request.now
    )
    if found.locked:
        with state.lock:
            response = found.handler(context, request.members)
    else:
        response = found.handler(context, request.members)
    check_response(operation, response)
    return response


def _notify_observers(state: MockState, call: Call) -> None:
    """Let observers (persistence) act on the call before the caller sees its answer."""
    with state.lock:
        for observer in state.observers:
            observer(state, call)


def _error_outcome(
    operation: OperationModel, error: ServiceError, request_id: str, at: _dt.datetime
) -> Outcome:
    members = error_members(operation.service_model, error.code, error.message, error.fields)
    return Outcome(
        error.status,
        {"Error": {"Code": error.code, "Message": error.message}, **members},
        request_id,
        error.code,
        at,
    )
