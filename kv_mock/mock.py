"""``mock_kayvee``: the switch, as decorator, context manager or ``start()``/``stop()``.

Activations nest: an inner mock (a decorated helper called from a decorated test, a
``with`` inside a mocked class) shares the outer mock's state, and the state is dropped
when the outermost one stops, so every test starts from an empty AWS.
"""

from __future__ import annotations

import datetime as _dt
import inspect
import os
import unittest
import warnings
from types import FunctionType, TracebackType
from typing import Any, Callable, Optional, TypeVar, Union, overload

import wrapt

from . import (
    activation, envfile, inspection, options, preload as preloading, snapshot as snapshots,
)
from .calllog import CallLog
from .clock import Clock, Delta
from .errors import KvMockError, KvMockWarning
from .persistence import Persistence
from .preload import PreloadSource
from .state import DEFAULT_ACCOUNT_ID, MockState
from .store.backend import Backend
from .transports import extension_requests

T = TypeVar("T")


class KvMock:
    """One mock of SSM Parameter Store and Secrets Manager; see :func:`mock_kayvee`."""

    def __init__(
        self,
        *,
        region: Optional[str] = None,
        account_id: Optional[str] = None,
        seed: Optional[int] = None,
        preload: Optional[PreloadSource] = None,
        persist: Union[str, os.PathLike, None] = None,
        call_log_limit: Optional[int] = None,
    ) -> None:
        self._options = options.check(
            region=region, account_id=account_id, seed=seed, preload=preload,
            persist=persist, call_log_limit=call_log_limit,
        )
        self.seed = seed
        self.preload = preload
        self.persist = persist
        self._persistence: Optional[Persistence] = None
        self._state: Optional[MockState] = None
        #: The (account, region) defaults a nested activation replaced, to put back.
        self._replaced: list[tuple[str, str]] = []
        #: The defaults it last ran with (``kv.region`` after ``stop()``).
        self._last_defaults: Optional[tuple[str, str]] = None
        self._by_hand = False

    # -- switching -------------------------------------------------------------------
    def start(self) -> "KvMock":
        """Switch the mock on by hand (a notebook, a REPL, a script); ``stop()`` ends it.

        Starting by hand is idempotent: ``kv.start()`` on a mock already started by hand
        does nothing. Re-running a notebook cell ``kv = mock_kayvee(); kv.start()`` makes a
        new mock while the previous one, started by hand, is still on: that one is stopped
        (with a warning) and the new one starts empty, as the cell says. To nest mocks,
        use ``with`` or the decorator.
        """
        if self._by_hand and activation.is_on(self):
            return self
        previous = activation.innermost()
        if isinstance(previous, KvMock) and previous._by_hand and previous is not self:
            warnings.warn(
                "kv_mock: a mock started by hand was still on; it is stopped so that this "
                "one starts fresh (use `with mock_kayvee():` to nest mocks)",
                KvMockWarning, stacklevel=2,
            )
            previous.stop()
        self._activate()
        self._by_hand = True
        return self

    def _activate(self) -> "KvMock":
        outer = activation.outermost()
        if isinstance(outer, KvMock) and outer is not self:
            self._check_nests_in(outer)
        elif outer is not None and outer is not self:
            raise KvMockError("another kind of activation is on")  # pragma: no cover
        nested = outer is not None
        # The Lambda extension for ``requests`` (once a process), before the push: a
        # failure here must leave no mock on.
        extension_requests.install()
        state = activation.push(self, self._new_state)
        self._state = state
        if nested:
            self._replaced.append((state.default_account_id, state.default_region))
            state.default_account_id = self._options.account_id or state.default_account_id
            state.default_region = self._options.region or state.default_region
        self._last_defaults = (state.default_account_id, state.default_region)
        return self

    def _check_nests_in(self, outer: "KvMock") -> None:
        """An inner mock shares the outer one's state: it cannot re-seed, preload or persist it.

        ``region`` and ``account_id`` of an inner mock apply while it is on (the defaults
        of clients created without a region, and of calls without a 12-digit key id).
        """
        for name in ("seed", "preload", "persist"):
            mine, theirs = getattr(self._options, name), getattr(outer._options, name)
            if mine is not None and mine != theirs:
                raise KvMockError(
                    f"mock_kayvee({name}={mine!r}) cannot start inside an active mock with "
                    f"{name}={theirs!r}: an inner mock shares the outer one's state. Give "
                    f"the same {name}, leave it out, or stop the outer mock first."
                )

    def stop(self) -> None:
        """Switch it off; the outermost stop forgets everything that was stored.

        Stopping the outermost mock ends its state, so mocks still on inside it stop too
        (their own ``stop()`` then does nothing).
        """
        ended = activation.pop(self)
        if ended is None:
            if self._ended_by_outer:
                self._ended_by_outer = False
                return
            raise KvMockError("stop() called on a mock that is not started")
        self._by_hand = self._by_hand and activation.is_on(self)
        for inner in ended:
            if isinstance(inner, KvMock):
                inner._ended_by_outer = True
                inner._by_hand = False
        state = self.state
        self._last_defaults = (state.default_account_id, state.default_region)
        if self._replaced:
            state.default_account_id, state.default_region = self._replaced.pop()
        if self._persistence is not None and not activation.is_on(self) and (
            activation.active_state is not state
        ):
            persistence, self._persistence = self._persistence, None
            persistence.detach(state)

    _ended_by_outer = False

    def _new_state(self) -> MockState:
        state = MockState(
            default_account_id=self._options.account_id or DEFAULT_ACCOUNT_ID,
            default_region=self._options.region or options.session_region(),
            seed=self.seed,
            calls=CallLog(self._options.call_log_limit or options.DEFAULT_CALL_LOG_LIMIT),
        )
        persisted = self._load_persisted(state) if self.persist is not None else None
        if self.preload is not None and persisted is None:
            preloading.load(state, self.preload)
        if self._persistence is not None:
            self._persistence.attach(state, save=persisted is None)
        return state

    def _load_persisted(self, state: MockState) -> Optional[dict]:
        """Open the ``persist`` file and load its state into ``state``; its document, if any."""
        self._persistence = Persistence(self.persist)  # type: ignore[arg-type]
        try:
            persisted = self._persistence.load_into(state)
        except BaseException:
            self._persistence.close()
            self._persistence = None
            raise
        return persisted

    @property
    def active(self) -> bool:
        return self._state is not None and activation.is_on(self)

    @property
    def region(self) -> str:
        """The region of clients created without one: the ``region`` option, else the
        session's (``AWS_DEFAULT_REGION``, the profile), else ``us-east-1``; while on, the
        state's (a persisted state keeps its own, an inner mock's applies while it is on)."""
        if self.active:
            return self.state.default_region
        if self._last_defaults is not None:
            return self._last_defaults[1]
        return self._options.region or options.session_region()

    @property
    def account_id(self) -> str:
        """The account the mock plays for callers without a 12-digit access key id."""
        if self.active:
            return self.state.default_account_id
        if self._last_defaults is not None:
            return self._last_defaults[0]
        return self._options.account_id or DEFAULT_ACCOUNT_ID

    def __enter__(self) -> "KvMock":
        return self._activate()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()

    # -- decorating ------------------------------------------------------------------
    def __call__(self, target: T) -> T:
        """Decorate a function, a coroutine function or a test class."""
        if inspect.isclass(target):
            return self._decorate_class(target)  # type: ignore[return-value]
        if callable(target):
            return self._decorate_function(target)  # type: ignore[return-value]
        raise KvMockError(f"mock_kayvee cannot decorate {target!r}")

    def _decorate_function(self, function: Callable) -> Callable:
        """Wrap a function, coroutine function, generator or async generator function.

        A generator's mock is on from its first ``next()`` until it is exhausted or closed,
        between ``yield``s too: a pytest fixture that yields (``@pytest.fixture`` above
        ``@mock_kayvee``) keeps the mock on while the test runs, and the code after its
        ``yield`` (the fixture's teardown) still runs mocked.
        """
        if inspect.isasyncgenfunction(function):
            @wrapt.decorator
            def run_async_generator(
                wrapped: Callable, instance: Any, args: tuple, kwargs: dict
            ) -> Any:
                return _delegating(self, wrapped(*args, **kwargs))
            return run_async_generator(function)

        if inspect.isgeneratorfunction(function):
            @wrapt.decorator
            def run_generator(wrapped: Callable, instance: Any, args: tuple, kwargs: dict) -> Any:
                with self:
                    return (yield from wrapped(*args, **kwargs))
            return run_generator(function)

        if inspect.iscoroutinefunction(function):
            @wrapt.decorator
            async def run_async(wrapped: Callable, instance: Any, args: tuple, kwargs: dict) -> Any:
                with self:
                    return await wrapped(*args, **kwargs)
            return run_async(function)

        @wrapt.decorator
        def run(wrapped: Callable, instance: Any, args: tuple, kwargs: dict) -> Any:
            with self:
                return wrapped(*args, **kwargs)
        return run(function)

    def _decorate_class(self, cls: type) -> type:
        """Every ``test*`` method runs mocked; so do the set-up and tear-down around it.

        ``unittest.TestCase``: ``setUp`` starts the mock and registers its stop as a
        cleanup, which runs after ``tearDown`` even when ``setUp`` fails. Plain (pytest)
        classes: ``setup_method`` starts it and ``teardown_method`` stops it. The test
        methods themselves are wrapped too, so calling one directly is also mocked; being
        nested, they share the state the set-up wrote.
        """
        for name in dir(cls):
            if name.startswith("test"):
                method = inspect.getattr_static(cls, name)
                if isinstance(method, FunctionType) or isinstance(method, wrapt.FunctionWrapper):
                    setattr(cls, name, self._decorate_function(method))
        if issubclass(cls, unittest.TestCase):
            self._wrap_unittest_setup(cls)
        else:
            self._wrap_pytest_setup(cls)
        return cls

    def _wrap_unittest_setup(self, cls: type[unittest.TestCase]) -> None:
        original = cls.setUp
        mock = self

        def setUp(test: unittest.TestCase) -> None:
            mock.start()
            test.addCleanup(mock.stop)
            original(test)
        setattr(cls, "setUp", setUp)

    def _wrap_pytest_setup(self, cls: type) -> None:
        original_setup = getattr(cls, "setup_method", None)
        original_teardown = getattr(cls, "teardown_method", None)
        mock = self

        def setup_method(test: Any, method: Any = None) -> None:
            mock.start()
            try:
                if original_setup is not None:
                    original_setup(test, method)
            except BaseException:
                mock.stop()
                raise

        def teardown_method(test: Any, method: Any = None) -> None:
            try:
                if original_teardown is not None:
                    original_teardown(test, method)
            finally:
                mock.stop()
        setattr(cls, "setup_method", setup_method)
        setattr(cls, "teardown_method", teardown_method)

    # -- looking inside --------------------------------------------------------------
    @property
    def state(self) -> MockState:
        """The state of the current (or, after stop, the last) activation."""
        if self._state is None:
            raise KvMockError("the mock has not been started")
        return self._state

    @property
    def clock(self) -> Clock:
        """The mock's clock: ``kv.clock.freeze(...)``, ``kv.clock.advance(days=1)``."""
        return self.state.clock

    def advance(self, delta: Optional[Delta] = None, **kwargs: float) -> _dt.datetime:
        """Move the mock's clock forward; due events happen on the next call."""
        return self.state.clock.advance(delta, **kwargs)

    @property
    def calls(self) -> CallLog:
        """Every intercepted call, in order: service, operation, parameters, outcome.

        ``kv.calls.count("GetParameter")``, ``kv.calls.filter("GetParameter",
        Name="/app/db/host")``, ``kv.calls.clear()``.
        """
        return self.state.calls

    def dump(self, *, reveal: bool = False) -> dict:
        """What the store holds, as plain data: ``{account_id: {region: {"parameters": …,
        "secrets": …}}}``; SecureString and secret values masked unless ``reveal``."""
        return inspection.dump(self.state, reveal=reveal)

    def html(self, *, reveal: bool = False) -> str:
        """The mock's status and HTML tables of parameters, secrets and the latest calls;
        secret values masked unless ``reveal``."""
        return inspection.to_html(self.state, reveal=reveal, active=self.active)

    def _repr_html_(self) -> str:
        """The notebook view (Jupyter): :meth:`html`, with every secret value masked."""
        if self._state is None:
            return "<p>kv_mock: not started</p>"
        return self.html()

    def __repr__(self) -> str:
        if self._state is None:
            return (f"<KvMock not started: region {self.region}, account {self.account_id}, "
                    f"seed {self.seed}>")
        state = self._state
        with state.lock:
            parameters = sum(len(b.parameters) for b in state.backends.values())
            secrets = sum(len(b.secrets) for b in state.backends.values())
        return (f"<{inspection.status(state, self.active)}: {parameters} parameters, "
                f"{secrets} secrets, {len(state.calls)} calls>")

    def backend(self, region: Optional[str] = None, account_id: Optional[str] = None) -> Backend:
        """The store of one account and region (default: the mock's own)."""
        return self.state.backend(account_id or self.account_id, region or self.region)

    # -- keeping state ---------------------------------------------------------------
    def snapshot(self) -> dict:
        """The whole state as a JSON-serialisable document (format: :mod:`kv_mock.snapshot`)."""
        return snapshots.snapshot(self.state)

    def restore(self, document: dict) -> None:
        """Replace the state with what ``document`` (from :meth:`snapshot`) holds."""
        snapshots.restore(self.state, document)
        self.save()

    def save(self) -> None:
        """Write changes made outside mocked calls (``kv.backend()``…) to the ``persist`` file.

        Calls write their own changes; the outermost ``stop()`` saves too. Without
        ``persist`` this does nothing.
        """
        if self._persistence is not None:
            self._persistence.save(self.state)

    def export_env(
        self,
        path: Union[str, os.PathLike],
        *,
        parameters_path: Optional[str] = None,
        secrets_prefix: Optional[str] = None,
        strip_prefix: bool = False,
        region: Optional[str] = None,
        account_id: Optional[str] = None,
    ) -> dict[str, str]:
        """Write parameters under ``parameters_path`` and secrets named ``secrets_prefix…``
        to the dotenv file ``path``; returns the variables written.

        ``/app/db/password`` becomes ``APP_DB_PASSWORD`` (``DB_PASSWORD`` with
        ``strip_prefix``); naming and quoting rules: :mod:`kv_mock.envfile`. Nothing
        matched: the file is written empty, with a :class:`KvMockWarning` saying what was
        asked and which regions hold data.
        """
        selection: dict[str, Any] = dict(
            account_id=account_id or self.state.default_account_id,
            region=region or self.state.default_region,
            parameters_path=parameters_path,
            secrets_prefix=secrets_prefix,
        )
        variables = envfile.collect(self.state, **selection, strip_prefix=strip_prefix)
        if not variables:
            warnings.warn(
                envfile.nothing_matched(self.state, **selection), KvMockWarning, stacklevel=2
            )
        envfile.write(path, variables)
        self.save()
        return variables

    def create_kms_key(
        self,
        alias: Optional[str] = None,
        *,
        region: Optional[str] = None,
        account_id: Optional[str] = None,
    ) -> str:
        """Register a customer KMS key (optionally under ``alias/…``) and return its key id.

        SecureString parameters and secrets accept only keys that exist, as AWS does:
        ``kv.create_kms_key("alias/app")`` makes ``KeyId="alias/app"``, the key id and
        both ARNs valid in that account and region (default: the mock's own). A shortcut
        onto the keys the mocked KMS API (``boto3.client("kms").create_key()``) makes.
        """
        ring = self.backend(region, account_id).kms
        return ring.create_key(alias=alias, now=self.state.clock.now()).key_id

    def rotation_function(
        self, lambda_arn: str, function: Optional[Callable[[dict, Any], Any]] = None
    ) -> Any:
        """Make ``function(event, context)`` the rotation Lambda ``lambda_arn``.

        RotateSecret (and a rotation falling due on the mock's clock) invokes it once per
        step with the event AWS sends — ``{"Step": "createSecret" | "setSecret" |
        "testSecret" | "finishSecret", "SecretId": <secret ARN>, "ClientRequestToken":
        <version id>, "RotationToken": …}`` — and a Lambda-like context; it calls boto3
        against the mock as a real rotation function does. Use it directly or as a
        decorator::

            @kv.rotation_function("arn:aws:lambda:us-east-1:123456789012:function:rotate")
            def rotate(event, context): ...

            kv.rotation_function(arn, kv_mock.rotators.random_value)

        A secret naming a Lambda ARN with no function registered gets AWS's
        AccessDeniedException ("Secrets Manager cannot invoke the specified Lambda
        function…").
        """
        from .services.secretsmanager.rotation import register_rotation_function

        if function is None:
            return lambda decorated: register_rotation_function(self.state, lambda_arn, decorated)
        return register_rotation_function(self.state, lambda_arn, function)


