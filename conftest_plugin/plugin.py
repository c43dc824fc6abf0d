"""pytest fixtures and marker for kv_mock: a thin shell over the public API.

* ``kayvee`` — an active :class:`kv_mock.KvMock` for the test, stopped afterwards.
* ``ssm_client`` / ``secretsmanager_client`` — boto3 clients answered by that mock.
* ``kayvee_server`` — the endpoint URL of an HTTP server (a thread of the test's process,
  :func:`kv_mock.server`) answering from that same mock: give it to other processes, the
  AWS CLI or any SDK; needs the ``server`` extra.
* ``@pytest.mark.kayvee(region=…, account_id=…, seed=…, preload=…)`` — options for the
  ``kayvee`` fixture of one test (or class, or module).
* ini option ``kv_mock_preload`` — a JSON or YAML preload file (relative to the ini file's
  directory) for every ``kayvee`` fixture whose marker names no ``preload`` of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from kv_mock import KvMock, mock_kayvee


PRELOAD_INI = "kv_mock_preload"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        PRELOAD_INI,
        "JSON or YAML file of parameters and secrets every kayvee fixture starts with",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "kayvee(**options): options for the kayvee fixture (region, account_id, seed, preload)",
    )


def _ini_preload(config: pytest.Config) -> Any:
    """The ini option's file, relative to the ini file's directory (else the rootdir)."""
    value = config.getini(PRELOAD_INI)
    if not value:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return base / Path(value)


@pytest.fixture
def kayvee(request: pytest.FixtureRequest) -> Iterator[KvMock]:
    """An active kv_mock mock of SSM Parameter Store and Secrets Manager.

    Every boto3 client of the test is answered in-process; the state is empty at the start
    and forgotten at the end. Options come from a ``@pytest.mark.kayvee(...)`` marker;
    ``preload`` defaults to the ``kv_mock_preload`` ini option.
    """
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("kayvee"))):
        options.update(marker.kwargs)
    if "preload" not in options:
        options["preload"] = _ini_preload(request.config)
    with mock_kayvee(**options) as mock:
        yield mock


@pytest.fixture
def ssm_client(kayvee: KvMock) -> Any:
    """A boto3 SSM client in the mock's default region, answered by ``kayvee``."""
    import boto3

    return boto3.client("ssm", region_name=kayvee.region)


@pytest.fixture
def secretsmanager_client(kayvee: KvMock) -> Any:
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
