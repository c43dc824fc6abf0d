"""GetSecretValue: lookup by name and ARN, version and stage selection, access dates."""

import datetime as dt

import pytest

NOT_FOUND = "Secrets Manager can't find the specified secret."


@pytest.fixture
def secret(sm):
    return sm.create_secret(Name="app/db", SecretString="v1", ClientRequestToken="1" * 32)


@pytest.mark.parametrize("how", ["name", "arn", "partial-arn"])
def test_secret_is_found_by_name_full_arn_and_partial_arn(sm, secret, how):
    secret_id = {
        "name": "app/db", "arn": secret["ARN"], "partial-arn": secret["ARN"][:-7],
    }[how]
    response = sm.get_secret_value(SecretId=secret_id)
    assert (response["ARN"], response["SecretString"]) == (secret["ARN"], "v1")


def test_partial_arn_of_another_region_is_not_found(sm, secret, aws_error):
    other = secret["ARN"][:-7].replace("us-east-1", "eu-west-1")
    aws_error(lambda: sm.get_secret_value(SecretId=other), "ResourceNotFoundException", NOT_FOUND)


def test_name_ending_like_a_suffix_is_found_by_its_partial_arn(sm):
    arn = sm.create_secret(Name="db-abcdef", SecretString="v")["ARN"]
    assert sm.get_secret_value(SecretId=arn[:-7])["Name"] == "db-abcdef"


def test_unknown_secret_is_not_found_with_http_400(sm, aws_error):
    aws_error(lambda: sm.get_secret_value(SecretId="nope"), "ResourceNotFoundException", NOT_FOUND)


def test_invalid_secret_id_is_a_validation_error(sm, aws_error):
    aws_error(
        lambda: sm.get_secret_value(SecretId="bad name"),
        "ValidationException",
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
        "following: -/_+=.@!",
    )


def test_response_carries_the_version_and_its_creation_date(sm, frozen, secret):
    response = sm.get_secret_value(SecretId="app/db")
    assert response["VersionId"] == "1" * 32
    assert response["VersionStages"] == ["AWSCURRENT"]
    assert response["CreatedDate"] == frozen.clock.now()
    assert "SecretBinary" not in response


def test_previous_value_by_stage_and_by_version_id(sm, secret):
    sm.put_secret_value(SecretId="app/db", SecretString="v2")
    previous = sm.get_secret_value(SecretId="app/db", VersionStage="AWSPREVIOUS")
    assert previous["SecretString"] == "v1"
    assert sm.get_secret_value(SecretId="app/db", VersionId="1" * 32)["SecretString"] == "v1"


def test_unknown_version_id_is_not_found(sm, secret, aws_error):
    aws_error(
        lambda: sm.get_secret_value(SecretId="app/db", VersionId="9" * 32),
        "ResourceNotFoundException",
        f"Secrets Manager can't find the specified secret value for VersionId: {'9' * 32}",
    )


def test_unattached_stage_is_not_found(sm, secret, aws_error):
    aws_error(
        lambda: sm.get_secret_value(SecretId="app/db", VersionStage="AWSPENDING"),
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    )


def test_stage_not_on_the_given_version_is_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.get_secret_value(
            SecretId="app/db", VersionId="1" * 32, VersionStage="AWSPREVIOUS"),
        "InvalidRequestException",
        "You provided a VersionStage that is not associated to the provided VersionId.",
    )


def test_secret_scheduled_for_deletion_cannot_be_read(sm, secret, aws_error):
    sm.delete_secret(SecretId="app/db")
    aws_error(
        lambda: sm.get_secret_value(SecretId="app/db"),
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
    )


def test_reading_records_last_accessed_date_at_date_level(sm, frozen, secret):
    frozen.clock.freeze(dt.datetime(2030, 5, 6, 17, 45, 12, tzinfo=dt.timezone.utc))
    assert "LastAccessedDate" not in sm.describe_secret(SecretId="app/db")
    sm.get_secret_value(SecretId="app/db")
    midnight = dt.datetime(2030, 5, 6, tzinfo=dt.timezone.utc)
    assert sm.describe_secret(SecretId="app/db")["LastAccessedDate"] == midnight
    version = sm.list_secret_version_ids(SecretId="app/db")["Versions"][0]
    assert version["LastAccessedDate"] == midnight


def test_last_accessed_date_follows_the_clock_across_midnight_and_back(sm, frozen, secret):
    """The day of an access is worked out once per day and reused: a read on the next
    day, and one after the clock is set back, must still see their own day."""
    utc = dt.timezone.utc
    days = []
    for instant in (dt.datetime(2030, 5, 6, 23, 59, 59, 999000, tzinfo=utc),
                    dt.datetime(2030, 5, 7, 0, 0, tzinfo=utc),
                    dt.datetime(2030, 5, 5, 12, 0, tzinfo=utc)):
        frozen.clock.freeze(instant)
        sm.get_secret_value(SecretId="app/db")
        days.append(sm.describe_secret(SecretId="app/db")["LastAccessedDate"])
    assert days == [dt.datetime(2030, 5, d, tzinfo=utc) for d in (6, 7, 5)]
