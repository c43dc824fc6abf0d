"""Bad input to the mock's clock is refused before anything changes; ISO strings are instants."""

import datetime as dt

import pytest

from kv_mock.clock import LATEST, ClockError

T0 = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("frozen", [True, False], ids=["frozen", "real-time"])
@pytest.mark.parametrize("step", [
    {"days": 3_000_000}, {"days": 1e20}, {"seconds": float("nan")}, {"seconds": float("inf")},
])
def test_a_step_off_the_calendar_is_refused_and_the_clock_keeps_working(
    kayvee, ssm_client, frozen, step
):
    if frozen:
        kayvee.clock.freeze(T0)
    before = kayvee.clock.now()
    with pytest.raises(ClockError):
        kayvee.advance(**step)
    after = kayvee.clock.now()
    assert before <= after < before + dt.timedelta(minutes=1)
    ssm_client.put_parameter(Name="/p", Value="v", Type="String")  # no OverflowError
    assert ssm_client.get_parameter(Name="/p")["Parameter"]["LastModifiedDate"] >= before


def test_the_clock_goes_up_to_its_last_instant_and_no_further(kayvee, ssm_client):
    kayvee.clock.freeze(LATEST - dt.timedelta(days=1))
    assert kayvee.advance(days=1) == LATEST
    with pytest.raises(ClockError, match="cannot go past"):
        kayvee.advance(seconds=1)
    ssm_client.put_parameter(Name="/p", Value="v", Type="String")
    assert ssm_client.get_parameter(Name="/p")["Parameter"]["LastModifiedDate"] == LATEST


@pytest.mark.parametrize("bad", ["3 days", True, [1], None])
def test_advance_refuses_what_is_not_an_amount_of_time(kayvee, bad):
    kayvee.clock.freeze(T0)
    with pytest.raises(ClockError):
        kayvee.advance(bad) if bad is not None else kayvee.advance(weeks="1")
    assert kayvee.clock.now() == T0


def test_an_unknown_keyword_is_refused(kayvee):
    kayvee.clock.freeze(T0)
    with pytest.raises(ClockError, match="fortnights"):
        kayvee.advance(fortnights=1)
    assert kayvee.clock.now() == T0


def test_going_backwards_is_still_refused_as_a_value_error(kayvee):
    with pytest.raises(ValueError, match="only moves forward"):
        kayvee.advance(-1)


@pytest.mark.parametrize("text, expected", [
    ("2030-01-01", T0),
    ("2030-01-01T00:00:00Z", T0),
    ("2030-01-01T00:00:00.000z", T0),
    ("2030-01-01T02:00:00+02:00", T0),
    ("2030-01-01T00:00:00", T0),  # naive: UTC, as for a naive datetime
])
def test_freeze_takes_iso_strings(kayvee, secretsmanager_client, text, expected):
    assert kayvee.clock.freeze(text) == expected
    created = secretsmanager_client.create_secret(Name="s", SecretString="v")
    assert secretsmanager_client.describe_secret(SecretId=created["ARN"])["CreatedDate"] == expected


@pytest.mark.parametrize("bad", ["garbage", "2030-13-01", 20300101, "9999-12-31", "0001-01-01T00:00:00+01:00"])
def test_freeze_refuses_what_is_not_an_instant_and_leaves_the_clock(kayvee, bad):
    kayvee.clock.freeze(T0)
    with pytest.raises(ClockError):
        kayvee.clock.freeze(bad)
    assert kayvee.clock.now() == T0
