"""RotateSecret / CancelRotateSecret driving Python rotation functions through AWS's four steps."""

import datetime as dt
import json
import logging

import pytest

import kv_mock.rotators
from kv_mock import KvMockError, mock_kayvee

from tests.aws_errors import error_of

from .helpers import LAMBDA_ARN, START

RULES = {"AutomaticallyAfterDays": 30}


def rotate(client, **extra):
    return client.rotate_secret(SecretId="db", RotationLambdaARN=LAMBDA_ARN, **extra)


def stages_by_version(client):
    return client.describe_secret(SecretId="db")["VersionIdsToStages"]


# -- the four steps ----------------------------------------------------------------------
def test_rotation_invokes_the_four_steps_in_order_with_the_lambda_event(
    secretsmanager_client, secret, recorder
):
    version_id = rotate(secretsmanager_client)["VersionId"]

    assert [event["Step"] for event in recorder] == [
        "createSecret", "setSecret", "testSecret", "finishSecret",
    ]
    for event in recorder:
        assert event["SecretId"] == secret
        assert event["ClientRequestToken"] == version_id
        assert event["FunctionName"] == "rotate-db"
        assert set(event) == {
            "Step", "SecretId", "ClientRequestToken", "RotationToken", "FunctionName",
        }


def test_rotation_makes_the_new_value_current_and_the_old_one_previous(
    secretsmanager_client, secret, recorder
):
    old = secretsmanager_client.get_secret_value(SecretId="db")["VersionId"]

    new = rotate(secretsmanager_client)["VersionId"]

    assert stages_by_version(secretsmanager_client) == {
        old: ["AWSPREVIOUS"], new: ["AWSCURRENT", "AWSPENDING"],
    }
    current = secretsmanager_client.get_secret_value(SecretId="db")
    assert current["VersionId"] == new
    assert len(current["SecretString"]) == 32


def test_rotation_response_names_the_secret_and_the_new_version(
    secretsmanager_client, secret, recorder
):
    response = rotate(secretsmanager_client, ClientRequestToken="t" * 32)

    assert (response["ARN"], response["Name"], response["VersionId"]) == (secret, "db", "t" * 32)


def test_pending_version_exists_without_a_value_when_create_secret_runs(
    kayvee, secretsmanager_client, secret
):
    seen = {}

    def rotate_fn(event, context):
        if event["Step"] == "createSecret":
            described = secretsmanager_client.describe_secret(SecretId=event["SecretId"])
            seen["enabled"] = described["RotationEnabled"]
            seen["stages"] = described["VersionIdsToStages"][event["ClientRequestToken"]]
            with pytest.raises(secretsmanager_client.exceptions.ResourceNotFoundException) as err:
                secretsmanager_client.get_secret_value(
                    SecretId=event["SecretId"], VersionStage="AWSPENDING"
                )
            seen["error"] = error_of(err)

    kayvee.rotation_function(LAMBDA_ARN, rotate_fn)
    rotate(secretsmanager_client)

    assert seen == {
        "enabled": True,
        "stages": ["AWSPENDING"],
        "error": (
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
            400,
        ),
    }


def test_rotation_function_can_be_registered_with_a_decorator(
    kayvee, secretsmanager_client, secret
):
    steps = []

    @kayvee.rotation_function(LAMBDA_ARN)
    def rotate_fn(event, context):
        steps.append(event["Step"])

    rotate(secretsmanager_client)

    assert callable(rotate_fn)
    assert steps == ["createSecret", "setSecret", "testSecret", "finishSecret"]


def test_context_is_lambda_like(kayvee, secretsmanager_client, secret):
    contexts = []
    kayvee.rotation_function(LAMBDA_ARN, lambda event, context: contexts.append(context))

    rotate(secretsmanager_client)

    context = contexts[0]
    assert context.invoked_function_arn == LAMBDA_ARN
    assert context.get_remaining_time_in_millis() == 900_000
    assert len({c.aws_request_id for c in contexts}) == 4


# -- what DescribeSecret shows -----------------------------------------------------------
def test_describe_shows_the_rotation_after_it_succeeds(secretsmanager_client, secret, recorder):
    rotate(secretsmanager_client, RotationRules=RULES)

    described = secretsmanager_client.describe_secret(SecretId="db")
    assert described["RotationEnabled"] is True
    assert described["RotationLambdaARN"] == LAMBDA_ARN
    assert described["RotationRules"] == RULES
    assert described["LastRotatedDate"] == START
    assert described["NextRotationDate"] == dt.datetime(
        2026, 4, 1, 23, 59, 59, tzinfo=dt.timezone.utc
    )


