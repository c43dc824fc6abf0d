"""DeleteSecret and RestoreSecret: recovery windows, forced deletion, the purge."""

import datetime as dt

import pytest

MARKED = "You can't perform this operation on the secret because it was marked for deletion."


@pytest.fixture
def secret(sm):
    return sm.create_secret(Name="s", SecretString="v")


def test_default_recovery_window_is_30_days(sm, frozen, secret):
    response = sm.delete_secret(SecretId="s")
    assert (response["ARN"], response["Name"]) == (secret["ARN"], "s")
    assert response["DeletionDate"] == frozen.clock.now() + dt.timedelta(days=30)


@pytest.mark.parametrize("days", [7, 30])
def test_recovery_window_bounds_are_accepted(sm, frozen, secret, days):
    response = sm.delete_secret(SecretId="s", RecoveryWindowInDays=days)
    assert response["DeletionDate"] == frozen.clock.now() + dt.timedelta(days=days)


@pytest.mark.parametrize("arguments", [
    {"RecoveryWindowInDays": 6},
    {"RecoveryWindowInDays": 31},
    {"RecoveryWindowInDays": 0, "ForceDeleteWithoutRecovery": True},
])
def test_recovery_window_outside_7_to_30_is_refused(sm, secret, aws_error, arguments):
    aws_error(
        lambda: sm.delete_secret(SecretId="s", **arguments),
        "InvalidParameterException",
        "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
    )


def test_window_and_force_together_are_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.delete_secret(SecretId="s", RecoveryWindowInDays=7,
                                 ForceDeleteWithoutRecovery=True),
        "InvalidParameterException",
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    )


@pytest.mark.parametrize("call", [
    lambda sm: sm.get_secret_value(SecretId="s"),
    lambda sm: sm.put_secret_value(SecretId="s", SecretString="w"),
    lambda sm: sm.update_secret(SecretId="s", Description="d"),
    lambda sm: sm.list_secret_version_ids(SecretId="s"),
    lambda sm: sm.tag_resource(SecretId="s", Tags=[{"Key": "a", "Value": "b"}]),
    lambda sm: sm.untag_resource(SecretId="s", TagKeys=["a"]),
    lambda sm: sm.update_secret_version_stage(SecretId="s", VersionStage="X",
                                              MoveToVersionId="1" * 32),
])
def test_every_read_and_write_of_a_scheduled_secret_is_refused(sm, secret, aws_error, call):
    sm.delete_secret(SecretId="s")
    aws_error(lambda: call(sm), "InvalidRequestException", MARKED)


def test_deleting_twice_is_refused(sm, secret, aws_error):
    sm.delete_secret(SecretId="s")
    aws_error(
        lambda: sm.delete_secret(SecretId="s"),
        "InvalidRequestException",
        "You tried to perform the operation on a secret that's currently marked deleted.",
    )


def test_scheduled_secret_can_still_be_forced_away(sm, secret):
    sm.delete_secret(SecretId="s")
    sm.delete_secret(SecretId="s", ForceDeleteWithoutRecovery=True)
    assert sm.list_secrets(IncludePlannedDeletion=True)["SecretList"] == []


def test_forced_deletion_is_immediate(sm, frozen, secret, aws_error):
    response = sm.delete_secret(SecretId="s", ForceDeleteWithoutRecovery=True)
    assert response["DeletionDate"] == frozen.clock.now()
    aws_error(lambda: sm.describe_secret(SecretId="s"), "ResourceNotFoundException")


def test_forcing_a_missing_secret_does_not_raise(sm, frozen):
    response = sm.delete_secret(SecretId="never", ForceDeleteWithoutRecovery=True)
    assert response["Name"] == "never"
    assert response["ARN"].startswith("arn:aws:secretsmanager:us-east-1:123456789012:secret:never-")
    assert response["DeletionDate"] == frozen.clock.now()


def test_deleting_a_missing_secret_without_force_is_not_found(sm, aws_error):
    aws_error(lambda: sm.delete_secret(SecretId="never"), "ResourceNotFoundException",
              "Secrets Manager can't find the specified secret.")


def test_secret_is_really_gone_once_the_clock_passes_the_deletion_date(sm, kayvee, secret,
                                                                       aws_error):
    sm.delete_secret(SecretId="s", RecoveryWindowInDays=7)
    kayvee.advance(days=6, hours=23)
    assert sm.describe_secret(SecretId="s")["Name"] == "s"
    kayvee.advance(hours=2)
    aws_error(lambda: sm.describe_secret(SecretId="s"), "ResourceNotFoundException")
    recreated = sm.create_secret(Name="s", SecretString="new")
    assert recreated["ARN"] != secret["ARN"]


def test_restore_cancels_the_deletion(sm, kayvee, secret):
    sm.delete_secret(SecretId="s", RecoveryWindowInDays=7)
    response = sm.restore_secret(SecretId="s")
    assert (response["ARN"], response["Name"]) == (secret["ARN"], "s")
    assert "DeletedDate" not in sm.describe_secret(SecretId="s")
    kayvee.advance(days=8)
    assert sm.get_secret_value(SecretId="s")["SecretString"] == "v"


def test_a_purge_from_an_earlier_deletion_does_not_remove_a_later_one_early(sm, kayvee, secret):
    sm.delete_secret(SecretId="s", RecoveryWindowInDays=7)
    sm.restore_secret(SecretId="s")
    sm.delete_secret(SecretId="s", RecoveryWindowInDays=30)
    kayvee.advance(days=8)
    assert "DeletedDate" in sm.describe_secret(SecretId="s")


def test_restoring_a_secret_that_is_not_deleted_changes_nothing(sm, secret):
    assert sm.restore_secret(SecretId="s")["Name"] == "s"


def test_restoring_a_missing_secret_is_not_found(sm, aws_error):
    aws_error(lambda: sm.restore_secret(SecretId="nope"), "ResourceNotFoundException")
