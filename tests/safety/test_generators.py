"""``@mock_kayvee`` on generator functions, async generators and yielding pytest fixtures.

The rule: the mock is on from the generator's first ``next()`` until it is exhausted or
closed — between ``yield``s too — so a yielding fixture keeps it on while the test runs.
"""

import asyncio

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock import activation


def put_and_get(name):
    ssm = boto3.client("ssm", region_name="us-east-1")
    ssm.put_parameter(Name=name, Value="v", Type="String")
    return ssm.get_parameter(Name=name)["Parameter"]["Value"]


def test_a_generator_runs_mocked_and_the_mock_stays_on_between_yields():
    @mock_kayvee
    def values():
        yield put_and_get("/one")
        yield activation.active_state is not None
        yield put_and_get("/two")

    generator = values()
    assert activation.active_state is None  # not started before the first next()
    assert next(generator) == "v"
    assert activation.active_state is not None  # on between yields
    assert list(generator) == [True, "v"]
    assert activation.active_state is None  # off once exhausted


def test_closing_a_generator_stops_its_mock():
    @mock_kayvee
    def endless():
        while True:
            yield 1

    generator = endless()
    next(generator)
    generator.close()
    assert activation.active_state is None


def test_send_and_return_value_pass_through():
    @mock_kayvee
    def echo():
        received = yield "ready"
        return received * 2

    generator = echo()
    assert next(generator) == "ready"
    with pytest.raises(StopIteration) as stop:
        generator.send(21)
    assert stop.value.value == 42


def test_an_async_generator_runs_mocked():
    @mock_kayvee
    async def values():
        yield put_and_get("/a")
        received = yield activation.active_state is not None
        yield received

    async def consume():
        generator = values()
        first = await generator.__anext__()
        second = await generator.__anext__()
        third = await generator.asend("sent")
        with pytest.raises(StopAsyncIteration):
            await generator.__anext__()
        return first, second, third

    assert asyncio.run(consume()) == ("v", True, "sent")
    assert activation.active_state is None


def test_an_exception_thrown_into_an_async_generator_reaches_it():
    seen = []

    @mock_kayvee
    async def values():
        try:
            yield 1
        except ValueError as error:
            seen.append(error)
            yield 2

    async def consume():
        generator = values()
        await generator.__anext__()
        assert await generator.athrow(ValueError("x")) == 2
        await generator.aclose()

    asyncio.run(consume())
    assert [str(error) for error in seen] == ["x"]
    assert activation.active_state is None


@pytest.fixture
@mock_kayvee(region="eu-west-1")
def mocked_ssm():
    client = boto3.client("ssm")
    client.put_parameter(Name="/fixture", Value="set-up", Type="String")
    yield client
    # teardown runs mocked too
    assert client.get_parameter(Name="/fixture")["Parameter"]["Value"] == "changed"


def test_a_yielding_fixture_keeps_the_mock_on_during_the_test(mocked_ssm):
    assert mocked_ssm.get_parameter(Name="/fixture")["Parameter"]["Value"] == "set-up"
    mocked_ssm.put_parameter(Name="/fixture", Value="changed", Type="String", Overwrite=True)
