"""kv.calls: every intercepted operation — service, operation, parameters, outcome."""

import functools

import boto3
import pytest

from kv_mock import mock_kayvee


class CachedConfig:
    """A caching layer of the kind applications put in front of Parameter Store."""

    def __init__(self, ssm):
        self._ssm = ssm

    @functools.lru_cache(maxsize=None)
    def get(self, name):
        return self._ssm.get_parameter(Name=name)["Parameter"]["Value"]


def test_a_caching_layer_calling_get_parameter_once_is_observable(kayvee, ssm_client):
    ssm_client.put_parameter(Name="/app/flag", Value="on", Type="String")
    config = CachedConfig(ssm_client)
    assert [config.get("/app/flag") for _ in range(3)] == ["on"] * 3
    assert kayvee.calls.count("GetParameter") == 1
    assert kayvee.calls.count("GetParameter", Name="/app/flag") == 1


def test_each_call_records_service_operation_parameters_and_outcome(kayvee, ssm_client):
    at = kayvee.clock.freeze()
    ssm_client.put_parameter(Name="/a", Value="1", Type="String")
    [call] = kayvee.calls
    assert (call.service, call.operation, call.region, call.account_id) == (
        "ssm", "PutParameter", "us-east-1", "123456789012"
    )
    assert call.parameters == {"Name": "/a", "Value": "1", "Type": "String"}
    assert (call.outcome, call.ok) == ("ok", True)
    assert call.at == at


def test_a_failed_call_records_the_aws_error_code(kayvee, ssm_client):
    with pytest.raises(ssm_client.exceptions.ParameterNotFound):
        ssm_client.get_parameter(Name="/missing")
    assert kayvee.calls.count(outcome="ParameterNotFound") == 1
    assert not kayvee.calls[0].ok


def test_calls_filter_by_service(kayvee, ssm_client, secretsmanager_client):
    ssm_client.put_parameter(Name="/a", Value="1", Type="String")
    secretsmanager_client.create_secret(Name="s", SecretString="v")
    assert [c.operation for c in kayvee.calls.filter(service="secretsmanager")] == ["CreateSecret"]


def test_calls_list_operations_in_order(kayvee, ssm_client):
    ssm_client.put_parameter(Name="/a", Value="1", Type="String")
    ssm_client.get_parameter(Name="/a")
    assert kayvee.calls.operations() == ["PutParameter", "GetParameter"]
    assert [c.operation for c in kayvee.calls[-1:]] == ["GetParameter"]


def test_calls_clear_forgets_the_calls_so_far(kayvee, ssm_client):
    ssm_client.put_parameter(Name="/a", Value="1", Type="String")
    kayvee.calls.clear()
    assert len(kayvee.calls) == 0


def test_nested_mocks_share_one_call_log():
    with mock_kayvee() as outer:
        with mock_kayvee() as inner:
            boto3.client("ssm").put_parameter(Name="/a", Value="1", Type="String")
        assert inner.calls is outer.calls and len(outer.calls) == 1
