"""Clients of the mocked services for the extension's tests; each module defines ``kv``."""

import boto3
import pytest


@pytest.fixture
def ssm(kv):
    return boto3.client("ssm", region_name="us-east-1")


@pytest.fixture
def secrets(kv):
    return boto3.client("secretsmanager", region_name="us-east-1")
