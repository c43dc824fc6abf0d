"""Helpers for the Secrets Manager tests: AWS error assertions and quick secret set-up."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from botocore.config import Config
from botocore.handlers import generate_idempotent_uuid

from kv_mock import intercept
from tests.aws_errors import error_of_call


@pytest.fixture
def aws_error() -> Callable[..., dict]:
    """``aws_error(call, code, message=None)``: the call fails with that AWS error, HTTP 400."""

    def check(call: Callable[[], Any], code: str, message: str | None = None) -> dict:
        actual_code, actual_message, status = error_of_call(call)
        assert actual_code == code
        if message is not None:
            assert actual_message == message
        assert status == 400
        return {"Code": actual_code, "Message": actual_message}
    return check


@pytest.fixture
def frozen(kayvee):
    """The mock with its clock frozen (timestamps compare exactly)."""
    kayvee.clock.freeze()
    return kayvee


@pytest.fixture
def sm(secretsmanager_client):
    return secretsmanager_client


@pytest.fixture
def stages(sm) -> Callable[[str], dict]:
    """``stages(secret_id)``: DescribeSecret's VersionIdsToStages ({} when absent)."""
    return lambda secret_id: sm.describe_secret(SecretId=secret_id).get("VersionIdsToStages", {})


@pytest.fixture
def raw_sm(kayvee):
    """A client that sends requests as written: no client-side validation, no filled-in
    ClientRequestToken, so the mock's own (server-side) checks answer."""
    import boto3

    client = boto3.client(
        "secretsmanager", region_name="us-east-1", config=Config(parameter_validation=False)
    )
    client.meta.events.unregister("before-parameter-build", generate_idempotent_uuid)
    client.meta.events.unregister(
        "before-parameter-build.secrets-manager", intercept._seeded_idempotency_tokens
    )
    return client
