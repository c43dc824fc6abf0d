"""The botocore side: hooks registered once, at import, that do nothing unless a mock is on.

* ``before-call`` for ``ssm``, ``secrets-manager`` and ``kms`` — where botocore's own Stubber
  short-circuits — answers the call from the active mock, so nothing is signed or sent.
  Being in ``BUILTIN_HANDLERS`` it reaches every client created after ``import kv_mock``,
  also those created before ``start()``.
* A client made before ``import kv_mock`` (its session predates the handlers) gets them
  registered on its first call while a mock is on, aiobotocore's clients too.
  A client pointed at a kv_mock server running in this process goes to it over HTTP.
* Clients of these services created with no region get the mock's default region.
* The credential providers that open sockets (EC2 instance metadata, the container
  endpoint) find nothing while a mock is on: creating a client never touches the network.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
from typing import Any, Optional
from urllib.parse import urlsplit

import botocore.client
import botocore.credentials
import botocore.handlers
import botocore.session
import wrapt
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.exceptions import EndpointConnectionError
from botocore.model import OperationModel

from . import activation, regions
from .accounts import account_for_access_key, signer_access_key
from .clock import PerPeriod
from .dispatch import dispatch

#: botocore service names we answer: the one list of what kv_mock mocks (and the guard
#: guards: adding a service here extends the guard to it).
MOCKED_SERVICES = ("ssm", "secretsmanager", "kms")
#: Events name a service by its hyphenised service id where that differs from its name.
_EVENT_IDS = {"secretsmanager": "secrets-manager"}
_EVENT_NAMES = tuple(f"before-call.{_EVENT_IDS.get(s, s)}" for s in MOCKED_SERVICES)
_TOKEN_EVENT_NAMES = tuple(
    f"before-parameter-build.{_EVENT_IDS.get(s, s)}" for s in MOCKED_SERVICES
)
#: An event only kv_mock handles: whether a client's emitter has kv_mock's handlers.
_PROBE_EVENT = "kv-mock-installed"

_CONTENT_TYPE = "application/x-amz-json-1.1"

#: URL prefixes (``http://127.0.0.1:<port>/``) of kv_mock servers running in this process
#: (:func:`kv_mock.server`): a client pointed at one is sent there over HTTP instead of
#: being answered in-process, so the HTTP transport is what it tests.
#: Replaced whole, never changed in place: a call reading it needs no lock.
served_endpoints: tuple[str, ...] = ()

#: The ``Date`` header for an instant (whole seconds), formatted once per second.
_http_date: PerPeriod[str] = PerPeriod(
    lambda instant: instant.replace(microsecond=0),
    _dt.timedelta(seconds=1),
    lambda second: email.utils.format_datetime(second, usegmt=True),
)


class _MockedResponse(AWSResponse):
    """The HTTP response botocore is handed with a mocked answer.

    An ``AWSResponse`` whose case-insensitive ``headers`` mapping is built when first
    read: botocore itself reads only ``status_code`` of a response a ``before-call``
    handler returns, and building the mapping was a tenth of kv_mock's cost per call.
    """

    def __init__(self, url: Optional[str], status_code: int, headers: dict) -> None:
        self.url = url
        self.status_code = status_code
        self.raw = None
        self._content = None
        self._plain_headers: Optional[dict] = headers
        self._headers: Optional[HeadersDict] = None

    @property  # type: ignore[override]
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._plain_headers)
            self._plain_headers = None
        return self._headers

    @headers.setter
    def headers(self, value: Any) -> None:
        self._headers = HeadersDict(value)
        self._plain_headers = None


def _answer_call(
    model: OperationModel, params: dict, context: dict, request_signer: Any = None, **_: Any
) -> Optional[tuple[AWSResponse, dict]]:
    state = activation.active_state
    if state is None:
        return None
    if served_endpoints and str(params.get("url", "")).startswith(served_endpoints):
        return None
    region = context.get("client_region") or state.default_region
    if region not in regions.known_regions():
        _no_such_region(params.get("url"))
    account_id = account_for_access_key(
        signer_access_key(request_signer), state.default_account_id
    )
    outcome = dispatch(state, model, params.get("body"), account_id, region)
    headers = {
        "x-amzn-requestid": outcome.request_id,
        "content-type": _CONTENT_TYPE,
        "date": _http_date(outcome.at),
    }
    parsed = outcome.body
    parsed["ResponseMetadata"] = {
        "RequestId": outcome.request_id,
        "HTTPStatusCode": outcome.status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    return _MockedResponse(params.get("url"), outcome.status, headers), parsed


def _no_such_region(url: Optional[str]) -> None:
    """A client in a region that does not exist: botocore's error, as against AWS.

    Its endpoint (``https://ssm.eu-wset-1.amazonaws.com/``) does not resolve, and botocore's
    HTTP session raises ``EndpointConnectionError`` for the URL (botocore/httpsession.py;
    against AWS after its retries). Recorded: boto/boto3#2003, an ssm client in the region
    ``sa-east-1ap-east-1`` got ``EndpointConnectionError: Could not connect to the endpoint
    URL: "https://ssm.sa-east-1ap-east-1.amazonaws.com/"``; botocore#481 made a DNS failure
    for a bad region this error. A client pointed at a non-AWS endpoint is answered.
    """
    if regions.is_aws_host(urlsplit(url or "").hostname):
        raise EndpointConnectionError(endpoint_url=url)


def _seeded_idempotency_tokens(params: dict, model: OperationModel, **_: Any) -> None:
    """Fill idempotency tokens (``ClientRequestToken``) from the mock's seeded ids.

    botocore fills a missing token with ``uuid.uuid4()``; for Secrets Manager that token
    becomes the version id, so with ``seed=…`` it must come from the mock. Handlers for
    ``before-parameter-build.<service>`` run before botocore's generic one, which then
    finds the token set and leaves it.
    """
    state = activation.active_state
    if state is None:
        return
    for name in model.idempotent_members:
        if name not in params:
            params[name] = state.ids.uuid4()


def _installed(**_: Any) -> bool:
    """Answers :data:`_PROBE_EVENT`: this emitter has kv_mock's handlers."""
    return True


def _hook_older_client(wrapped: Any, client: Any, args: tuple, kwargs: dict) -> Any:
    """``BaseClient._make_api_call`` wrapper: a client whose session was made before
    ``import kv_mock`` lacks the ``BUILTIN_HANDLERS`` above; its first call while a mock is on
    registers them on it (checked once per client), so it is answered like any other."""
    if activation.active_state is not None and not client.__dict__.get("_kv_mock_checked"):
        if _is_mocked(client) and not any(r for _, r in client.meta.events.emit(_PROBE_EVENT)):
            _register_handlers(client.meta.events)
        client._kv_mock_checked = True
    return wrapped(*args, **kwargs)


async def _hook_older_async_client(
    wrapped: Any, client: Any, args: tuple, kwargs: dict
) -> Any:
    """The same for aiobotocore's clients, whose ``_make_api_call`` (and ``emit``) are
    coroutines of their own: an ``AioSession`` made before ``import kv_mock``."""
    if activation.active_state is not None and not client.__dict__.get("_kv_mock_checked"):
        if _is_mocked(client) and not any(
            r for _, r in await client.meta.events.emit(_PROBE_EVENT)
        ):
            _register_handlers(client.meta.events)
        client._kv_mock_checked = True
    return await wrapped(*args, **kwargs)


def _is_mocked(client: Any) -> bool:
    return client.meta.service_model.service_name in MOCKED_SERVICES


def _register_handlers(events: Any) -> None:
    for event_name in _EVENT_NAMES:
        events.register(event_name, _answer_call)
    for event_name in _TOKEN_EVENT_NAMES:
        events.register(event_name, _seeded_idempotency_tokens)
    events.register(_PROBE_EVENT, _installed)


def _default_region(wrapped: Any, session: Any, args: tuple, kwargs: dict) -> Any:
    """``Session.create_client`` wrapper: a region for our services' clients that have none."""
    state = activation.active_state
    if state is not None:
        service = kwargs.get("service_name", args[0] if args else None)
        if service in MOCKED_SERVICES and _has_no_region(session, args, kwargs):
            if len(args) > 1:
                args = (args[0], state.default_region, *args[2:])
            else:
                kwargs["region_name"] = state.default_region
    return wrapped(*args, **kwargs)


def _has_no_region(session: Any, args: tuple, kwargs: dict) -> bool:
    if kwargs.get("region_name") or (len(args) > 1 and args[1]):
        return False
    config = kwargs.get("config")
    if config is not None and config.region_name:
        return False
    return not session.get_config_variable("region")


def _offline_while_mocked(wrapped: Any, provider: Any, args: tuple, kwargs: dict) -> Any:
    """Network credential providers load nothing while a mock is on (no IMDS probe)."""
    if activation.active_state is not None:
        return None
    return wrapped(*args, **kwargs)


async def _offline_while_mocked_async(
    wrapped: Any, provider: Any, args: tuple, kwargs: dict
) -> Any:
    """The same for aiobotocore's providers, whose ``load`` is a coroutine."""
    if activation.active_state is not None:
        return None
    return await wrapped(*args, **kwargs)


def _install_aiobotocore_credentials(module: Any) -> None:
    for provider in (module.AioInstanceMetadataProvider, module.AioContainerProvider):
        wrapt.wrap_function_wrapper(provider, "load", _offline_while_mocked_async)


def _install_aiobotocore_client(module: Any) -> None:
    wrapt.wrap_function_wrapper(module.AioBaseClient, "_make_api_call", _hook_older_async_client)


def _install_aiobotocore_session(module: Any) -> None:
    # AioSession.create_client(service_name, region_name, …) returns an async context
    # manager without calling botocore's create_client: it needs the region default too.
    wrapt.wrap_function_wrapper(module.AioSession, "create_client", _default_region)


def install() -> None:
    """Register the hooks; idempotent (importing kv_mock twice installs nothing twice).

    aiobotocore (an optional extra) builds its sessions from the same ``BUILTIN_HANDLERS``,
    so its clients pass through the same hooks; its own session class and credential
    providers are wrapped when, and if, it is imported.
    """
    if getattr(botocore.handlers, "_kv_mock_installed", False):
        return
    for event_name in _EVENT_NAMES:
        botocore.handlers.BUILTIN_HANDLERS.append((event_name, _answer_call))
    for event_name in _TOKEN_EVENT_NAMES:
        botocore.handlers.BUILTIN_HANDLERS.append((event_name, _seeded_idempotency_tokens))
    botocore.handlers.BUILTIN_HANDLERS.append((_PROBE_EVENT, _installed))
    wrapt.wrap_function_wrapper(botocore.client.BaseClient, "_make_api_call", _hook_older_client)
    wrapt.wrap_function_wrapper(botocore.session.Session, "create_client", _default_region)
    for provider in (
        botocore.credentials.InstanceMetadataProvider,
        botocore.credentials.ContainerProvider,
    ):
        wrapt.wrap_function_wrapper(provider, "load", _offline_while_mocked)
    wrapt.register_post_import_hook(_install_aiobotocore_credentials, "aiobotocore.credentials")
    wrapt.register_post_import_hook(_install_aiobotocore_session, "aiobotocore.session")
    wrapt.register_post_import_hook(_install_aiobotocore_client, "aiobotocore.client")
    botocore.handlers._kv_mock_installed = True
