"""A rotation function that rotates its own secret: refused while its rotation runs (no
endless recursion); a step that lets the refusal escape fails as any failed step does."""

import boto3
import pytest
from botocore.exceptions import ClientError

import kv_mock.rotators

from tests.aws_errors import error_of

from .helpers import LAMBDA_ARN

IN_PROGRESS = (
    "InvalidRequestException",
    "A previous rotation isn't complete. That rotation will be reattempted.",
    400,
)
#: Before the guard, every step started a new rotation: stop the recursion somewhere.
RUNAWAY = 40


@pytest.fixture
def invocations(kayvee):
    return []


def _self_rotating(kayvee, invocations, *, swallow, same_token):
    def rotate(event, context):
        invocations.append(event["Step"])
        if len(invocations) > RUNAWAY:
            raise RuntimeError("runaway rotation")
        client = boto3.client("secretsmanager")
        extra = {"ClientRequestToken": event["ClientRequestToken"]} if same_token else {}
        try:
            client.rotate_secret(SecretId=event["SecretId"], **extra)
        except ClientError as error:
            invocations.append(error_of(error))
            if not swallow:
                raise
        kv_mock.rotators.random_value(event, context)

    kayvee.rotation_function(LAMBDA_ARN, rotate)


@pytest.mark.parametrize("same_token", [False, True], ids=["new-token", "event-token"])
def test_rotating_its_own_secret_is_refused_and_the_rotation_completes(
    kayvee, secretsmanager_client, secret, invocations, same_token
):
    _self_rotating(kayvee, invocations, swallow=True, same_token=same_token)
    old = secretsmanager_client.get_secret_value(SecretId="db")["VersionId"]

    new = secretsmanager_client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN)[
        "VersionId"]

    steps = ["createSecret", "setSecret", "testSecret", "finishSecret"]
    assert invocations == [item for step in steps for item in (step, IN_PROGRESS)]
    stages = secretsmanager_client.describe_secret(SecretId="db")["VersionIdsToStages"]
    assert stages == {old: ["AWSPREVIOUS"], new: ["AWSCURRENT", "AWSPENDING"]}


def test_a_step_that_lets_the_refusal_escape_fails_and_leaves_the_rotation_pending(
    kayvee, secretsmanager_client, secret, invocations
):
    _self_rotating(kayvee, invocations, swallow=False, same_token=False)
    old = secretsmanager_client.get_secret_value(SecretId="db")["VersionId"]

    new = secretsmanager_client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN)[
        "VersionId"]

    assert invocations == ["createSecret", IN_PROGRESS]
    # As a failed createSecret leaves it in AWS: the new version is AWSPENDING, empty;
    # AWSCURRENT has not moved, and the next RotateSecret says the rotation is incomplete.
    stages = secretsmanager_client.describe_secret(SecretId="db")["VersionIdsToStages"]
    assert stages == {old: ["AWSCURRENT"], new: ["AWSPENDING"]}
    assert secretsmanager_client.get_secret_value(SecretId="db")["VersionId"] == old
    with pytest.raises(ClientError) as refused:
        secretsmanager_client.rotate_secret(SecretId="db")
    assert error_of(refused) == IN_PROGRESS


def test_after_the_rotation_the_secret_can_be_rotated_again(
    kayvee, secretsmanager_client, secret, recorder
):
    secretsmanager_client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN)
    secretsmanager_client.rotate_secret(SecretId="db")
    assert len(recorder) == 8


def test_rotating_again_from_the_finished_last_step_is_refused(
    kayvee, secretsmanager_client, secret, invocations
):
    """After finishSecret moved AWSCURRENT nothing is pending, yet the rotation is still
    running: a RotateSecret from there would start the next rotation inside this one."""
    def rotate(event, context):
        invocations.append(event["Step"])
        if len(invocations) > RUNAWAY:
            raise RuntimeError("runaway rotation")
        kv_mock.rotators.random_value(event, context)
        if event["Step"] == "finishSecret":
            try:
                boto3.client("secretsmanager").rotate_secret(SecretId=event["SecretId"])
            except ClientError as error:
                invocations.append(error_of(error))

    kayvee.rotation_function(LAMBDA_ARN, rotate)
    secretsmanager_client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN)
    assert invocations == ["createSecret", "setSecret", "testSecret", "finishSecret", IN_PROGRESS]
