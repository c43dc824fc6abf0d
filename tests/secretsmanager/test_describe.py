"""DescribeSecret and ListSecretVersionIds: fields present only when set, paging, consistency."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee


def test_fresh_secret_has_exactly_the_fields_aws_returns(sm, frozen):
    arn = sm.create_secret(Name="s", SecretString="v", ClientRequestToken="1" * 32)["ARN"]
    described = sm.describe_secret(SecretId="s")
    del described["ResponseMetadata"]
    now = frozen.clock.now()
    assert described == {
        "ARN": arn, "Name": "s", "LastChangedDate": now, "CreatedDate": now,
        "VersionIdsToStages": {"1" * 32: ["AWSCURRENT"]},
    }


def test_optional_fields_appear_once_set(sm, kayvee):
    kayvee.backend().kms.create_key(alias="alias/k")
    sm.create_secret(Name="s", Description="d", KmsKeyId="alias/k",
                     Tags=[{"Key": "a", "Value": "b"}])
    described = sm.describe_secret(SecretId="s")
    assert (described["Description"], described["KmsKeyId"], described["Tags"]) == (
        "d", "alias/k", [{"Key": "a", "Value": "b"}])
    assert "VersionIdsToStages" not in described


def test_tags_shown_empty_after_all_are_removed(sm):
    sm.create_secret(Name="s")
    assert "Tags" not in sm.describe_secret(SecretId="s")
    sm.tag_resource(SecretId="s", Tags=[{"Key": "a", "Value": "b"}])
    sm.untag_resource(SecretId="s", TagKeys=["a"])
    assert sm.describe_secret(SecretId="s")["Tags"] == []


def test_secret_scheduled_for_deletion_is_described_with_its_deleted_date(sm, frozen):
    sm.create_secret(Name="s", SecretString="v")
    deletion = sm.delete_secret(SecretId="s", RecoveryWindowInDays=7)["DeletionDate"]
    assert deletion == frozen.clock.now() + dt.timedelta(days=7)
    assert sm.describe_secret(SecretId="s")["DeletedDate"] == deletion


def test_last_changed_date_moves_with_each_change(sm, frozen):
    sm.create_secret(Name="s", SecretString="v")
    frozen.advance(60)
    sm.put_secret_value(SecretId="s", SecretString="w")
    assert sm.describe_secret(SecretId="s")["LastChangedDate"] == frozen.clock.now()


def test_unknown_secret_is_not_found(sm, aws_error):
    aws_error(lambda: sm.describe_secret(SecretId="nope"), "ResourceNotFoundException",
              "Secrets Manager can't find the specified secret.")


def test_version_listing_pages_honour_max_results(sm):
    sm.create_secret(Name="s", SecretString="v0", ClientRequestToken=f"{0:032d}")
    for i in range(1, 5):
        sm.put_secret_value(SecretId="s", SecretString=f"v{i}", ClientRequestToken=f"{i:032d}",
                            VersionStages=[f"L{i}"])
    seen, token = [], None
    while True:
        page = sm.list_secret_version_ids(
            SecretId="s", MaxResults=2, **({"NextToken": token} if token else {}))
        assert len(page["Versions"]) <= 2
        seen += [v["VersionId"] for v in page["Versions"]]
        token = page.get("NextToken")
        if token is None:
            break
    assert seen == [f"{i:032d}" for i in range(5)]


@pytest.mark.parametrize("token", ["garbage!", "eyJsIjoieCIsImMiOiJ5In0="])
def test_version_listing_with_a_bad_token_is_refused(sm, aws_error, token):
    sm.create_secret(Name="s", SecretString="v")
    aws_error(
        lambda: sm.list_secret_version_ids(SecretId="s", NextToken=token),
        "InvalidNextTokenException", "The NextToken value is invalid.",
    )


def test_version_listing_token_of_another_secret_is_refused(sm, aws_error):
    for name in ("a", "b"):
        sm.create_secret(Name=name, SecretString="v")
        sm.put_secret_value(SecretId=name, SecretString="w")
    token = sm.list_secret_version_ids(SecretId="a", MaxResults=1)["NextToken"]
    aws_error(lambda: sm.list_secret_version_ids(SecretId="b", NextToken=token),
              "InvalidNextTokenException")


_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.sampled_from([None, ["AWSCURRENT"], ["AWSPENDING"], ["X"]])),
        st.tuples(st.just("move"), st.sampled_from(["AWSCURRENT", "AWSPENDING", "X"])),
    ),
    max_size=12,
)


def _apply(sm, step, index):
    kind, arg = step
    if kind == "put":
        extra = {"VersionStages": arg} if arg else {}
        sm.put_secret_value(SecretId="s", SecretString=f"v{index}", **extra)
        return
    versions = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True)["Versions"]
    target = versions[index % len(versions)]["VersionId"]
    holder = [v["VersionId"] for v in versions if arg in v.get("VersionStages", [])]
    sm.update_secret_version_stage(
        SecretId="s", VersionStage=arg, MoveToVersionId=target,
        **({"RemoveFromVersionId": holder[0]} if holder else {}))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_STEPS)
def test_describe_stages_always_agree_with_get_secret_value(steps):
    import boto3

    with mock_kayvee():
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="s", SecretString="v")
        for index, step in enumerate(steps):
            _apply(sm, step, index)
        mapping = sm.describe_secret(SecretId="s")["VersionIdsToStages"]
        labels = [label for stages in mapping.values() for label in stages]
        assert len(labels) == len(set(labels)) and "AWSCURRENT" in labels
        for version_id, stages in mapping.items():
            for stage in stages:
                got = sm.get_secret_value(SecretId="s", VersionStage=stage)
                assert got["VersionId"] == version_id
                assert got["VersionStages"] == stages
