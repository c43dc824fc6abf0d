"""AWS JSON 1.1 over HTTP: ``X-Amz-Target`` and a body in, an Outcome's bytes out.

Every mocked service speaks it: ``POST /`` with ``X-Amz-Target: AmazonSSM.<Operation>``,
``secretsmanager.<Operation>`` or (KMS) ``TrentService.<Operation>`` and a JSON body; the answer is a JSON body with
``Content-Type: application/x-amz-json-1.1`` and ``x-amzn-RequestId``. What the handlers
return is encoded by :func:`kv_mock.protocol.encode_response` (epoch-second timestamps,
base64 blobs), so every SDK parses exactly what the in-process transport hands botocore.

Errors are ``{"__type": <code>, <message member>: <message>, …}`` with the status of the
:class:`~kv_mock.errors.ServiceError`. Each service has its own spelling of the message key
(:data:`kv_mock.shapes.MESSAGE_KEYS`): SSM sends ``message`` — a JS SDK v3 user shows a real
SSM ValidationException deserialised with ``"__type"`` and ``"message"`` straight from the
body (aws/aws-sdk-js-v3#5928), though that shape models ``Message`` — and Secrets Manager
sends ``Message`` for its modeled errors: LocalStack's snapshot
recorded against AWS (tests/aws/services/secretsmanager/test_secretsmanager.snapshot.json,
``test_exp_raised_on_creation_of_secret_scheduled_for_deletion``, 2022-09-28) has botocore's
top-level ``"Message"``, which botocore fills only from a body key spelled ``Message``.
Errors no shape models (front-end errors) use ``message``, as the front end sends it.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import functools
import logging
from typing import Optional

from botocore.model import OperationModel

from ..dispatch import INTERNAL_ERROR_CODES, Outcome, dispatch
from ..errors import ServiceError
from ..intercept import MOCKED_SERVICES
from ..protocol import encode_response
from ..shapes import MESSAGE_KEYS
from ..service_models import service_model
from .caller import CallerRules, SignedRequest, identify
from .http import HttpRequest, HttpResponse

logger = logging.getLogger("kv_mock")

CONTENT_TYPE = "application/x-amz-json-1.1"



@functools.lru_cache(maxsize=None)
def target_prefixes() -> dict[str, str]:
    """``X-Amz-Target`` prefix → botocore service name, for every service kv_mock mocks
    (``AmazonSSM``, ``secretsmanager``, ``TrentService``: the models' ``targetPrefix``)."""
    return {service_model(name).metadata["targetPrefix"]: name for name in MOCKED_SERVICES}

#: Media types a JSON-protocol request may carry. The SDKs send
#: ``application/x-amz-json-1.1``; plain JSON and 1.0 are accepted as AWS's front end does
#: for JSON services. Anything else (a form post is how the query protocol arrives) names no
#: JSON operation: no recording of AWS's answer was found, so it gets the same
#: UnknownOperationException as an unknown target.
ACCEPTED_MEDIA_TYPES = frozenset(
    {"application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json"}
)


def unknown_operation() -> ServiceError:
    """A target (or method, or media type) that names no operation of these services.

    Recorded from AWS: CloudWatch Logs, a JSON 1.1 service, answered an unknown target with
    HTTP 400 and the body ``{"__type":"UnknownOperationException"}`` — no message
    (aws/aws-sdk-net#1536).
    """
    return ServiceError("UnknownOperationException", "", status=400)


def operation_for(target: Optional[str]) -> OperationModel:
    """The operation ``X-Amz-Target`` names; UnknownOperationException if none."""
    if not target:
        raise unknown_operation()
    prefix, _, name = target.partition(".")
    service = target_prefixes().get(prefix)
    if service is None or not name:
        raise unknown_operation()
    model = service_model(service)
    if name not in model.operation_names:
        raise unknown_operation()
    return model.operation_model(name)


def accepts_media_type(content_type: Optional[str]) -> bool:
    """Whether a ``Content-Type`` header is one a JSON-protocol request may carry."""
    if not content_type:
        return True  # an absent type is read as JSON, as the SDKs never omit it anyway
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in ACCEPTED_MEDIA_TYPES


def http_date(instant: _dt.datetime) -> str:
    return email.utils.format_datetime(instant.replace(microsecond=0), usegmt=True)


def _response(status: int, request_id: str, at: _dt.datetime, body: bytes) -> HttpResponse:
    headers = [  # spelled as AWS spells them (a raw JSON 1.1 answer: aws/aws-sdk-ruby#431)
        ("x-amzn-RequestId", request_id),
        ("Content-Type", CONTENT_TYPE),
        ("Content-Length", str(len(body))),
        ("Date", http_date(at)),
    ]
    return HttpResponse(status, headers, body)


def encode_outcome(outcome: Outcome, service: str) -> HttpResponse:
    """The wire form of a dispatched call: its body, or the error envelope."""
    if outcome.error_code is None:
        return _response(outcome.status, outcome.request_id, outcome.at,
                         encode_response(outcome.body))
    members = {name: value for name, value in outcome.body.items() if name != "Error"}
    message = outcome.body["Error"]["Message"]
    if message and MESSAGE_KEYS.get(service, "message") not in members:
        members["message"] = message  # an error no shape models: the front end's spelling
    body = encode_response({"__type": outcome.error_code, **members})
    return _response(outcome.status, outcome.request_id, outcome.at, body)


def encode_front_end_error(error: ServiceError, request_id: str, at: _dt.datetime) -> HttpResponse:
    """An error raised before a request reaches the dispatcher (target, auth, size)."""
    members: dict = {"__type": error.code}
    if error.message:
        members["message"] = error.message
    return _response(error.status, request_id, at, encode_response(members))


def answer(request: HttpRequest, rules: CallerRules) -> HttpResponse:
    """``POST /``: one AWS call, through the caller rules and the dispatcher.

    Only what precedes the dispatcher is decided here — which operation, which caller,
    whether the request is AWS JSON at all; everything else, malformed bodies included
    (SerializationException), is the dispatcher's, exactly as in-process.
    """
    state = request.state
    try:
        if request.method != "POST" or not accepts_media_type(request.headers.get("content-type")):
            raise unknown_operation()
        operation = operation_for(request.headers.get("x-amz-target"))
        caller = identify(rules, SignedRequest(
            request.method, request.path, request.query_string, request.headers, request.body
        ), operation.service_model.signing_name)
    except ServiceError as error:
        return encode_front_end_error(error, state.ids.request_id(), state.clock.now())
    outcome = dispatch(state, operation, request.body, caller.account_id, caller.region)
    return encode_outcome(outcome, operation.service_model.service_name)


def internal_failure(request: HttpRequest, problem: BaseException) -> HttpResponse:
    """A kv_mock bug on the way to an answer: AWS's internal error, never a traceback."""
    logger.error("kv_mock failed to answer %s %s", request.method, request.path,
                 exc_info=problem)
    service = target_prefixes().get(request.headers.get("x-amz-target", "").partition(".")[0])
    code = INTERNAL_ERROR_CODES.get(service or "", "InternalFailure")
    error = ServiceError(code, f"kv_mock internal error: {problem!r}", status=500)
    return encode_front_end_error(error, request.state.ids.request_id(), request.state.clock.now())
