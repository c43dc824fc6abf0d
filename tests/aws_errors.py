"""What a mocked call that failed answered: AWS's error code, message and HTTP status."""

from typing import Any, Callable

import pytest
from botocore.exceptions import ClientError


def error_of(failure: Any) -> tuple[str, str, int]:
    """(code, message, HTTP status) of a ClientError, or of pytest's ``raises`` info on one."""
    response = getattr(failure, "value", failure).response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def error_of_call(call: Callable[..., Any], *args: Any, **request: Any) -> tuple[str, str, int]:
    """Make a call that must fail with an AWS error; return its code, message and status."""
    with pytest.raises(ClientError) as raised:
        call(*args, **request)
    return error_of(raised)
