"""Shared test set-up: a bug inside a handler fails the test instead of becoming a 500."""

import pytest

import kv_mock.dispatch


@pytest.fixture(autouse=True)
def _handler_bugs_are_loud(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kv_mock.dispatch, "RAISE_INTERNAL_ERRORS", True)