async def _delegating(mock: KvMock, inner: Any) -> Any:
    """``yield from`` for async generators, with ``mock`` on: ``asend``, ``athrow`` and
    ``aclose`` reach ``inner``."""
    with mock:
        try:
            item = await inner.__anext__()
        except StopAsyncIteration:
            return
        while True:
            try:
                sent = yield item
            except GeneratorExit:
                await inner.aclose()
                raise
            except BaseException as error:
                try:
                    item = await inner.athrow(error)
                except StopAsyncIteration:
                    return
            else:
                try:
                    item = await inner.asend(sent)
                except StopAsyncIteration:
                    return


def stop_all() -> None:
    """Stop every mock that is on (a notebook's escape hatch); the state is forgotten."""
    while True:
        owner = activation.outermost()
        if not isinstance(owner, KvMock):
            return
        owner.stop()


@overload
def mock_kayvee(func: T, /) -> T: ...


@overload
def mock_kayvee(
    *,
    region: str = ...,
    account_id: str = ...,
    seed: Optional[int] = ...,
    preload: Optional[PreloadSource] = ...,
    persist: Union[str, os.PathLike, None] = ...,
    call_log_limit: Optional[int] = ...,
) -> KvMock: ...


def mock_kayvee(func: Any = None, /, **options: Any) -> Union[KvMock, Any]:
    """Mock SSM Parameter Store and Secrets Manager for every boto3 client in the process.

    As a decorator (``@mock_kayvee`` or ``@mock_kayvee(region="eu-west-1")``) on a function,
    a coroutine function or a test class; as a context manager (``with mock_kayvee() as
    kv:``); or switched by hand (``kv = mock_kayvee(); kv.start(); …; kv.stop()``).

    Options: ``region`` — the region of clients created without one (default
    ``us-east-1``); ``account_id`` — the account the mock plays (default
    ``123456789012``); ``seed`` — makes every generated id and value reproducible;
    ``preload`` — parameters and secrets the mock starts with: a dict, or the path of a
    JSON or YAML file (format: :mod:`kv_mock.preload`); ``persist`` — a SQLite file that
    keeps the state across processes (loaded at start, every change committed before
    the call returns; ``preload`` then applies only to a new file; format:
    :mod:`kv_mock.persistence`).
    """
    mock = KvMock(**options)
    return mock if func is None else mock(func)
