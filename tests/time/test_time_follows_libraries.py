"""The mock's clock follows freezegun and time-machine, and stays a plain aware UTC datetime."""

import datetime as dt

import freezegun
import pytest
import time_machine

UTC = dt.timezone.utc


def _is_plain_datetime(value):
    # freezegun swaps ``datetime.datetime`` (and module-level aliases of it) for its
    # FakeDatetime subclass while active, so compare by where the class comes from.
    return type(value).__module__ == "datetime" and type(value).__name__ == "datetime"


def _written_at(ssm_client, name="/p"):
    ssm_client.put_parameter(Name=name, Value="v", Type="String")
    return ssm_client.get_parameter(Name=name)["Parameter"]["LastModifiedDate"]


def test_freezegun_freezes_the_mock_clock(kayvee, ssm_client):
    with freezegun.freeze_time("2024-02-03 04:05:06.789123"):
        assert _written_at(ssm_client) == dt.datetime(2024, 2, 3, 4, 5, 6, 789000, tzinfo=UTC)


def test_freezegun_tick_moves_the_mock_clock(kayvee):
    with freezegun.freeze_time("2024-02-03") as frozen:
        frozen.tick(dt.timedelta(days=2))
        assert kayvee.clock.now() == dt.datetime(2024, 2, 5, tzinfo=UTC)


def test_under_freezegun_the_clock_gives_a_plain_aware_utc_datetime(kayvee):
    with freezegun.freeze_time("2024-02-03"):
        now = kayvee.clock.now()
        assert _is_plain_datetime(now) and now.tzinfo is UTC
        assert now - dt.datetime(2024, 2, 1, tzinfo=UTC) == dt.timedelta(days=2)


def test_timestamps_written_under_freezegun_stay_plain_datetimes(kayvee, ssm_client):
    with freezegun.freeze_time("2024-02-03"):
        ssm_client.put_parameter(Name="/p", Value="v", Type="String")
    stored = kayvee.backend().parameters.get("/p").latest.last_modified_date
    assert _is_plain_datetime(stored)


def test_freezing_the_mock_clock_under_freezegun_keeps_a_plain_datetime(kayvee):
    with freezegun.freeze_time("2024-02-03"):
        frozen = kayvee.clock.freeze(dt.datetime.now(UTC))
    assert _is_plain_datetime(frozen) and kayvee.clock.now() == frozen


def test_time_machine_travel_moves_the_mock_clock(kayvee, ssm_client):
    with time_machine.travel(dt.datetime(2030, 6, 1, 12, tzinfo=UTC), tick=False):
        assert _written_at(ssm_client) == dt.datetime(2030, 6, 1, 12, tzinfo=UTC)


def test_time_machine_shift_moves_the_mock_clock(kayvee):
    with time_machine.travel(dt.datetime(2030, 6, 1, tzinfo=UTC), tick=False) as traveller:
        traveller.shift(dt.timedelta(hours=3))
        now = kayvee.clock.now()
        assert now == dt.datetime(2030, 6, 1, 3, tzinfo=UTC)
        assert _is_plain_datetime(now) and now.tzinfo is UTC


def test_the_mock_clock_advances_on_top_of_freezegun(kayvee):
    with freezegun.freeze_time("2024-02-03"):
        kayvee.advance(hours=1)
        assert kayvee.clock.now() == dt.datetime(2024, 2, 3, 1, tzinfo=UTC)


def test_a_frozen_mock_clock_wins_over_freezegun(kayvee):
    kayvee.clock.freeze(dt.datetime(2020, 1, 1, tzinfo=UTC))
    with freezegun.freeze_time("2024-02-03"):
        assert kayvee.clock.now() == dt.datetime(2020, 1, 1, tzinfo=UTC)


def test_real_returns_the_mock_clock_to_freezegun_time(kayvee):
    kayvee.clock.freeze(dt.datetime(2020, 1, 1, tzinfo=UTC))
    kayvee.advance(days=1)
    kayvee.clock.real()
    with freezegun.freeze_time("2024-02-03"):
        assert kayvee.clock.now() == dt.datetime(2024, 2, 3, tzinfo=UTC)


def test_due_events_follow_freezegun(kayvee, ssm_client):
    log = []
    with freezegun.freeze_time("2024-02-03") as frozen:
        kayvee.state.schedule(dt.datetime(2024, 2, 4, tzinfo=UTC), lambda: log.append("due"))
        ssm_client.get_parameters(Names=["/any"])
        assert log == []
        frozen.tick(dt.timedelta(days=1))
        ssm_client.get_parameters(Names=["/any"])
        assert log == ["due"]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (dt.datetime(2024, 1, 1, 12, 0, 0, 999999), dt.datetime(2024, 1, 1, 12, 0, 0, 999000, tzinfo=UTC)),
        (dt.datetime(2024, 1, 1, 14, tzinfo=dt.timezone(dt.timedelta(hours=2))),
         dt.datetime(2024, 1, 1, 12, tzinfo=UTC)),
    ],
    ids=["naive-is-utc-to-the-millisecond", "offset-becomes-utc"],
)
def test_freeze_normalises_to_utc_milliseconds(kayvee, at, expected):
    assert kayvee.clock.freeze(at) == expected and kayvee.clock.now().tzinfo is UTC


def test_the_response_date_header_comes_from_the_mock_clock(kayvee, ssm_client):
    kayvee.clock.freeze(dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC))
    headers = ssm_client.get_parameters(Names=["/any"])["ResponseMetadata"]["HTTPHeaders"]
    assert headers["date"] == "Sat, 03 Feb 2024 04:05:06 GMT"
