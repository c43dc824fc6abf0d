"""pytest fixtures and marker for kv_mock: a thin shell over the public API.

* ``kayvee`` — an active :class:`kv_mock.KvMock` for the test, stopped afterwards.
* ``ssm_client`` / ``secretsmanager_client`` — boto3 clients answered by that mock.
* ``@pytest.mark.kayvee(region=…, account_id=…, seed=…)`` — options for the ``kayvee``
  fixture of one test (or class, or module).
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from kv_mock import KvMock, mock_kayvee


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "kayvee(**options): options for the kayvee fixture (region, account_id, seed)",
    )


@pytest.fixture
def kayvee(request: pytest.FixtureRequest) -> Iterator[KvMock]:
    """An active kv_mock mock of SSM Parameter Store and Secrets Manager.

    Every boto3 client of the test is answered in-process; the state is empty at the start
    and forgotten at the end. Options come from a ``@pytest.mark.kayvee(...)`` marker.
    """
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("kayvee"))):
        options.update(marker.kwargs)
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
