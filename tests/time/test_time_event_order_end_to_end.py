"""Parameter expirations, secret purges and due rotations happen in timestamp order.

Everything below falls due during one jump of the clock; the rotation function, which runs
at its place in the order, sees the events before it applied and those after it not yet.
"""

import datetime as dt
import json

import boto3
import pytest

from kv_mock import mock_kayvee

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:observe"


def _expiring(ssm, name, days):
    when = (T0 + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    policy = {"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": when}}
    ssm.put_parameter(Name=name, Value="v", Type="String", Tier="Advanced",
                      Policies=json.dumps([policy]))


def _exists(call):
    try:
        call()
        return True
    except boto3.client("ssm").exceptions.ParameterNotFound:
        return False
    except boto3.client("secretsmanager").exceptions.ResourceNotFoundException:
        return False


@pytest.fixture
def world():
    """/early expires on day 1, secret "doomed" is purged on day 7, "rotating" rotates on
    day 10 or 11, /late expires on day 30."""
    with mock_kayvee() as kv:
        kv.clock.freeze(T0)
        ssm = boto3.client("ssm")
        secrets = boto3.client("secretsmanager")
        seen = []

        @kv.rotation_function(LAMBDA_ARN)
        def observe(event, context):
            if event["Step"] == "createSecret":
                seen.append({
                    "now": kv.clock.now(),
                    "/early": _exists(lambda: ssm.get_parameter(Name="/early")),
                    "/late": _exists(lambda: ssm.get_parameter(Name="/late")),
                    "doomed": _exists(lambda: secrets.describe_secret(SecretId="doomed")),
                })

        _expiring(ssm, "/early", days=1)
        _expiring(ssm, "/late", days=30)
        secrets.create_secret(Name="doomed", SecretString="x")
        secrets.delete_secret(SecretId="doomed", RecoveryWindowInDays=7)
        secrets.create_secret(Name="rotating", SecretString="x")
        secrets.rotate_secret(SecretId="rotating", RotationLambdaARN=LAMBDA_ARN,
                              RotationRules={"AutomaticallyAfterDays": 10},
                              RotateImmediately=False)
        seen.clear()  # RotateImmediately=False still runs testSecret, not createSecret
        yield kv, ssm, seen


def test_nothing_happens_before_the_next_call(world):
    kv, ssm, seen = world
    kv.clock.advance(days=60)
    assert seen == []
    assert len(kv.state.scheduler) > 0


def test_a_due_rotation_sees_earlier_events_applied_and_later_ones_not(world):
    kv, ssm, seen = world
    kv.clock.advance(days=60)
    ssm.get_parameters(Names=["/any"])
    assert [{k: v for k, v in s.items() if k != "now"} for s in seen] == [
        {"/early": False, "doomed": False, "/late": True}
    ]


def test_after_the_call_every_due_event_has_applied(world):
    kv, ssm, seen = world
    kv.clock.advance(days=60)
    assert ssm.get_parameters(Names=["/early", "/late"])["InvalidParameters"] == [
        "/early", "/late"
    ]
