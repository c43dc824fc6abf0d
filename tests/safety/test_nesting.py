"""Nested activation, stop(), stop_all() and re-running a notebook's start cell."""

import boto3
import pytest

import kv_mock
from kv_mock import KvMockError, mock_kayvee
from kv_mock.errors import KvMockWarning
from kv_mock import activation


def region_of_a_new_parameter():
    ssm = boto3.client("ssm")
    ssm.put_parameter(Name="/n", Value="v", Type="String", Overwrite=True)
    return ssm.get_parameter(Name="/n")["Parameter"]["ARN"].split(":")[3]


@pytest.mark.parametrize("option, outer, inner", [
    ("seed", 1, 2),
    ("preload", None, {"parameters": []}),
])
def test_an_inner_mock_that_would_change_the_state_is_an_error(option, outer, inner):
    with mock_kayvee(**{option: outer}):
        with pytest.raises(KvMockError) as error:
            with mock_kayvee(**{option: inner}):
                pass  # pragma: no cover
    assert str(error.value) == (
        f"mock_kayvee({option}={inner!r}) cannot start inside an active mock with "
        f"{option}={outer!r}: an inner mock shares the outer one's state. Give the same "
        f"{option}, leave it out, or stop the outer mock first."
    )


def test_an_inner_mock_with_the_same_options_nests():
    with mock_kayvee(seed=3) as outer:
        with mock_kayvee(seed=3) as inner:
            assert inner.state is outer.state


def test_an_inner_region_and_account_apply_while_it_is_on():
    with mock_kayvee(region="eu-west-1") as outer:
        assert region_of_a_new_parameter() == "eu-west-1"
        with mock_kayvee(region="ap-south-1", account_id="111122223333") as inner:
            assert (inner.region, inner.account_id) == ("ap-south-1", "111122223333")
            assert outer.region == "ap-south-1"  # one state: the defaults in effect now
            assert region_of_a_new_parameter() == "ap-south-1"
        assert (outer.region, outer.account_id) == ("eu-west-1", "123456789012")
        assert region_of_a_new_parameter() == "eu-west-1"
        assert inner.region == "ap-south-1"  # what it ran with


def test_an_inner_mock_without_options_keeps_the_outer_defaults():
    with mock_kayvee(region="eu-west-1"):
        with mock_kayvee() as inner:
            assert inner.region == "eu-west-1"


def test_stopping_the_outer_mock_stops_the_inner_ones_too():
    outer = mock_kayvee().start()
    inner = mock_kayvee()
    with inner:
        outer.stop()
        assert not inner.active and activation.active_state is None
    # inner's own exit did nothing; a second stop is the usual error
    with pytest.raises(KvMockError, match="not started"):
        inner.stop()


def test_stopping_an_inner_mock_keeps_the_outer_one():
    with mock_kayvee() as outer:
        inner = mock_kayvee()
        with inner:
            region_of_a_new_parameter()
        assert outer.active and len(outer.dump()["123456789012"]["us-east-1"]["parameters"]) == 1


def test_stop_all_stops_every_mock():
    first = mock_kayvee().start()
    second = mock_kayvee()
    second.__enter__()
    kv_mock.stop_all()
    assert not first.active and not second.active and activation.depth() == 0
    kv_mock.stop_all()  # nothing on: nothing to do


def test_starting_by_hand_twice_is_one_activation():
    kv = mock_kayvee()
    kv.start()
    kv.start()
    kv.stop()
    assert activation.active_state is None


def test_re_running_a_notebook_start_cell_starts_fresh():
    kv = mock_kayvee()
    kv.start()
    region_of_a_new_parameter()
    with pytest.warns(KvMockWarning, match="a mock started by hand was still on"):
        kv = mock_kayvee()  # the cell, run again
        kv.start()
    try:
        assert kv.dump() == {}  # fresh, as the cell says
        assert activation.depth() == 1
    finally:
        kv.stop()
    assert activation.active_state is None
