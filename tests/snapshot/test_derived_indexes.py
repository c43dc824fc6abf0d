"""The indexes behind stage and label lookups are derived data: never stored, always right.

A secret's versions are indexed by stage and creation order, a parameter's labels by label
(see tests/foundation/test_cost_scaling.py for why). Snapshots and the SQLite store keep
only the versions themselves; what is restored finds the same stages and labels.
"""

from __future__ import annotations

import datetime as dt
import json

import boto3

from kv_mock import mock_kayvee


def _stages(sm, secret_id: str) -> dict:
    return sm.describe_secret(SecretId=secret_id)["VersionIdsToStages"]


def test_a_restored_secret_finds_every_stage_and_moves_them_on():
    with mock_kayvee(seed=7) as kv:
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="s", SecretString="v1")
        sm.put_secret_value(SecretId="s", SecretString="v2")
        sm.put_secret_value(SecretId="s", SecretString="label", VersionStages=["MINE"])
        before = _stages(sm, "s")
        document = kv.snapshot()
        assert "version_index" not in json.dumps(document)
        sm.put_secret_value(SecretId="s", SecretString="v3")  # changes what restore undoes

        kv.restore(document)

        assert _stages(sm, "s") == before
        assert sm.get_secret_value(SecretId="s", VersionStage="MINE")["SecretString"] == "label"
        new = sm.put_secret_value(SecretId="s", SecretString="v4")["VersionId"]
        stages = _stages(sm, "s")
        assert stages[new] == ["AWSCURRENT"]
        assert sorted(map(tuple, stages.values())) == [
            ("AWSCURRENT",), ("AWSPREVIOUS",), ("MINE",)]


def test_a_reloaded_store_finds_every_stage_and_label(tmp_path):
    store = str(tmp_path / "state.db")
    with mock_kayvee(persist=store):
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        ssm = boto3.client("ssm", region_name="us-east-1")
        sm.create_secret(Name="s", SecretString="v1")
        sm.put_secret_value(SecretId="s", SecretString="v2")
        ssm.put_parameter(Name="/p", Value="a", Type="String")
        ssm.put_parameter(Name="/p", Value="b", Type="String", Overwrite=True)
        ssm.label_parameter_version(Name="/p", ParameterVersion=1, Labels=["old"])

    with mock_kayvee(persist=store):
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        ssm = boto3.client("ssm", region_name="us-east-1")
        assert sm.get_secret_value(SecretId="s", VersionStage="AWSPREVIOUS")["SecretString"] == "v1"
        assert ssm.get_parameter(Name="/p:old")["Parameter"]["Value"] == "a"
        ssm.label_parameter_version(Name="/p", ParameterVersion=2, Labels=["old"])
        assert ssm.get_parameter(Name="/p:old")["Parameter"]["Value"] == "b"
        assert ssm.get_parameter_history(Name="/p")["Parameters"][0]["Labels"] == []


def test_retention_drops_the_oldest_unlabelled_versions_first_and_keeps_labelled_ones():
    with mock_kayvee() as kv:
        kv.clock.freeze()
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="s", SecretString="first")
        kept = sm.put_secret_value(SecretId="s", SecretString="kept", VersionStages=["KEEP"])
        for i in range(110):
            sm.put_secret_value(SecretId="s", SecretString=f"old{i}")
        kv.advance(dt.timedelta(hours=25))
        for i in range(5):
            sm.put_secret_value(SecretId="s", SecretString=f"new{i}")

        listed = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True, MaxResults=100)
        ids = [version["VersionId"] for version in listed["Versions"]]
        assert "NextToken" not in listed and len(ids) == 100
        assert ids[0] == kept["VersionId"]  # labelled: kept, however old
        values = [sm.get_secret_value(SecretId="s", VersionId=i).get("SecretString")
                  for i in ids[1:]]
        assert values == [f"old{i}" for i in range(16, 110)] + [f"new{i}" for i in range(5)]


def test_version_pages_follow_versions_added_and_dropped_after_a_first_page():
    """The sorted ordinals a page starts from are made on the first page, then kept: the
    versions written and dropped after it must be paged as if it had always been there."""
    with mock_kayvee() as kv:
        kv.clock.freeze()
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="s", SecretString="v0", ClientRequestToken=f"{0:032d}")
        for i in range(1, 101):
            sm.put_secret_value(SecretId="s", SecretString=f"v{i}", ClientRequestToken=f"{i:032d}")

        def every_page() -> list[str]:
            seen, token = [], None
            while True:
                page = sm.list_secret_version_ids(
                    SecretId="s", IncludeDeprecated=True, MaxResults=7,
                    **({"NextToken": token} if token else {}))
                seen += [version["VersionId"] for version in page["Versions"]]
                token = page.get("NextToken")
                if token is None:
                    return seen

        assert every_page() == [f"{i:032d}" for i in range(101)]
        kv.advance(dt.timedelta(hours=25))
        for i in range(101, 104):  # each one past 100 drops the oldest unlabelled version
            sm.put_secret_value(SecretId="s", SecretString=f"v{i}", ClientRequestToken=f"{i:032d}")
        assert every_page() == [f"{i:032d}" for i in range(4, 104)]
