"""Regions: one that does not exist fails as against AWS; the default follows the session."""

import warnings

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

from kv_mock import mock_kayvee
from kv_mock.cli import main
from kv_mock.errors import KvMockWarning


def test_a_client_in_a_region_that_does_not_exist_cannot_connect(kayvee):
    ssm = boto3.client("ssm", region_name="eu-wset-1")
    with pytest.raises(EndpointConnectionError) as error:
        ssm.put_parameter(Name="/p", Value="v", Type="String")
    assert str(error.value) == (
        'Could not connect to the endpoint URL: "https://ssm.eu-wset-1.amazonaws.com/"'
    )
    assert kayvee.calls.count() == 0 and kayvee.dump() == {}


def test_secrets_manager_in_a_region_that_does_not_exist_cannot_connect(kayvee):
    secrets = boto3.client("secretsmanager", region_name="us-nowhere-9")
    with pytest.raises(EndpointConnectionError, match="secretsmanager.us-nowhere-9.amazonaws"):
        secrets.list_secrets()


@pytest.mark.parametrize("region", ["cn-north-1", "us-gov-west-1", "il-central-1"])
def test_every_partition_s_regions_exist(kayvee, region):
    boto3.client("ssm", region_name=region).put_parameter(Name="/p", Value="v", Type="String")


def test_the_default_region_follows_aws_default_region(no_aws_environment, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    with mock_kayvee() as kv:
        assert kv.region == "eu-central-1"
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/p", Value="v", Type="String")
        assert ssm.get_parameter(Name="/p")["Parameter"]["ARN"].startswith(
            "arn:aws:ssm:eu-central-1:")
    assert mock_kayvee(region="sa-east-1").region == "sa-east-1"


def test_the_default_region_follows_boto3_s_default_session(no_aws_environment):
    boto3.setup_default_session(region_name="ap-northeast-2")
    with mock_kayvee() as kv:
        assert kv.region == "ap-northeast-2"


def test_without_any_region_the_default_is_us_east_1(no_aws_environment):
    assert mock_kayvee().region == "us-east-1"


@pytest.fixture
def regional_env(no_aws_environment, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-north-1")


@pytest.mark.usefixtures("regional_env")
def test_the_fixtures_follow_the_session_region(request):
    kayvee = request.getfixturevalue("kayvee")
    ssm_client = request.getfixturevalue("ssm_client")
    assert kayvee.region == ssm_client.meta.region_name == "eu-north-1"


def test_a_reloaded_mock_reports_the_region_of_its_file(tmp_path):
    path = tmp_path / "state.db"
    with mock_kayvee(region="eu-west-3", persist=path):
        pass
    with mock_kayvee(persist=path) as kv:
        assert kv.region == "eu-west-3"


def test_exporting_a_region_with_nothing_in_it_says_so(kayvee, ssm_client, tmp_path):
    ssm_client.put_parameter(Name="/app/x", Value="1", Type="String")
    with pytest.warns(KvMockWarning) as caught:
        assert kayvee.export_env(tmp_path / ".env", parameters_path="/app",
                                 region="ap-south-1") == {}
    assert str(caught[0].message) == (
        "nothing to export: no parameters under '/app' in account 123456789012, region "
        f"ap-south-1; data is in 123456789012/{kayvee.region}"
    )


def test_an_export_that_matches_something_does_not_warn(kayvee, ssm_client, tmp_path):
    ssm_client.put_parameter(Name="/app/x", Value="1", Type="String")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert kayvee.export_env(tmp_path / ".env", parameters_path="/app") == {"APP_X": "1"}


def test_the_cli_exits_1_when_nothing_matched_and_writes_nothing(tmp_path, capsys):
    store = tmp_path / "state.db"
    with mock_kayvee(region="us-east-1", persist=store):
        boto3.client("ssm").put_parameter(Name="/app/x", Value="1", Type="String")
    out = tmp_path / ".env"
    arguments = ["export", "--store", str(store), "--path", "/app", "--region", "eu-west-1",
                 "--out", str(out)]
    assert main(arguments) == 1
    assert capsys.readouterr().err == (
        "kv-mock: nothing to export: no parameters under '/app' in account 123456789012, "
        "region eu-west-1; data is in 123456789012/us-east-1\n"
    )
    assert not out.exists()
