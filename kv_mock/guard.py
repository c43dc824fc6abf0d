"""The guard: while armed, an un-mocked ssm / secretsmanager request bound for AWS is refused.

It sits where a request really leaves the process — ``Endpoint._send`` of botocore (and of
aiobotocore, whose endpoint sends through its own HTTP session) — wrapped on the class, so
clients created before ``import kv_mock`` are covered too. Whatever answers earlier keeps
working: kv_mock itself and botocore's ``Stubber`` answer at ``before-call``, moto's
``mock_aws`` at ``before-send``; none of them reaches ``_send``.

What is refused is a request to one of AWS's own endpoints (a host under a DNS suffix of a
partition in botocore's ``partitions.json``): a client pointed at a kv_mock server on
127.0.0.1, at ``AWS_ENDPOINT_URL`` or any other non-AWS host is let through.

Armed by the pytest plugin (unless its ini option allows real AWS), by
:func:`block_real_aws`, or at import by ``KV_MOCK_BLOCK_REAL_AWS=1`` in the environment
(which the plugin exports, so ``spawn`` / ``forkserver`` children and subprocesses inherit
the guard: the ``kv_mock_guard.pth`` hook installed with the package arms it in a child
interpreter as soon as that child imports botocore).
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import botocore.endpoint
import wrapt

from . import activation
from .errors import KvMockError
from .intercept import MOCKED_SERVICES
from .regions import is_aws_host

#: The environment variable that arms the guard at import (``1``); children inherit it.
ENVIRONMENT_VARIABLE = "KV_MOCK_BLOCK_REAL_AWS"

#: How to fix a refused call when the guard was armed outside pytest.
_SCRIPT_ADVICE = (
    "Mock it with `with kv_mock.mock_kayvee():` (or @mock_kayvee), "
    "or allow real AWS with kv_mock.allow_real_aws() "
    f"(the guard is on because of kv_mock.block_real_aws() or {ENVIRONMENT_VARIABLE}=1)."
)


class RealAWSCallBlocked(KvMockError):
    """An ssm / secretsmanager request would have gone to AWS while no mock was active."""


#: The pytest plugin's module: when loaded, it names the running test and may allow it.
PYTEST_PLUGIN = "kv_mock_pytest.plugin"


class _Guard:
    """The process's switch (one per process; a ``fork`` child inherits its value)."""

    def __init__(self) -> None:
        self.armed = False
        self.lock = threading.Lock()


_guard = _Guard()


def block_real_aws() -> None:
    """Refuse every ssm / secretsmanager request bound for AWS made while no mock is on.

    Also sets ``KV_MOCK_BLOCK_REAL_AWS=1``, so child processes started afterwards
    (``spawn``, ``forkserver``, subprocesses) are guarded too.
    """
    _guard.armed = True
    os.environ[ENVIRONMENT_VARIABLE] = "1"


def allow_real_aws() -> None:
    """Lift the guard (however it was armed), here and in children started afterwards."""
    _guard.armed = False
    os.environ[ENVIRONMENT_VARIABLE] = "0"


def is_blocking() -> bool:
    """Whether an un-mocked request to AWS would be refused now."""
    return _guard.armed


def arm_from_environment() -> None:
    """Arm the guard if ``KV_MOCK_BLOCK_REAL_AWS`` is ``1`` (at import of kv_mock)."""
    if os.environ.get(ENVIRONMENT_VARIABLE, "").strip() == "1":
        block_real_aws()


def _operation(request: Any) -> str:
    """The operation a JSON-protocol request names in ``X-Amz-Target`` (``AmazonSSM.GetParameter``)."""
    target = request.headers.get("X-Amz-Target") or b""
    if isinstance(target, bytes):
        target = target.decode("ascii", "replace")
    return target.rpartition(".")[2] or "(unknown operation)"


def check(endpoint: Any, request: Any) -> None:
    """Raise :class:`RealAWSCallBlocked` if ``request`` must not leave the process.

    Refused: a request of a mocked service to AWS's endpoints while the guard is armed
    (unless the running test is allowed), and — armed or not — while a mock is on: such a
    request comes from a client kv_mock could not answer (made before ``import kv_mock``),
    and a test that switched a mock on never means to reach AWS.
    """
    mocked = activation.active_state is not None
    if not (_guard.armed or mocked):
        return
    # For the services kv_mock answers, botocore's endpoint prefix is the service name.
    service = getattr(endpoint, "_endpoint_prefix", None)
    if service not in MOCKED_SERVICES:
        return
    url = request.url
    if not is_aws_host(urlsplit(url).hostname):
        return
    where, advice, allowed = "outside any test", _SCRIPT_ADVICE, False
    plugin = sys.modules.get(PYTEST_PLUGIN)
    if plugin is not None:  # ``() -> (where, advice, allowed)``: the test on now
        where, advice, allowed = plugin.guard_context()
    call = f"{service} {_operation(request)} to {url} ({where})"
    if mocked:
        raise RealAWSCallBlocked(
            f"kv_mock refused a real AWS call: {call}; a mock is on, but this client is not "
            "answered by it: it was created before `import kv_mock`. Import kv_mock before "
            "creating clients (at the top of the test module, or in conftest.py)."
        )
    if not allowed:
        raise RealAWSCallBlocked(
            f"kv_mock refused a real AWS call: {call}; no kv_mock mock is on and kv_mock "
            f"blocks real AWS calls. {advice}"
        )


def _guarded_send(wrapped: Any, endpoint: Any, args: tuple, kwargs: dict) -> Any:
    check(endpoint, args[0] if args else kwargs["request"])
    return wrapped(*args, **kwargs)


async def _guarded_send_async(wrapped: Any, endpoint: Any, args: tuple, kwargs: dict) -> Any:
    check(endpoint, args[0] if args else kwargs["request"])
    return await wrapped(*args, **kwargs)


def _install_aiobotocore(module: Any) -> None:
    wrapt.wrap_function_wrapper(module.AioEndpoint, "_send", _guarded_send_async)


def install() -> None:
    """Wrap the HTTP send of botocore (and aiobotocore, when imported); idempotent."""
    with _guard.lock:
        if getattr(botocore.endpoint.Endpoint, "_kv_mock_guarded", False):
            return
        wrapt.wrap_function_wrapper(botocore.endpoint.Endpoint, "_send", _guarded_send)
        wrapt.register_post_import_hook(_install_aiobotocore, "aiobotocore.endpoint")
        botocore.endpoint.Endpoint._kv_mock_guarded = True  # type: ignore[attr-defined]