def test_describe_has_no_rotation_members_before_rotation_is_configured(
    secretsmanager_client, secret
):
    described = secretsmanager_client.describe_secret(SecretId="db")

    assert not {
        "RotationEnabled", "RotationLambdaARN", "RotationRules", "LastRotatedDate",
        "NextRotationDate",
    } & set(described)


def test_second_rotation_uses_the_stored_lambda_and_rules(secretsmanager_client, secret, recorder):
    rotate(secretsmanager_client, RotationRules=RULES)

    second = secretsmanager_client.rotate_secret(SecretId="db")

    assert secretsmanager_client.get_secret_value(SecretId="db")["VersionId"] == second["VersionId"]
    assert secretsmanager_client.describe_secret(SecretId="db")["RotationRules"] == RULES


# -- RotateImmediately=false ---------------------------------------------------------------
def test_rotate_immediately_false_tests_a_pending_version_holding_the_current_value(
    kayvee, secretsmanager_client, secret
):
    seen = []

    def rotate_fn(event, context):
        seen.append(secretsmanager_client.get_secret_value(
            SecretId=event["SecretId"], VersionId=event["ClientRequestToken"],
            VersionStage="AWSPENDING",
        )["SecretString"])

    kayvee.rotation_function(LAMBDA_ARN, rotate_fn)
    rotate(secretsmanager_client, RotationRules=RULES, RotateImmediately=False)

    assert seen == ["initial"]


def test_rotate_immediately_false_only_tests_and_leaves_the_value(
    secretsmanager_client, secret, recorder
):
    before = stages_by_version(secretsmanager_client)

    rotate(secretsmanager_client, RotationRules=RULES, RotateImmediately=False)

    assert [event["Step"] for event in recorder] == ["testSecret"]
    assert stages_by_version(secretsmanager_client) == before
    described = secretsmanager_client.describe_secret(SecretId="db")
    assert described["RotationEnabled"] is True
    assert "LastRotatedDate" not in described
    assert described["NextRotationDate"] == dt.datetime(
        2026, 4, 1, 23, 59, 59, tzinfo=dt.timezone.utc
    )


# -- errors --------------------------------------------------------------------------------
def test_no_rotation_function_arn_is_refused(secretsmanager_client, secret):
    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        secretsmanager_client.rotate_secret(SecretId="db")

    assert error_of(err) == (
        "InvalidRequestException",
        "No Lambda rotation function ARN is associated with this secret.",
        400,
    )


def test_lambda_that_cannot_be_invoked_is_access_denied_and_changes_nothing(
    secretsmanager_client, secret
):
    before = secretsmanager_client.describe_secret(SecretId="db")

    with pytest.raises(secretsmanager_client.exceptions.ClientError) as err:
        rotate(secretsmanager_client, RotationRules=RULES)

    assert error_of(err) == (
        "AccessDeniedException",
        "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function "
        "policy grants access to the principal secretsmanager.amazonaws.com.",
        400,
    )
    after = secretsmanager_client.describe_secret(SecretId="db")
    assert {k: v for k, v in after.items() if k != "ResponseMetadata"} == {
        k: v for k, v in before.items() if k != "ResponseMetadata"
    }


def test_unknown_secret_is_not_found(secretsmanager_client, clock, recorder):
    with pytest.raises(secretsmanager_client.exceptions.ResourceNotFoundException) as err:
        rotate(secretsmanager_client)

    assert error_of(err) == (
        "ResourceNotFoundException", "Secrets Manager can't find the specified secret.", 400,
    )


def test_secret_scheduled_for_deletion_is_refused(secretsmanager_client, secret, recorder):
    secretsmanager_client.delete_secret(SecretId="db")

    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        rotate(secretsmanager_client)

    assert error_of(err) == (
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
        400,
    )


def test_missing_client_request_token_is_refused(secretsmanager_client, secret, recorder):
    def drop_token(params, **kwargs):  # SDKs always add one; a raw request may not
        body = json.loads(params["body"])
        del body["ClientRequestToken"]
        params["body"] = json.dumps(body).encode()

    secretsmanager_client.meta.events.register_first(
        "before-call.secrets-manager.RotateSecret", drop_token
    )

    with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException) as err:
        rotate(secretsmanager_client)

    assert error_of(err) == (
        "InvalidParameterException",
        "You must provide a ClientRequestToken value. We recommend a UUID-type value.",
        400,
    )


# -- a rotation function that fails -----------------------------------------------------
@pytest.fixture
def failing(kayvee):
    def rotate_fn(event, context):
        if event["Step"] == "setSecret":
            raise RuntimeError("database unreachable")
        kv_mock.rotators.random_value(event, context)

    kayvee.rotation_function(LAMBDA_ARN, rotate_fn)


