"""Time-driven events: applied lazily, on the next call after the clock passes them, in
timestamp order (ties in the order they were scheduled)."""

import datetime as dt
import threading

import pytest

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def _at(hours):
    return T0 + dt.timedelta(hours=hours)


@pytest.fixture
def kv(kayvee):
    kayvee.clock.freeze(T0)
    return kayvee


def _record(log, label, follow_up=None):
    def action():
        log.append(label)
        return follow_up
    return action


def test_events_run_in_timestamp_order_not_scheduling_order(kv, ssm_client):
    log = []
    for hours, label in [(3, "third"), (1, "first"), (2, "second")]:
        kv.state.schedule(_at(hours), _record(log, label))
    kv.advance(hours=5)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["first", "second", "third"]


def test_events_due_at_the_same_instant_run_in_scheduling_order(kv, ssm_client):
    log = []
    for label in ["a", "b", "c"]:
        kv.state.schedule(_at(1), _record(log, label))
    kv.advance(hours=1)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["a", "b", "c"]


def test_advancing_the_clock_alone_runs_nothing(kv):
    log = []
    kv.state.schedule(_at(1), _record(log, "due"))
    kv.advance(hours=2)
    assert log == [] and len(kv.state.scheduler) == 1


def test_only_events_whose_time_has_come_run(kv, ssm_client):
    log = []
    kv.state.schedule(_at(1), _record(log, "due"))
    kv.state.schedule(_at(1) + dt.timedelta(milliseconds=1), _record(log, "not yet"))
    kv.advance(hours=1)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["due"] and len(kv.state.scheduler) == 1


def test_a_failed_call_still_applies_due_events_first(kv, ssm_client):
    log = []
    kv.state.schedule(_at(1), _record(log, "due"))
    kv.advance(hours=1)
    with pytest.raises(ssm_client.exceptions.ParameterNotFound):
        ssm_client.get_parameter(Name="/missing")
    assert log == ["due"]


def test_an_event_scheduled_by_an_event_runs_in_the_same_pass_when_due(kv, ssm_client):
    log = []

    def first():
        log.append("first")
        kv.state.schedule(_at(2), _record(log, "scheduled by first"))

    kv.state.schedule(_at(1), first)
    kv.state.schedule(_at(3), _record(log, "third"))
    kv.advance(hours=4)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["first", "scheduled by first", "third"]


def test_a_follow_up_runs_without_the_lock_before_the_next_event(kv, ssm_client):
    log = []

    def follow_up():
        other_thread_got_the_lock = []

        def try_lock():
            if kv.state.lock.acquire(timeout=5):
                other_thread_got_the_lock.append(True)
                kv.state.lock.release()
        thread = threading.Thread(target=try_lock)
        thread.start()
        thread.join()
        log.append(("follow-up", bool(other_thread_got_the_lock)))

    kv.state.schedule(_at(1), _record(log, "first", follow_up))
    kv.state.schedule(_at(2), _record(log, "second"))
    kv.advance(hours=3)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["first", ("follow-up", True), "second"]


def test_calls_made_by_a_follow_up_do_not_run_later_events_early(kv, ssm_client):
    log = []

    def follow_up():
        ssm_client.get_parameters(Names=["/any"])  # re-enters the mock, as a rotation function does
        log.append("follow-up")

    kv.state.schedule(_at(1), _record(log, "first", follow_up))
    kv.state.schedule(_at(2), _record(log, "second"))
    kv.advance(hours=3)
    ssm_client.get_parameters(Names=["/any"])
    assert log == ["first", "follow-up", "second"]
