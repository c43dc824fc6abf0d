"""The ways to switch kv_mock on: decorator, context manager, start/stop, classes, async."""

import asyncio
import inspect
import unittest

import boto3
import pytest

from kv_mock import KvMock, KvMockError, mock_kayvee


def put_and_get(value: str = "v") -> str:
    ssm = boto3.client("ssm", region_name="us-east-1")
    ssm.put_parameter(Name="/forms/p", Value=value, Type="String", Overwrite=True)
    return ssm.get_parameter(Name="/forms/p")["Parameter"]["Value"]


def test_bare_decorator_mocks_the_call():
    @mock_kayvee
    def run():
        return put_and_get("bare")

    assert run() == "bare"


def test_decorator_with_options_uses_them():
    @mock_kayvee(region="eu-west-1", account_id="111122223333")
    def run():
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/x", Value="1", Type="String")
        return ssm.get_parameter(Name="/x")["Parameter"]["ARN"]

    assert run() == "arn:aws:ssm:eu-west-1:111122223333:parameter/x"


def test_decorator_keeps_the_signature_for_fixture_injection():
    @mock_kayvee
    def run(tmp_path, monkeypatch):
        return tmp_path

    assert list(inspect.signature(run).parameters) == ["tmp_path", "monkeypatch"]


@mock_kayvee
def test_decorated_test_receives_pytest_fixtures(tmp_path):
    assert tmp_path.exists()
    assert put_and_get("with-fixture") == "with-fixture"


def test_context_manager_yields_the_mock():
    with mock_kayvee() as kv:
        assert isinstance(kv, KvMock) and kv.active
        assert put_and_get() == "v"
    assert not kv.active


def test_start_stop_by_hand():
    kv = mock_kayvee()
    kv.start()
    try:
        assert put_and_get("notebook") == "notebook"
    finally:
        kv.stop()


def test_state_is_forgotten_when_the_outermost_mock_stops():
    with mock_kayvee():
        put_and_get()
    with mock_kayvee():
        ssm = boto3.client("ssm", region_name="us-east-1")
        with pytest.raises(ssm.exceptions.ParameterNotFound):
            ssm.get_parameter(Name="/forms/p")


def test_nested_mocks_share_the_outer_state():
    with mock_kayvee() as outer:
        with mock_kayvee(region="ap-south-1") as inner:
            put_and_get("inner")
        assert inner.state is outer.state
        ssm = boto3.client("ssm", region_name="us-east-1")
        assert ssm.get_parameter(Name="/forms/p")["Parameter"]["Value"] == "inner"


def test_stop_without_start_is_an_error():
    with pytest.raises(KvMockError, match="not started"):
        mock_kayvee().stop()


@pytest.mark.parametrize(
    "options",
    [{"account_id": "123"}, {"region": "nowhere"}, {"seed": "abc"}],
)
def test_bad_options_are_refused(options):
    with pytest.raises(KvMockError):
        mock_kayvee(**options)


def test_coroutine_function_runs_mocked():
    @mock_kayvee
    async def run():
        await asyncio.sleep(0)
        return put_and_get("async")

    assert inspect.iscoroutinefunction(run)
    assert asyncio.run(run()) == "async"


@mock_kayvee
class TestPlainClass:
    def setup_method(self, method):
        boto3.client("ssm", region_name="us-east-1").put_parameter(
            Name="/setup", Value="from-setup", Type="String"
        )

    def test_setup_state_is_visible(self):
        ssm = boto3.client("ssm", region_name="us-east-1")
        assert ssm.get_parameter(Name="/setup")["Parameter"]["Value"] == "from-setup"

    def test_each_test_starts_clean(self):
        # setup_method ran again; had the state leaked, this put would fail.
        assert put_and_get("clean") == "clean"


@mock_kayvee
class UnittestCase(unittest.TestCase):
    def setUp(self):
        self.ssm = boto3.client("ssm", region_name="us-east-1")
        self.ssm.put_parameter(Name="/unittest", Value="set-up", Type="String")

    def tearDown(self):
        # Still mocked in tearDown: this read is answered by kv_mock.
        assert self.ssm.get_parameter(Name="/unittest")["Parameter"]["Value"] == "set-up"

    def test_reads_what_setup_wrote(self):
        self.assertEqual(self.ssm.get_parameter(Name="/unittest")["Parameter"]["Value"], "set-up")


def test_unittest_case_runs_and_cleans_up():
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(UnittestCase).run(result)
    assert result.wasSuccessful(), result.errors + result.failures
    assert not mock_kayvee().active


@pytest.mark.kayvee(region="eu-central-1", account_id="999988887777")
def test_plugin_marker_sets_options(kayvee, ssm_client):
    assert ssm_client.meta.region_name == "eu-central-1"
    ssm_client.put_parameter(Name="/m", Value="1", Type="String")
    arn = ssm_client.get_parameter(Name="/m")["Parameter"]["ARN"]
    assert arn == "arn:aws:ssm:eu-central-1:999988887777:parameter/m"


def test_a_start_that_fails_leaves_no_mock_on(monkeypatch):
    from kv_mock import activation
    from kv_mock.transports import extension_requests

    def broken():
        raise RuntimeError("install failed")

    monkeypatch.setattr(extension_requests, "install", broken)
    with pytest.raises(RuntimeError):
        mock_kayvee().start()
    assert activation.active_state is None
