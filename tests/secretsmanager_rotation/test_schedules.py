"""RotationRules: AutomaticallyAfterDays, rate()/cron() schedules, Duration, NextRotationDate."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock.services.secretsmanager.schedules import Cron

from tests.aws_errors import error_of

from .helpers import LAMBDA_ARN, START


@pytest.fixture
def configure(kayvee, secretsmanager_client, secret):
    """Set rotation rules without rotating (RotateImmediately=false runs only testSecret)."""
    kayvee.rotation_function(LAMBDA_ARN, lambda event, context: None)

    def configure_rules(rules):
        secretsmanager_client.rotate_secret(
            SecretId="db", RotationLambdaARN=LAMBDA_ARN, RotationRules=rules,
            RotateImmediately=False,
        )
        return secretsmanager_client.describe_secret(SecretId="db")

    return configure_rules


def utc(*args):
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


# START is Monday 2026-03-02 09:30 UTC.
@pytest.mark.parametrize(
    ("rules", "next_rotation"),
    [
        ({"AutomaticallyAfterDays": 1}, utc(2026, 3, 3, 23, 59, 59)),
        ({"AutomaticallyAfterDays": 1000}, utc(2028, 11, 26, 23, 59, 59)),
        ({"ScheduleExpression": "rate(10 days)"}, utc(2026, 3, 12, 23, 59, 59)),
        ({"ScheduleExpression": "rate(4 hours)"}, utc(2026, 3, 2, 13, 59, 59)),
        ({"ScheduleExpression": "rate(6 hours)", "Duration": "2h"}, utc(2026, 3, 2, 16, 59, 59)),
        ({"ScheduleExpression": "cron(0 0 ? * 2 *)"}, utc(2026, 3, 9, 23, 59, 59)),
        ({"ScheduleExpression": "cron(0 8 ? * MON-FRI *)"}, utc(2026, 3, 3, 23, 59, 59)),
        (
            {"ScheduleExpression": "cron(0 16 1,15 * ? *)", "Duration": "2h"},
            utc(2026, 3, 15, 17, 59, 59),
        ),
        ({"ScheduleExpression": "cron(0 */4 * * ? *)"}, utc(2026, 3, 2, 12, 59, 59)),
        ({"ScheduleExpression": "cron(30 10 1 JAN ? 2027)"}, utc(2027, 1, 1, 23, 59, 59)),
    ],
)
def test_next_rotation_date_is_the_end_of_the_next_window(configure, rules, next_rotation):
    described = configure(rules)

    assert described["RotationRules"] == rules
    assert described["NextRotationDate"] == next_rotation


BOTH = "You cannot specify both rotation frequency and schedule expression together."
BAD_EXPRESSION = "Invalid ScheduleExpression format."
TOO_FREQUENT = "The schedule expression must specify a rotation interval of at least four hours."
BAD_DURATION = (
    "The rotation window can't extend into the next rotation window or the next UTC day."
)


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"AutomaticallyAfterDays": 7, "ScheduleExpression": "rate(7 days)"}, BOTH),
        ({"ScheduleExpression": "rate(3 hours)"}, TOO_FREQUENT),
        ({"ScheduleExpression": "cron(0 */2 * * ? *)"}, TOO_FREQUENT),
        ({"ScheduleExpression": "cron(0,30 8 * * ? *)"}, TOO_FREQUENT),
        ({"ScheduleExpression": "cron(0 1,22 * * ? *)"}, TOO_FREQUENT),
        ({"ScheduleExpression": "rate(5 minutes)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "rate(0 days)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "rate(1001 days)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "rate(99999999999999999999 days)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "rate(99999999999999999999 hours)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "every day"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 * * *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 * * 2 *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 ? * ? *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 25 * * ? *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 ? * FUNDAY *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 L * ? *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "cron(0 8 10-5 * ? *)"}, BAD_EXPRESSION),
        ({"ScheduleExpression": "rate(1 days)", "Duration": "25h"}, BAD_DURATION),
        ({"ScheduleExpression": "rate(1 days)", "Duration": "0h"}, BAD_DURATION),
        ({"ScheduleExpression": "rate(4 hours)", "Duration": "5h"}, BAD_DURATION),
        ({"ScheduleExpression": "cron(0 22 * * ? *)", "Duration": "3h"}, BAD_DURATION),
        ({"AutomaticallyAfterDays": 7, "Duration": "30h"}, BAD_DURATION),
    ],
)
def test_invalid_rotation_rules_are_refused(
    kayvee, secretsmanager_client, secret, rules, message
):
    kayvee.rotation_function(LAMBDA_ARN, lambda event, context: None)

    with pytest.raises(secretsmanager_client.exceptions.InvalidParameterException) as err:
        secretsmanager_client.rotate_secret(
            SecretId="db", RotationLambdaARN=LAMBDA_ARN, RotationRules=rules
        )

    assert error_of(err) == ("InvalidParameterException", message, 400)
    assert "RotationEnabled" not in secretsmanager_client.describe_secret(SecretId="db")


def test_automatically_after_days_over_1000_is_a_validation_error(
    secretsmanager_client, secret
):
    with pytest.raises(secretsmanager_client.exceptions.ClientError) as err:
        secretsmanager_client.rotate_secret(
            SecretId="db", RotationLambdaARN=LAMBDA_ARN,
            RotationRules={"AutomaticallyAfterDays": 1001},
        )

    assert error_of(err) == (
        "ValidationException",
        "1 validation error detected: Value '1001' at 'rotationRules.automaticallyAfterDays' "
        "failed to satisfy constraint: Member must have value less than or equal to 1000",
        400,
    )


def test_new_rules_replace_the_old_ones(configure):
    configure({"AutomaticallyAfterDays": 7})

    described = configure({"ScheduleExpression": "rate(10 days)"})

    assert described["RotationRules"] == {"ScheduleExpression": "rate(10 days)"}


hours = st.sets(st.sampled_from([0, 4, 8, 12, 16, 20]), min_size=1)
weekdays = st.sets(st.integers(1, 7), min_size=1)


@settings(max_examples=50, deadline=None)
@given(
    minute=st.integers(0, 59),
    hour_set=hours,
    weekday_set=weekdays,
    after=st.datetimes(
        dt.datetime(2026, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.timezone.utc)
    ),
)
def test_cron_next_after_is_the_first_matching_minute(minute, hour_set, weekday_set, after):
    expression = "cron({} {} ? * {} *)".format(
        minute, ",".join(map(str, sorted(hour_set))), ",".join(map(str, sorted(weekday_set)))
    )
    cron = Cron.parse(expression)

    found = cron.next_after(after)

    def matches(instant):
        return (
            instant.minute == minute and instant.hour in hour_set
            and instant.isoweekday() % 7 + 1 in weekday_set
        )

    assert found > after and matches(found)
    hour = after.replace(minute=0, second=0, microsecond=0)
    while hour < found:  # no earlier instant matches
        candidate = hour.replace(minute=minute)
        assert not (after < candidate < found and matches(candidate))
        hour += dt.timedelta(hours=1)
