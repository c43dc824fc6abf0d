"""Helpers for the Parameter Store write/read tests: AWS errors as (code, message, status)."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from botocore.exceptions import ClientError


def error_of(call: Callable[..., Any], *args: Any, **request: Any) -> tuple[str, str, int]:
    """Make a call that must fail; return AWS's error code, message and HTTP status."""
    with pytest.raises(ClientError) as raised:
        call(*args, **request)
    response = raised.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


@pytest.fixture
def aws_error() -> Callable[..., tuple[str, str, int]]:
    return error_of


@pytest.fixture
def put(ssm_client: Any) -> Callable[..., dict]:
    """``put("/a", "v", Type=…, …)``: PutParameter with a String default type."""

    def put_parameter(name: str, value: str = "v", **options: Any) -> dict:
        options.setdefault("Type", "String")
        return ssm_client.put_parameter(Name=name, Value=value, **options)

    return put_parameter
