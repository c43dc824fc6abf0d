"""Helpers for the Parameter Store write/read tests: AWS errors as (code, message, status)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.aws_errors import error_of_call


@pytest.fixture
def aws_error() -> Callable[..., tuple[str, str, int]]:
    return error_of_call


@pytest.fixture
def put(ssm_client: Any) -> Callable[..., dict]:
    """``put("/a", "v", Type=…, …)``: PutParameter with a String default type."""

    def put_parameter(name: str, value: str = "v", **options: Any) -> dict:
        options.setdefault("Type", "String")
        return ssm_client.put_parameter(Name=name, Value=value, **options)

    return put_parameter
