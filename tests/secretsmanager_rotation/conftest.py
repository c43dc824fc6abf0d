"""Shared set-up for the rotation, resource-policy and replication tests."""

import pytest

from .helpers import LAMBDA_ARN, START


@pytest.fixture
def clock(kayvee):
    kayvee.clock.freeze(START)
    return kayvee.clock


@pytest.fixture
def secret(secretsmanager_client, clock):
    """A secret with one value, ``"initial"``; returns its ARN."""
    return secretsmanager_client.create_secret(Name="db", SecretString="initial")["ARN"]


@pytest.fixture
def recorder(kayvee):
    """A rotation function for LAMBDA_ARN that records each event and finishes the rotation."""
    import kv_mock.rotators

    events = []

    def rotate(event, context):
        events.append(dict(event, FunctionName=context.function_name))
        kv_mock.rotators.random_value(event, context)

    kayvee.rotation_function(LAMBDA_ARN, rotate)
    return events