def test_failed_rotation_leaves_awspending_on_the_new_version(
    secretsmanager_client, secret, failing
):
    old = secretsmanager_client.get_secret_value(SecretId="db")["VersionId"]

    new = rotate(secretsmanager_client, RotationRules=RULES)["VersionId"]

    assert stages_by_version(secretsmanager_client) == {
        old: ["AWSCURRENT"], new: ["AWSPENDING"],
    }
    assert secretsmanager_client.get_secret_value(SecretId="db")["SecretString"] == "initial"
    assert "LastRotatedDate" not in secretsmanager_client.describe_secret(SecretId="db")


def test_failed_rotation_is_logged_not_raised(secretsmanager_client, secret, failing, caplog):
    with caplog.at_level(logging.ERROR, logger="kv_mock"):
        rotate(secretsmanager_client)

    [record] = caplog.records
    assert "failed at step setSecret" in record.getMessage()
    assert record.exc_info[0] is RuntimeError


def test_unfinished_rotation_blocks_the_next_one(secretsmanager_client, secret, failing):
    rotate(secretsmanager_client)

    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        rotate(secretsmanager_client)

    assert error_of(err) == (
        "InvalidRequestException",
        "A previous rotation isn't complete. That rotation will be reattempted.",
        400,
    )


def test_retry_after_failure_with_the_same_token_completes(
    kayvee, secretsmanager_client, secret, failing
):
    token = "p" * 36
    rotate(secretsmanager_client, ClientRequestToken=token)
    kayvee.rotation_function(LAMBDA_ARN, kv_mock.rotators.random_value)

    rotate(secretsmanager_client, ClientRequestToken=token)

    assert stages_by_version(secretsmanager_client)[token] == ["AWSCURRENT", "AWSPENDING"]


# -- CancelRotateSecret ------------------------------------------------------------------
def test_cancel_turns_rotation_off_and_keeps_the_configuration(
    secretsmanager_client, secret, recorder
):
    rotate(secretsmanager_client, RotationRules=RULES)

    response = secretsmanager_client.cancel_rotate_secret(SecretId="db")

    assert (response["ARN"], response["Name"]) == (secret, "db")
    assert "VersionId" not in response
    described = secretsmanager_client.describe_secret(SecretId="db")
    assert described["RotationEnabled"] is False
    assert (described["RotationLambdaARN"], described["RotationRules"]) == (LAMBDA_ARN, RULES)
    assert "NextRotationDate" not in described


def test_cancel_names_the_unfinished_version(secretsmanager_client, secret, failing):
    pending = rotate(secretsmanager_client)["VersionId"]

    response = secretsmanager_client.cancel_rotate_secret(SecretId="db")

    assert response["VersionId"] == pending
    assert stages_by_version(secretsmanager_client)[pending] == ["AWSPENDING"]


def test_cancel_of_a_deleted_secret_is_refused(secretsmanager_client, secret):
    secretsmanager_client.delete_secret(SecretId="db")

    with pytest.raises(secretsmanager_client.exceptions.InvalidRequestException) as err:
        secretsmanager_client.cancel_rotate_secret(SecretId="db")

    assert error_of(err)[0] == "InvalidRequestException"


def test_cancel_of_an_unknown_secret_is_not_found(secretsmanager_client, clock):
    with pytest.raises(secretsmanager_client.exceptions.ResourceNotFoundException):
        secretsmanager_client.cancel_rotate_secret(SecretId="nope")


# -- rotations that fall due on the mock's clock ---------------------------------------
def test_due_rotation_runs_when_the_clock_passes_next_rotation_date(
    kayvee, secretsmanager_client, secret, recorder
):
    first = rotate(secretsmanager_client, RotationRules=RULES)["VersionId"]
    recorder.clear()

    kayvee.advance(days=31)
    current = secretsmanager_client.get_secret_value(SecretId="db")

    assert current["VersionId"] != first
    assert [event["Step"] for event in recorder] == [
        "createSecret", "setSecret", "testSecret", "finishSecret",
    ]
    described = secretsmanager_client.describe_secret(SecretId="db")
    assert described["LastRotatedDate"] == START + dt.timedelta(days=31)
    assert described["NextRotationDate"] == dt.datetime(
        2026, 5, 2, 23, 59, 59, tzinfo=dt.timezone.utc
    )


def test_rotation_is_not_due_before_next_rotation_date(
    kayvee, secretsmanager_client, secret, recorder
):
    rotate(secretsmanager_client, RotationRules=RULES)
    recorder.clear()

    kayvee.clock.freeze(dt.datetime(2026, 4, 1, 23, 59, 58, tzinfo=dt.timezone.utc))
    secretsmanager_client.get_secret_value(SecretId="db")

    assert recorder == []


