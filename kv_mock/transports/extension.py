"""The Lambda "Parameters and Secrets" extension API, answered from a mock's state.

Code running in Lambda reads parameters and secrets through the AWS-managed extension on
``http://localhost:2773`` instead of the SDK:

* ``GET /systemsmanager/parameters/get?name=…&withDecryption=…&version=…&label=…``
* ``GET /secretsmanager/get?secretId=…&versionId=…&versionStage=…``

each with the header ``X-Aws-Parameters-Secrets-Token`` (in Lambda, the value of
``AWS_SESSION_TOKEN``). The extension makes the SDK's ``GetParameter`` /
``GetSecretValue`` call and returns its result. So does this module: it turns the query
into that operation's request and runs it through :func:`kv_mock.dispatch.dispatch`, so
every rule (names, selectors, versions, stages, deleted secrets, SecureString decryption)
is the operation's own and the call shows in the call log. Nothing here knows about a
socket: the HTTP server mounts :func:`answer` on its port(s), and the in-process adapter
(:mod:`kv_mock.transports.extension_requests`) answers ``requests`` with it.

Evidence:

* routes, query parameters and the token header: AWS's user guides
  (systems-manager ``ps-integration-lambda-extensions``, secretsmanager
  ``retrieving-secrets_lambda``);
* the status codes and bodies of refusals (``403 Bad Token``, ``400 Forwarded``,
  ``405 Not allowed``, ``404 Not found``, ``400 missing parameter secretId``,
  ``400 unknown parameter: …``) and of service errors (the service's HTTP status with
  ``{"__type":"<code>", "message":"<message>"}``): the AWS Secrets Manager Agent, AWS's
  open-source implementation of the same localhost API (``server.rs``, ``parse.rs``,
  ``cache_manager.rs``, ``utils.rs`` of aws/aws-secretsmanager-agent); the extension
  itself is closed source and its refusals are not documented;
* success bodies: the extension is written in Go and returns the AWS SDK for Go v2's
  output structure as ``encoding/json`` writes it — members in the struct's (alphabetical)
  order, absent members as ``null``, timestamps in RFC 3339, blobs in base64 and a trailing
  ``"ResultMetadata":{}`` (as SDK-for-Go outputs marshal in recorded logs).

Values are cached as the extension caches them, for ``SSM_PARAMETER_STORE_TTL`` /
``SECRETS_MANAGER_TTL`` (300 s by default) on the mock's clock; ``refreshNow=true`` fetches
again (:mod:`kv_mock.transports.extension_cache`).
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import re
from typing import Any, Mapping, Optional
from urllib.parse import parse_qsl

from botocore.model import Shape, StructureShape

from ..dispatch import dispatch
from ..service_models import operation_model
from ..state import MockState
from .extension_cache import cache_of, current_settings

#: The header carrying the token (the extension compares it with ``AWS_SESSION_TOKEN``).
TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token"
#: The extension's default port (``PARAMETERS_SECRETS_EXTENSION_HTTP_PORT`` changes it).
DEFAULT_PORT = 2773

PARAMETER_PATH = "/systemsmanager/parameters/get"
SECRET_PATH = "/secretsmanager/get"

#: ``(status, headers, body)``, what a transport sends back.
Response = tuple[int, dict[str, str], bytes]

_JSON_HEADERS = {"content-type": "application/json"}
_TEXT_HEADERS = {"content-type": "text/plain; charset=utf-8"}

#: Query parameters each route takes, mapped to nothing: anything else is refused.
_PARAMETER_QUERY = ("name", "withDecryption", "version", "label")
_SECRET_QUERY = ("secretId", "versionId", "versionStage", "refreshNow")


def _refusal(status: int, message: str) -> Response:
    return status, dict(_TEXT_HEADERS), message.encode()


#: The answer for a path the extension does not serve (on a port that is all extension).
NOT_FOUND: Response = _refusal(404, "Not found")


class _BadQuery(Exception):
    pass


def answer(
    state: MockState,
    method: str,
    path: str,
    query: str | bytes,
    headers: Mapping[str, str],
    *,
    token: Optional[str] = None,
    account_id: Optional[str] = None,
    region: Optional[str] = None,
) -> Optional[Response]:
    """The extension's answer to one request, or ``None`` if ``path`` is not one of its routes.

    ``query`` is the raw (still percent-encoded) query string; ``headers`` may be any
    mapping, looked up case-insensitively. ``token``: the token the caller must send
    (``None``: any non-empty token, since a mock has no session token to compare with).
    The call is made as ``account_id`` in ``region`` (default: the mock's own), as the
    extension calls as the function's execution role in the function's region.
    """
    if path not in (PARAMETER_PATH, SECRET_PATH):
        return None
    lowered = {key.lower(): value for key, value in headers.items()}
    if "x-forwarded-for" in lowered:
        return _refusal(400, "Forwarded")
    sent = lowered.get(TOKEN_HEADER.lower())
    if not sent or (token is not None and sent != token):
        return _refusal(403, "Bad Token")
    if method.upper() != "GET":
        return _refusal(405, "Not allowed")
    if isinstance(query, bytes):
        query = query.decode("latin-1")
    arguments = dict(parse_qsl(query, keep_blank_values=True))
    try:
        if path == PARAMETER_PATH:
            service, request, refresh = "ssm", _parameter_request(arguments), False
        else:
            service, request = "secretsmanager", _secret_request(arguments)
            refresh = _flag(arguments, "refreshNow")
    except _BadQuery as bad:
        return _refusal(400, str(bad))
    account_id, region = account_id or state.default_account_id, region or state.default_region
    body = json.dumps(request, sort_keys=True)
    settings, cache, key = current_settings(), cache_of(state), (account_id, region, service, body)
    ttl = settings.ttl(service)
    if not refresh:
        cached = cache.get(key, ttl, state.clock.now())
        if cached is not None:
            return cached[0], dict(cached[1]), cached[2]  # headers: the caller's to change
    model = operation_model(service, "GetParameter" if service == "ssm" else "GetSecretValue")
    outcome = dispatch(state, model, body, account_id, region)
    if outcome.error_code is not None:
        error = outcome.body["Error"]
        text = '{"__type":%s, "message":%s}' % (
            json.dumps(error["Code"]), json.dumps(error["Message"])
        )
        return outcome.status, dict(_JSON_HEADERS), text.encode()
    document = _go_json(model.output_shape, outcome.body)
    document["ResultMetadata"] = {}
    answered: Response = (200, dict(_JSON_HEADERS), _go_dumps(document))
    cache.put(key, answered, ttl, settings.size, outcome.at)
    return answered[0], dict(answered[1]), answered[2]


#: What Go's ``encoding/json`` escapes inside strings beyond JSON's own escapes.
_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
               "\u2029": "\\u2029"}
_GO_ESCAPED = re.compile("[<>&\u2028\u2029]")


def _go_dumps(document: dict) -> bytes:
    """Compact UTF-8 JSON with Go's HTML-safe escapes (they only occur inside strings)."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return _GO_ESCAPED.sub(lambda match: _GO_ESCAPES[match.group()], text).encode()


def _check_known(arguments: dict[str, str], known: tuple[str, ...]) -> None:
    for key in arguments:
        if key not in known:
            raise _BadQuery(f"unknown parameter: {key}")


def _flag(arguments: dict[str, str], key: str) -> bool:
    value = arguments.get(key, "false").lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise _BadQuery(f"invalid {key} value")


def _parameter_request(arguments: dict[str, str]) -> dict[str, Any]:
    """``GetParameter``'s request: ``version`` and ``label`` become the name's selector."""
    _check_known(arguments, _PARAMETER_QUERY)
    name = arguments.get("name")
    if not name:
        raise _BadQuery("missing parameter name")
    version, label = arguments.get("version"), arguments.get("label")
    if version and label:
        # kv_mock's wording: a name carries one selector, so GetParameter could not be asked.
        raise _BadQuery("version and label cannot both be specified")
    selector = version or label
    return {
        "Name": f"{name}:{selector}" if selector else name,
        "WithDecryption": _flag(arguments, "withDecryption"),
    }


def _secret_request(arguments: dict[str, str]) -> dict[str, Any]:
    _check_known(arguments, _SECRET_QUERY)
    secret_id = arguments.get("secretId")
    if not secret_id:
        raise _BadQuery("missing parameter secretId")
    request: dict[str, Any] = {"SecretId": secret_id}
    if arguments.get("versionId"):
        request["VersionId"] = arguments["versionId"]
    if arguments.get("versionStage"):
        request["VersionStage"] = arguments["versionStage"]
    return request


def _go_json(shape: Shape, value: Any) -> Any:
    """``value`` as Go's ``encoding/json`` writes the SDK for Go's struct of ``shape``."""
    if isinstance(shape, StructureShape):
        members = value if isinstance(value, dict) else {}
        return {
            name: _go_json(member, members[name]) if name in members else None
            for name, member in sorted(shape.members.items())
        }
    if isinstance(value, _dt.datetime):
        return _rfc3339(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list):
        member = getattr(shape, "member", None)
        return [_go_json(member, item) if member is not None else item for item in value]
    return value


def _rfc3339(instant: _dt.datetime) -> str:
    """Go's ``time.RFC3339Nano`` for a UTC instant: trailing zeros of the fraction dropped."""
    utc = instant.astimezone(_dt.timezone.utc)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"
