"""pytest fixtures, markers and the real-AWS guard for kv_mock: a thin shell over the public API.

Installed as ``kv_mock_pytest.plugin`` (the ``conftest_plugin/`` folder, mapped to a name no
project uses) and loaded through the ``pytest11`` entry point.

* ``kayvee`` — an active :class:`kv_mock.KvMock` for the test, stopped afterwards.
* ``ssm_client`` / ``secretsmanager_client`` — boto3 clients answered by that mock.
* ``kayvee_server`` — the endpoint URL of an HTTP server (a thread of the test's process,
  :func:`kv_mock.server`) answering from that same mock: give it to other processes, the
  AWS CLI or any SDK; needs the ``server`` extra.
* ``@pytest.mark.kayvee(region=…, account_id=…, seed=…, preload=…)`` — switches the mock on
  for the test (the ``kayvee`` fixture is not needed) with these options; on a class or a
  module, for each of its tests.
* The guard: an ssm / secretsmanager request bound for AWS while no mock is on fails with
  :class:`kv_mock.RealAWSCallBlocked` naming the test and the call.
  ``@pytest.mark.kv_mock_allow_real_aws`` allows it for one test, the ini option
  ``kv_mock_allow_real_aws = true`` for the whole run. The plugin exports
  ``KV_MOCK_BLOCK_REAL_AWS=1`` so that subprocesses (``spawn``, ``forkserver``) inherit it.
* ini option ``kv_mock_preload`` — a JSON or YAML preload file (relative to the ini file's
  directory) for every mock whose marker names no ``preload`` of its own.

Loading the plugin imports neither kv_mock nor botocore (a run that never uses kv_mock pays
almost nothing): kv_mock is imported when botocore is — through an import hook, so a client
created at a test module's top level, before any mock starts, is still intercepted — or
when a fixture or marker needs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

import pytest

if TYPE_CHECKING:
    from kv_mock import KvMock

PRELOAD_INI = "kv_mock_preload"
ALLOW_INI = "kv_mock_allow_real_aws"
MARKER = "kayvee"
ALLOW_MARKER = "kv_mock_allow_real_aws"
#: kv_mock.guard.ENVIRONMENT_VARIABLE, spelt here so that loading the plugin imports nothing.
GUARD_ENVIRONMENT_VARIABLE = "KV_MOCK_BLOCK_REAL_AWS"

_ADVICE = (
    "Mock it: use the `kayvee` fixture (or `ssm_client` / `secretsmanager_client`), mark the "
    f"test `@pytest.mark.{MARKER}`, or decorate it with `@mock_kayvee`. Or allow real AWS: "
    f"mark the test `@pytest.mark.{ALLOW_MARKER}`, or set `{ALLOW_INI} = true` in the pytest "
    "configuration."
)


class _Run:
    """What the guard needs to know about the run: the test on now, and whether it may
    reach AWS."""

    def __init__(self) -> None:
        self.item: Optional[pytest.Item] = None
        self.allow_all = False

    def context(self) -> tuple[str, str, bool]:
        if self.item is None:
            return "outside any test (collection or session set-up)", _ADVICE, self.allow_all
        allowed = self.allow_all or self.item.get_closest_marker(ALLOW_MARKER) is not None
        return f"test {self.item.nodeid}", _ADVICE, allowed


_run = _Run()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        PRELOAD_INI,
        "JSON or YAML file of parameters and secrets every kv_mock mock starts with",
        default="",
    )
    parser.addini(
        ALLOW_INI,
        "let ssm / secretsmanager calls made while no kv_mock mock is on reach real AWS",
        type="bool",
        default=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): run the test with a kv_mock mock on "
        "(region, account_id, seed, preload, persist, call_log_limit)",
    )
    config.addinivalue_line(
        "markers",
        f"{ALLOW_MARKER}: let this test's un-mocked ssm / secretsmanager calls reach real AWS",
    )
    _run.allow_all = bool(config.getini(ALLOW_INI))
    if not _run.allow_all:
        # kv_mock arms the guard from it when imported; children inherit it. An explicit
        # KV_MOCK_BLOCK_REAL_AWS=0 of the user's is left alone (no guard).
        os.environ.setdefault(GUARD_ENVIRONMENT_VARIABLE, "1")
    if "kv_mock" in sys.modules:
        import kv_mock.guard

        kv_mock.guard.arm_from_environment()
    from .import_hook import when_imported

    when_imported("botocore", _install)


def _install(_botocore: Any) -> None:
    """botocore is being imported: import kv_mock too, which installs its hooks (so clients
    made before any mock starts are intercepted) and arms the guard from the environment."""
    if "kv_mock" not in sys.modules:  # (else kv_mock is importing botocore itself)
        import kv_mock  # noqa: F401


def guard_context() -> tuple[str, str, bool]:
    """For :mod:`kv_mock.guard`: the test running now, how to fix, whether it may reach AWS."""
    return _run.context()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Optional[pytest.Item]) -> Iterator[None]:
    _run.item = item
    try:
        yield
    finally:
        _run.item = None


def _ini_preload(config: pytest.Config) -> Any:
    """The ini option's file, relative to the ini file's directory (else the rootdir)."""
    value = config.getini(PRELOAD_INI)
    if not value:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return base / Path(value)


@pytest.fixture(autouse=True)
def _kayvee_marker(request: pytest.FixtureRequest) -> None:
    """A test marked ``@pytest.mark.kayvee`` runs mocked even without the fixture."""
    if request.node.get_closest_marker(MARKER) is not None:
        request.getfixturevalue("kayvee")


@pytest.fixture
def kayvee(request: pytest.FixtureRequest) -> Iterator["KvMock"]:
    """An active kv_mock mock of SSM Parameter Store and Secrets Manager.

    Every boto3 client of the test is answered in-process; the state is empty at the start
    and forgotten at the end. Options come from a ``@pytest.mark.kayvee(...)`` marker;
    ``preload`` defaults to the ``kv_mock_preload`` ini option; the region, when no marker
    names one, is the session's (``AWS_DEFAULT_REGION``, the profile), else us-east-1.
    """
    from kv_mock import mock_kayvee

    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):
        options.update(marker.kwargs)
    if "preload" not in options:
        options["preload"] = _ini_preload(request.config)
    with mock_kayvee(**options) as mock:
        yield mock


@pytest.fixture
def ssm_client(kayvee: "KvMock") -> Any:
    """A boto3 SSM client in the mock's default region, answered by ``kayvee``."""
    import boto3

    return boto3.client("ssm", region_name=kayvee.region)


@pytest.fixture
def secretsmanager_client(kayvee: "KvMock") -> Any:
    """A boto3 Secrets Manager client in the mock's default region, answered by ``kayvee``."""
    import boto3

    return boto3.client("secretsmanager", region_name=kayvee.region)


@pytest.fixture
def kms_client(kayvee: KvMock) -> Any:
    """A boto3 KMS client in the mock's default region, answered by ``kayvee``."""
    import boto3

    return boto3.client("kms", region_name=kayvee.region)


@pytest.fixture
def kayvee_server(kayvee: KvMock) -> Iterator[str]:
    """The endpoint URL (``http://127.0.0.1:<free port>``) of a server answering from ``kayvee``.

    The server runs in a thread of the test's process and shares the ``kayvee`` mock, so
    rotation functions registered on it, its clock and its call log are the server's.
    Point clients of any process at it with ``endpoint_url=`` or ``AWS_ENDPOINT_URL``.
    """
    import kv_mock  # the server module (and uvicorn) load only when a test asks for one

    with kv_mock.server(mock=kayvee, port=0) as endpoint_url:
        yield endpoint_url
