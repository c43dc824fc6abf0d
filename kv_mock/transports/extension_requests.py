"""The Lambda extension in-process: ``requests`` to ``http://localhost:2773`` answered by the mock.

Code under test that reads a parameter or a secret through the extension (``requests.get(
"http://localhost:2773/secretsmanager/get?secretId=…", headers={"X-Aws-Parameters-Secrets-
Token": …})``) gets :func:`kv_mock.transports.extension.answer` from the active mock's state,
built into a real ``requests.Response`` by the ``responses`` library.

How it is installed, and why so (the product rule: switching a mock on or off costs
microseconds, and other ``requests`` traffic is left alone):

* once, on the first start of a mock in a process where ``responses`` is importable, a thin
  wrapper goes around ``requests.adapters.HTTPAdapter.send``. Starting ``responses`` itself
  on every ``start()`` (a ``mock.patch``) would cost ~17 µs a start/stop, twice kv_mock's
  own; re-checking that the wrapper is still in place costs one attribute read;
* the wrapper sends every request on unchanged — no parsing, no ``responses`` machinery —
  unless a mock is on *and* the URL is the extension's (``localhost`` or ``127.0.0.1`` on
  ``PARAMETERS_SECRETS_EXTENSION_HTTP_PORT``, default 2773). Only those requests go to a
  ``responses.RequestsMock`` whose one callback asks the extension API;
* if a test's own ``responses`` mock (``@responses.activate``) is on, it sits above the
  wrapper and answers first, as it would without kv_mock.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any, Optional
from urllib.parse import urlsplit

from .. import activation
from .extension import DEFAULT_PORT, NOT_FOUND, answer

_HOSTS = ("localhost", "127.0.0.1")

#: ``requests.adapters.HTTPAdapter``, imported on the first start (importing ``requests``
#: and ``responses`` costs tens of milliseconds that ``import kv_mock`` need not pay).
_adapter_class: Optional[Any] = None
#: The ``responses`` mock that builds the extension's answers, made on first use.
_answering: Optional[Any] = None
#: The wrapper installed around ``HTTPAdapter.send`` (to see whether it is still there).
_installed_send: Optional[Any] = None
#: Two mocks started at once in two threads install one wrapper, not two.
_installing = threading.Lock()


def extension_port() -> int:
    """The port Lambda code calls: ``PARAMETERS_SECRETS_EXTENSION_HTTP_PORT`` or 2773."""
    try:
        return int(os.environ.get("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", DEFAULT_PORT))
    except ValueError:
        return DEFAULT_PORT


def _is_extension_url(url: str) -> bool:
    # Cheap prefix test first: every other request pays only this.
    if not url.startswith(("http://localhost:", "http://127.0.0.1:")):
        return False
    parts = urlsplit(url)
    return parts.hostname in _HOSTS and parts.port == extension_port()


def _respond(request: Any) -> tuple[int, dict[str, str], bytes]:
    state = activation.active_state
    parts = urlsplit(request.url)
    if state is None:  # the mock stopped between the check and here
        return NOT_FOUND
    found = answer(state, request.method, parts.path, parts.query, request.headers)
    return found if found is not None else NOT_FOUND


def _new_answering() -> Any:
    import responses

    mock = responses.RequestsMock(assert_all_requests_are_fired=False)
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        mock.add_callback(method, re.compile(r"http://[^/]+/.*"), callback=_respond)
    return mock


def install() -> None:
    """Put the wrapper around ``HTTPAdapter.send`` if it is not there (cheap when it is)."""
    if _adapter_class is not None and _adapter_class.send is _installed_send:
        return  # the common case: one attribute read, no lock
    with _installing:
        _install()


def _install() -> None:
    global _adapter_class, _answering, _installed_send
    if _adapter_class is None:
        try:
            from requests.adapters import HTTPAdapter
        except ImportError:  # requests is a dependency (through responses); be safe anyway
            return
        _adapter_class = HTTPAdapter
        _answering = _new_answering()
    adapter_class: Any = _adapter_class
    if adapter_class.send is _installed_send:
        return
    assert _answering is not None
    answering = _answering
    original = adapter_class.send
    answering_send = answering.unbound_on_send()

    def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        if activation.active_state is not None and _is_extension_url(request.url):
            response = answering_send(adapter, request, *args, **kwargs)
            answering.calls.reset()  # ``responses`` keeps every call; a mock keeps none
            return response
        return original(adapter, request, *args, **kwargs)

    send.__wrapped__ = original  # type: ignore[attr-defined]
    adapter_class.send = send
    _installed_send = send
