"""KMS test helpers: a client, a customer key, AWS errors as (code, message, status)."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.aws_errors import error_of_call

ACCOUNT = "123456789012"
REGION = "us-east-1"
KEY_ARN_PREFIX = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/"
ALIAS_ARN_PREFIX = f"arn:aws:kms:{REGION}:{ACCOUNT}:"


@pytest.fixture
def kms(kms_client: Any) -> Any:
    return kms_client


@pytest.fixture
def aws_error() -> Callable[..., tuple[str, str, int]]:
    return error_of_call


@pytest.fixture
def key(kms: Any) -> dict:
    """A customer key's metadata, also reachable as ``alias/app``."""
    metadata = kms.create_key(Description="app key")["KeyMetadata"]
    kms.create_alias(AliasName="alias/app", TargetKeyId=metadata["KeyId"])
    return metadata
