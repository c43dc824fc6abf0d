"""AWS's public parameters under /aws/service/global-infrastructure/: read-only, path-searchable."""

from __future__ import annotations

import botocore.exceptions
import pytest

from tests.aws_errors import error_of

ROOT = "/aws/service/global-infrastructure"


def test_a_region_reads_as_its_code(ssm_client):
    parameter = ssm_client.get_parameter(Name=f"{ROOT}/regions/eu-west-1")["Parameter"]
    assert (parameter["Value"], parameter["Type"], parameter["Version"], parameter["DataType"]) == (
        "eu-west-1", "String", 1, "text"
    )


@pytest.mark.parametrize(
    ("suffix", "value"),
    [
        ("regions/us-east-1/longName", "US East (N. Virginia)"),
        ("regions/us-east-1/partition", "aws"),
        ("regions/us-east-1/domain", "amazonaws.com"),
        ("regions/us-west-1/services/ssm", "ssm"),
        ("regions/us-west-1/services/ssm/endpoint", "ssm.us-west-1.amazonaws.com"),
        ("regions/us-west-1/services/ssm/protocols", "HTTPS"),
        ("services/ssm", "ssm"),
        ("services/ssm/regions/eu-west-1", "eu-west-1"),
    ],
)
def test_region_and_service_facts_are_readable(ssm_client, suffix, value):
    assert ssm_client.get_parameter(Name=f"{ROOT}/{suffix}")["Parameter"]["Value"] == value


@pytest.mark.kayvee(region="us-west-2")
def test_the_arn_has_the_caller_s_region_and_no_account(ssm_client):
    parameter = ssm_client.get_parameter(Name=f"{ROOT}/regions/us-east-1")["Parameter"]
    assert parameter["ARN"] == f"arn:aws:ssm:us-west-2::parameter{ROOT}/regions/us-east-1"


def test_get_parameters_reads_public_and_own_parameters_together(ssm_client, put):
    put("/mine", "1")
    requested = [f"{ROOT}/regions/us-east-1", "/mine", f"{ROOT}/regions/nowhere-1"]
    response = ssm_client.get_parameters(Names=requested)
    assert [p["Name"] for p in response["Parameters"]] == [f"{ROOT}/regions/us-east-1", "/mine"]
    assert response["InvalidParameters"] == [f"{ROOT}/regions/nowhere-1"]


def test_a_version_selector_works_on_public_parameters(ssm_client):
    parameter = ssm_client.get_parameter(Name=f"{ROOT}/regions/us-east-1:1")["Parameter"]
    assert parameter["Selector"] == ":1" and parameter["Value"] == "us-east-1"


def test_a_missing_public_parameter_is_parameter_not_found(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameter(Name=f"{ROOT}/regions/nowhere-1")
    assert error_of(excinfo) == ("ParameterNotFound", "", 400)


def test_the_regions_path_lists_one_parameter_per_region(ssm_client):
    pages = ssm_client.get_paginator("get_parameters_by_path").paginate(Path=f"{ROOT}/regions")
    listed = {p["Name"]: p["Value"] for page in pages for p in page["Parameters"]}
    assert listed[f"{ROOT}/regions/us-east-1"] == "us-east-1"
    assert all(name == f"{ROOT}/regions/{value}" for name, value in listed.items())
    assert len(listed) > 20


def test_a_region_path_lists_its_facts_one_level_deep(ssm_client):
    response = ssm_client.get_parameters_by_path(Path=f"{ROOT}/regions/us-east-1")
    facts = [p["Name"].rsplit("/", 1)[1] for p in response["Parameters"]]
    assert facts == ["domain", "longName", "partition"]


def test_a_recursive_search_reaches_service_endpoints(ssm_client):
    pages = ssm_client.get_paginator("get_parameters_by_path").paginate(
        Path=f"{ROOT}/regions/eu-west-1/services/ssm", Recursive=True
    )
    listed = {p["Name"].rsplit("/", 1)[1]: p["Value"] for page in pages for p in page["Parameters"]}
    assert listed == {"endpoint": "ssm.eu-west-1.amazonaws.com", "protocols": "HTTPS"}


def test_path_results_carry_the_public_arn(ssm_client, kayvee):
    item = ssm_client.get_parameters_by_path(Path=f"{ROOT}/services/ssm")["Parameters"][0]
    assert item["ARN"].startswith(f"arn:aws:ssm:{kayvee.region}::parameter{ROOT}/services/ssm/")


@pytest.mark.kayvee(region="cn-north-1")
def test_a_caller_in_china_sees_the_china_partition(ssm_client):
    response = ssm_client.get_parameters_by_path(Path=f"{ROOT}/regions")
    assert {p["Value"] for p in response["Parameters"]} == {"cn-north-1", "cn-northwest-1"}
    parameter = ssm_client.get_parameter(Name=f"{ROOT}/regions/cn-north-1/domain")["Parameter"]
    assert parameter["Value"] == "amazonaws.com.cn"
    assert parameter["ARN"].startswith("arn:aws-cn:ssm:cn-north-1::")


def test_public_parameters_cannot_be_written(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.put_parameter(
            Name=f"{ROOT}/regions/us-east-1", Value="x", Type="String", Overwrite=True
        )
    code, _, status = error_of(excinfo)
    assert (code, status) == ("AccessDeniedException", 400)


def test_the_data_is_loaded_only_when_a_public_name_is_touched():
    import subprocess
    import sys

    script = (
        "import boto3, kv_mock\n"
        "from kv_mock.services.ssm import public\n"
        "with kv_mock.mock_kayvee():\n"
        "    c = boto3.client('ssm', region_name='us-east-1')\n"
        "    c.put_parameter(Name='/a/b', Value='v', Type='String')\n"
        "    c.get_parameters_by_path(Path='/a')\n"
        "    before = public._data.cache_info().currsize\n"
        f"    c.get_parameter(Name='{ROOT}/regions/us-east-1')\n"
        "    print(before, public._data.cache_info().currsize)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["0", "1"]
