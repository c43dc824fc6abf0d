"""kv.dump(): what the store holds, as plain data, plaintexts masked unless asked."""

import datetime as dt

import boto3
import pytest

from kv_mock import mock_kayvee
from kv_mock.inspection import MASK

AT = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def kv():
    with mock_kayvee() as mock:
        mock.clock.freeze(AT)
        ssm = boto3.client("ssm")
        ssm.put_parameter(Name="/app/host", Value="db.internal", Type="String")
        ssm.put_parameter(Name="/app/host", Value="db2.internal", Overwrite=True)
        ssm.put_parameter(Name="/app/password", Value="hunter2", Type="SecureString")
        secrets = boto3.client("secretsmanager")
        secrets.create_secret(Name="app/db", SecretString="s3cr3t", ClientRequestToken="a" * 32)
        secrets.put_secret_value(SecretId="app/db", SecretString="n3w", ClientRequestToken="b" * 32)
        secrets.create_secret(Name="app/key", SecretBinary=b"\x00\x01")
        boto3.client("ssm", region_name="eu-west-1").put_parameter(
            Name="/eu", Value="1", Type="String"
        )
        yield mock


def _store(kv, region="us-east-1", **options):
    return kv.dump(**options)["123456789012"][region]


def test_dump_is_keyed_by_account_then_region(kv):
    assert {account: sorted(regions) for account, regions in kv.dump().items()} == {
        "123456789012": ["eu-west-1", "us-east-1"]
    }


def test_dump_lists_every_parameter_version(kv):
    host = _store(kv)["parameters"]["/app/host"]
    assert {n: v["value"] for n, v in host["versions"].items()} == {
        1: "db.internal", 2: "db2.internal"
    }
    assert host["versions"][2]["last_modified_date"] == AT


def test_dump_masks_securestring_values(kv):
    password = _store(kv)["parameters"]["/app/password"]["versions"][1]
    assert (password["type"], password["value"]) == ("SecureString", MASK)


def test_dump_reveals_securestring_values_when_asked(kv):
    password = _store(kv, reveal=True)["parameters"]["/app/password"]["versions"][1]
    assert password["value"] == "hunter2"


def test_dump_lists_secret_versions_with_their_stages(kv):
    versions = _store(kv)["secrets"]["app/db"]["versions"]
    assert {vid: v["stages"] for vid, v in versions.items()} == {
        "a" * 32: ["AWSPREVIOUS"], "b" * 32: ["AWSCURRENT"]
    }


def test_dump_masks_secret_values(kv):
    store = _store(kv)["secrets"]
    assert {v["secret_string"] for v in store["app/db"]["versions"].values()} == {MASK}
    assert [v["secret_binary"] for v in store["app/key"]["versions"].values()] == [MASK]


def test_dump_reveals_secret_values_when_asked(kv):
    store = _store(kv, reveal=True)["secrets"]
    assert store["app/db"]["versions"]["b" * 32]["secret_string"] == "n3w"
    assert [v["secret_binary"] for v in store["app/key"]["versions"].values()] == [b"\x00\x01"]


def test_dump_is_a_copy_that_does_not_change_the_store(kv):
    _store(kv)["parameters"]["/app/host"]["versions"][1]["value"] = "changed"
    assert _store(kv)["parameters"]["/app/host"]["versions"][1]["value"] == "db.internal"


def test_dump_leaves_out_regions_that_hold_nothing():
    with mock_kayvee() as kv:
        with pytest.raises(boto3.client("ssm").exceptions.ParameterNotFound):
            boto3.client("ssm", region_name="ap-south-1").get_parameter(Name="/missing")
        assert kv.dump() == {}