def test_cancelled_rotation_does_not_fall_due(kayvee, secretsmanager_client, secret, recorder):
    rotate(secretsmanager_client, RotationRules=RULES)
    secretsmanager_client.cancel_rotate_secret(SecretId="db")
    recorder.clear()

    kayvee.advance(days=60)
    secretsmanager_client.get_secret_value(SecretId="db")

    assert recorder == []


def test_due_rotation_reattempts_an_unfinished_one_with_its_token(
    kayvee, secretsmanager_client, secret, recorder
):
    rotate(secretsmanager_client, RotationRules=RULES)
    unfinished = "u" * 36
    secretsmanager_client.put_secret_value(
        SecretId="db", ClientRequestToken=unfinished, SecretString="staged",
        VersionStages=["AWSPENDING"],
    )
    recorder.clear()

    kayvee.advance(days=31)
    current = secretsmanager_client.get_secret_value(SecretId="db")

    assert {event["ClientRequestToken"] for event in recorder} == {unfinished}
    assert (current["VersionId"], current["SecretString"]) == (unfinished, "staged")


def test_rotate_immediately_false_schedules_the_first_rotation(
    kayvee, secretsmanager_client, secret, recorder
):
    rotate(secretsmanager_client, RotationRules=RULES, RotateImmediately=False)
    recorder.clear()

    kayvee.advance(days=31)
    secretsmanager_client.get_secret_value(SecretId="db")

    assert [event["Step"] for event in recorder][-1] == "finishSecret"


def test_due_rotation_survives_rederiving_the_events(
    kayvee, secretsmanager_client, secret, recorder
):
    from kv_mock.events import reschedule_all

    rotate(secretsmanager_client, RotationRules=RULES)
    recorder.clear()
    reschedule_all(kayvee.state)  # what a restore or a reload does

    kayvee.advance(days=31)
    secretsmanager_client.get_secret_value(SecretId="db")

    assert [event["Step"] for event in recorder][-1] == "finishSecret"


def test_rotation_configuration_survives_snapshot_and_restore(
    kayvee, secretsmanager_client, secret, recorder
):
    rotate(secretsmanager_client, RotationRules=RULES)
    described = secretsmanager_client.describe_secret(SecretId="db")
    document = kayvee.snapshot()
    secretsmanager_client.cancel_rotate_secret(SecretId="db")
    recorder.clear()

    kayvee.restore(document)
    kayvee.advance(days=31)

    assert secretsmanager_client.describe_secret(SecretId="db")["RotationRules"] == (
        described["RotationRules"]
    )
    assert [event["Step"] for event in recorder][-1] == "finishSecret"


@pytest.mark.parametrize(
    ("lambda_arn", "function", "message"),
    [
        ("", lambda event, context: None, "the rotation function's Lambda ARN must be a string"),
        (None, lambda event, context: None, "the rotation function's Lambda ARN must be a string"),
        (LAMBDA_ARN, "not callable", "a rotation function must be callable"),
    ],
)
def test_registering_a_bad_rotation_function_is_a_usage_error(
    kayvee, lambda_arn, function, message
):
    with pytest.raises(KvMockError, match=message):
        kayvee.rotation_function(lambda_arn, function)


def test_rotation_function_needs_a_started_mock():
    with pytest.raises(KvMockError, match="has not been started"):
        mock_kayvee().rotation_function(LAMBDA_ARN, kv_mock.rotators.random_value)


def test_random_value_rotator_gives_a_secret_without_a_value_its_first(
    kayvee, secretsmanager_client, clock
):
    secretsmanager_client.create_secret(Name="db")
    kayvee.rotation_function(LAMBDA_ARN, kv_mock.rotators.random_value)

    version = rotate(secretsmanager_client)["VersionId"]

    current = secretsmanager_client.get_secret_value(SecretId="db")
    assert (current["VersionId"], len(current["SecretString"])) == (version, 32)


def test_random_value_rotator_keeps_the_other_keys_of_a_json_secret(
    kayvee, secretsmanager_client, clock
):
    secretsmanager_client.create_secret(
        Name="db", SecretString=json.dumps({"username": "app", "password": "old"})
    )
    kayvee.rotation_function(LAMBDA_ARN, kv_mock.rotators.random_value)

    rotate(secretsmanager_client)

    value = json.loads(secretsmanager_client.get_secret_value(SecretId="db")["SecretString"])
    assert value["username"] == "app" and len(value["password"]) == 32
