"""Running the HTTP server: in a thread of this process, or as the ``kv-mock serve`` command.

:class:`Server` (behind :func:`kv_mock.server`) runs uvicorn in a daemon thread of the
calling process, answering from a started :class:`~kv_mock.KvMock` — the process's active
mock, shared if one is already on. A thread and not a subprocess, because a test then
reaches the served state directly: rotation functions it registers run in its own
process (as Python callables must), ``kv.clock`` and ``kv.calls`` are the server's, and
start-up costs milliseconds, not a fresh interpreter. Other processes — ``multiprocessing``
children, the AWS CLI, a Node service — reach it through its endpoint URL. Clients in this
process pointed at the endpoint go over HTTP (:data:`kv_mock.intercept.served_endpoints`);
those without an endpoint are answered in-process by the same mock.

:func:`run` is the foreground command: it prints the endpoint once the socket is bound,
and SIGINT/SIGTERM stop it gracefully — requests in flight finish, then the mock stops,
which writes and closes a ``--persist`` file.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType
from typing import Any, Callable, Mapping, Optional

import uvicorn

from .. import intercept
from ..errors import KvMockError
from ..mock import KvMock
from . import DEFAULT_HOST, DEFAULT_PORT
from .asgi import App, extension_app
from .caller import CallerRules

#: The exit status of ``kv-mock serve`` when it cannot listen (port in use, bad host).
EXIT_START_FAILED = 1


#: Serialises servers starting and stopping at once in their updates of the served endpoints.
_served_lock = threading.Lock()


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, telling us the bound port once it listens (``port=0`` picks one)."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[int], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started(self.servers[0].sockets[0].getsockname()[1])


def _config(app: App, host: str, port: int, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=host, port=port, log_level=log_level, lifespan="off",
        access_log=log_level in ("debug", "trace"),
        # The Date header is the mock's clock, set by the app, as in-process.
        date_header=False, server_header=False,
    )


def _endpoint(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _served_prefixes(host: str, port: int) -> set[str]:
    if host in ("127.0.0.1", "0.0.0.0", "localhost", ""):
        return {f"http://127.0.0.1:{port}/", f"http://localhost:{port}/"}
    return {f"{_endpoint(host, port)}/"}


def _serve_in_thread(server: _Uvicorn) -> None:
    try:
        server.run()
    except SystemExit:  # uvicorn's exit when it cannot bind; it logged why
        pass


class _ExtensionPort:
    """The Lambda extension API alone on a port of its own (``--extension-port 2773``),
    served by a second uvicorn in a daemon thread: what Lambda code calls on localhost."""

    def __init__(self, mock: KvMock, rules: CallerRules, host: str, port: int,
                 log_level: str) -> None:
        self.app = extension_app(mock, rules)
        self.port = port
        self._bound = threading.Event()
        self._uvicorn = _Uvicorn(_config(self.app, host, port, log_level), self._started)
        self._thread = threading.Thread(target=_serve_in_thread, args=(self._uvicorn,),
                                        name="kv-mock-extension", daemon=True)

    def _started(self, port: int) -> None:
        self.port = port
        self._bound.set()

    def start(self) -> None:
        self._thread.start()
        while not self._bound.wait(0.01):
            if not self._thread.is_alive():  # uvicorn logged why (port in use…)
                self.app.close()
                raise KvMockError(f"the Lambda extension port {self.port} could not be bound")

    def stop(self) -> None:
        """Finish requests in flight and close the port (nothing to do if it never opened)."""
        if self._thread.is_alive():
            self._uvicorn.should_exit = True
            self._thread.join()
        self.app.close()


class Server:
    """A kv_mock server in a thread of this process; ``with`` it or ``start()``/``stop()``.

    ``mock_options`` are :func:`kv_mock.mock_kayvee`'s (``region``, ``account_id``,
    ``seed``, ``preload``, ``persist``), or ``mock`` is a :class:`~kv_mock.KvMock` to
    serve (the pytest fixture serves the test's ``kayvee``); ``key_accounts`` maps access
    key ids to accounts, ``credentials`` maps key ids to secret keys for ``verify_sigv4``.
    ``extension_port`` also serves the Lambda extension API alone on that port (0: a free
    one; see :attr:`extension_url`); it is on the main port in any case.
    """

    def __init__(
        self,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        mock: Optional[KvMock] = None,
        key_accounts: Optional[Mapping[str, str]] = None,
        credentials: Optional[Mapping[str, str]] = None,
        verify_sigv4: bool = False,
        log_level: str = "warning",
        extension_port: Optional[int] = None,
        **mock_options: Any,
    ) -> None:
        if mock is not None and mock_options:
            raise KvMockError(f"give mock= or mock options, not both: {sorted(mock_options)}")
        self.mock = mock if mock is not None else KvMock(**mock_options)
        self.host = host
        self.port = port
        self.extension_port = extension_port
        self._extension: Optional[_ExtensionPort] = None
        self._key_accounts = dict(key_accounts or {})
        self._credentials = dict(credentials or {})
        self._verify_sigv4 = verify_sigv4
        self.log_level = log_level
        self._uvicorn: Optional[_Uvicorn] = None
        self._thread: Optional[threading.Thread] = None
        self._app: Optional[App] = None
        self._prefixes: set[str] = set()
        self._bound = threading.Event()

    @property
    def endpoint_url(self) -> str:
        if not self._bound.is_set():
            raise KvMockError("the server is not running")
        return _endpoint(self.host, self.port)

    @property
    def extension_url(self) -> str:
        """``http://<host>:<extension port>`` while ``extension_port`` is served."""
        if self._extension is None or not self._bound.is_set():
            raise KvMockError("the server is not serving an extension port")
        return _endpoint(self.host, self._extension.port)

    def start(self) -> str:
        """Start the mock and the server; returns the endpoint URL once it accepts calls."""
        if self._thread is not None:
            raise KvMockError("the server is already running")
        self.mock.start()  # nested if the mock is on already: the same state
        state = self.mock.state
        rules = CallerRules(state.default_account_id, state.default_region, self._key_accounts,
                            self._credentials, self._verify_sigv4)
        if self.extension_port is not None:
            self._extension = _ExtensionPort(self.mock, rules, self.host,
                                             self.extension_port, self.log_level)
            try:
                self._extension.start()
            except BaseException:
                self._extension = None
                self.mock.stop()
                raise
        self._app = App(self.mock, rules)
        self._uvicorn = _Uvicorn(
            _config(self._app, self.host, self.port, self.log_level), self._started
        )
        self._thread = threading.Thread(target=_serve_in_thread, args=(self._uvicorn,),
                                        name="kv-mock-server", daemon=True)
        self._thread.start()
        while not self._bound.wait(0.01):
            if not self._thread.is_alive():  # the bind failed (port in use…): uvicorn logged why
                self._cleanup()
                raise KvMockError(f"kv_mock server could not start on {self.host}:{self.port}")
        return self.endpoint_url

    def _started(self, port: int) -> None:
        self.port = port
        self._prefixes = _served_prefixes(self.host, port)
        with _served_lock:
            intercept.served_endpoints = (*intercept.served_endpoints, *self._prefixes)
        self._bound.set()

    def stop(self) -> None:
        """Finish requests in flight, close the socket, stop the mock."""
        if self._thread is None or self._uvicorn is None:
            raise KvMockError("the server is not running")
        self._uvicorn.should_exit = True
        self._thread.join()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._extension is not None:
            self._extension.stop()
            self._extension = None
        with _served_lock:
            intercept.served_endpoints = tuple(
                prefix for prefix in intercept.served_endpoints if prefix not in self._prefixes)
        self._prefixes = set()
        if self._app is not None:
            self._app.close()
        self._thread = self._uvicorn = self._app = None
        self._bound.clear()
        self.mock.stop()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()


class _Stopped(Exception):
    """SIGINT or SIGTERM, raised again by uvicorn once it has shut down gracefully."""


def _stop(signum: int, frame: Optional[FrameType]) -> None:
    raise _Stopped(signum)


def run(
    mock: KvMock,
    rules: CallerRules,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    log_level: str = "info",
    extension_port: Optional[int] = None,
) -> int:
    """Serve ``mock`` in the foreground until SIGINT or SIGTERM; the exit status.

    uvicorn handles the signals while it serves (graceful shutdown) and then raises the
    signal again; the handlers installed here turn that into a clean return, so the
    mock's ``stop()`` — which closes a persisted store — always runs.
    """
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    mock.start()
    app = App(mock, rules)
    extension: Optional[_ExtensionPort] = None
    try:
        if extension_port is not None:
            extension = _ExtensionPort(mock, rules, host, extension_port, log_level)
            try:
                extension.start()
            except KvMockError as error:  # the port is taken: uvicorn logged why
                print(f"kv-mock: {error}", file=sys.stderr)
                return EXIT_START_FAILED
            print(f"kv-mock Lambda extension on {_endpoint(host, extension.port)}", flush=True)
        server = _Uvicorn(_config(app, host, port, log_level),
                          lambda bound: print(f"kv-mock serving on {_endpoint(host, bound)}",
                                              flush=True))
        server.run()
    except _Stopped:
        pass
    except SystemExit:  # uvicorn's exit when it cannot bind; it logged why
        return EXIT_START_FAILED
    finally:
        if extension is not None:
            extension.stop()
        app.close()
        mock.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
