"""Shared test set-up: handler bugs fail loudly; a machine with no AWS configuration."""

import socket

import boto3
import pytest

import kv_mock.dispatch


@pytest.fixture(autouse=True)
def _handler_bugs_are_loud(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kv_mock.dispatch, "RAISE_INTERNAL_ERRORS", True)


@pytest.fixture
def replace_handler(monkeypatch):
    """``replace_handler(service, operation, handler)``: the test's own handler for one
    operation. dispatch keeps each operation's handler once looked up, so its kept plans
    are dropped for the test too (and the registry and plans restored after it)."""
    from kv_mock import services

    def replace(service: str, operation: str, handler, locked: bool = True) -> None:
        monkeypatch.setitem(
            services._OPERATIONS, (service, operation), services.Operation(handler, locked))
        monkeypatch.setattr(kv_mock.dispatch, "_plans", {})
    return replace


@pytest.fixture
def no_aws_environment(monkeypatch, tmp_path):
    """No AWS configuration at all, and sockets that refuse: returns every address tried."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "AWS_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    connections = []

    def refuse(self, address):
        connections.append(address)
        raise OSError(f"kv_mock test: no sockets allowed ({address})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    return connections
