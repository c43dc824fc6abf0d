"""One path for every mocked request, whatever transport brought it.

decode (protocol) → validate (model constraints) → due time-driven events → handler
(services) → output-shape check (shapes); each operation's decoder, validator, handler and
response check are looked up once and kept in its plan. The result is an
:class:`Outcome`: the HTTP status and the body members, an AWS error envelope included;
the transport only encodes it.
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from typing import Any, Optional

from botocore.model import OperationModel

from .calllog import OK
from .context import Context
from .errors import ServiceError
from .protocol import Decoder, request_decoder
from .services import Handler, find_operation
from .shapes import ResponseCheck, ResponseShapeError, error_members, response_checker
from .state import Call, MockState
from .validate import Validator, request_validator

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


@dataclass(frozen=True, slots=True)
class _Implemented:
    """An operation kv_mock models: its handler and its compiled request and response checks."""

    handler: Handler
    #: Whether the handler runs under the state lock (see :class:`~kv_mock.services.Operation`).
    locked: bool
    validate: Validator
    check_response: ResponseCheck


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything ``dispatch`` needs of one operation, looked up once and kept.

    ``implemented`` is ``None`` for an operation kv_mock does not model: it is refused
    before validation, and its model is never compiled (some hold Java-only regular
    expressions Python cannot compile).
    """

    service: str
    decode: Decoder
    implemented: Optional[_Implemented]


_plans: dict[tuple[str, str], _Plan] = {}


def _plan(operation: OperationModel) -> _Plan:
    """The plan of ``operation``, made the first time it is asked for."""
    service = operation.service_model.service_name
    key = (service, operation.name)
    plan = _plans.get(key)
    if plan is None:
        found = find_operation(service, operation.name)
        implemented = None if found is None else _Implemented(
            found.handler, found.locked,
            request_validator(operation), response_checker(operation),
        )
        plan = _plans[key] = _Plan(service, request_decoder(operation), implemented)
    return plan


def dispatch(
    state: MockState,
    operation: OperationModel,
    body: bytes | str | None,
    account_id: str,
    region: str,
) -> Outcome:
    """Answer one request to ``operation`` from ``state``.

    Decode, validate, run due events and the handler, check the response shape. The
    mock's clock is read once, after due events ran: the handler, the call log and the
    ``Date`` header all see that instant (and a call pays for one clock read, not four).
    Whatever happened is logged with the members decoded so far.
    """
    plan = _plans.get((operation.service_model.service_name, operation.name)) or _plan(operation)
    request_id = state.ids.request_id()
    members: dict[str, Any] = {}
    now: Optional[_dt.datetime] = None
    try:
        members = plan.decode(body)
        implemented = plan.implemented
        if implemented is None:
            raise ServiceError(
                NOT_IMPLEMENTED,
                f"kv_mock does not implement "
                f"{operation.service_model.service_id}.{operation.name}",
                status=501,
            )
        implemented.validate(members)
        if state.scheduler.heap:  # an empty schedule has nothing due: skip the lock round-trip
            state.run_due_events()
        now = state.clock.now()
        backend = state.backends.get((account_id, region)) or state.backend(account_id, region)
        context = Context(state, account_id, region, backend, now)
        if implemented.locked:
            with state.lock:
                response = implemented.handler(context, members)
        else:
            response = implemented.handler(context, members)
        implemented.check_response(response)
        outcome = Outcome(200, response, request_id, None, now)
    except ServiceError as error:
        now = now or state.clock.now()  # no clock read yet if refused early
        outcome = _error_outcome(operation, error, request_id, now)
    except ResponseShapeError:
        raise
    except Exception as unexpected:  # a kv_mock bug must not look like a user's traceback
        if RAISE_INTERNAL_ERRORS:
            raise
        logger.exception("kv_mock failed on %s.%s", plan.service, operation.name)
        now = now or state.clock.now()
        outcome = _error_outcome(operation, ServiceError(
            INTERNAL_ERROR_CODES.get(plan.service, "InternalFailure"),
            f"kv_mock internal error: {unexpected!r}",
            status=500,
        ), request_id, now)
    call = Call(plan.service, operation.name, region, account_id, members,
                outcome.error_code or OK, now)
    state.calls.append(call)
    if state.observers:
        _notify_observers(state, call)
    return outcome


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
