"""PutSecretValue and UpdateSecret: new versions, staging-label rules, tokens, retention."""

import datetime as dt

import pytest

T1, T2, T3 = "1" * 32, "2" * 32, "3" * 32


@pytest.fixture
def secret(sm):
    return sm.create_secret(Name="s", SecretString="v1", ClientRequestToken=T1)


def test_put_moves_current_and_previous(sm, secret, stages):
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT"]}
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3)
    assert stages("s") == {T2: ["AWSPREVIOUS"], T3: ["AWSCURRENT"]}


def test_put_response_lists_the_new_versions_stages(sm, secret):
    response = sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    assert {k: response[k] for k in ("ARN", "Name", "VersionId", "VersionStages")} == {
        "ARN": secret["ARN"], "Name": "s", "VersionId": T2, "VersionStages": ["AWSCURRENT"]}


def test_explicit_stages_leave_current_alone_and_move_each_label(sm, secret, stages):
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2,
                        VersionStages=["one", "two", "three"])
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3,
                        VersionStages=["one", "two", "four"])
    assert stages("s") == {T1: ["AWSCURRENT"], T2: ["three"], T3: ["four", "one", "two"]}
    assert sm.get_secret_value(SecretId="s")["SecretString"] == "v1"


def test_explicit_awscurrent_makes_the_old_current_previous(sm, secret, stages):
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2,
                        VersionStages=["AWSCURRENT", "PUT0"])
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT", "PUT0"]}


def test_put_moving_current_off_a_pending_version_leaves_it_only_previous(sm, secret, stages):
    # Recorded AWS (localstack's validated test_update_secret_version_stages_current_pending):
    # the version that was [AWSCURRENT, AWSPENDING] ends as [AWSPREVIOUS].
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2,
                        VersionStages=["AWSPENDING"])
    sm.update_secret_version_stage(SecretId="s", VersionStage="AWSCURRENT",
                                   MoveToVersionId=T2, RemoveFromVersionId=T1)
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT", "AWSPENDING"]}
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3)
    assert stages("s") == {T2: ["AWSPREVIOUS"], T3: ["AWSCURRENT"]}


def test_first_value_of_an_empty_secret_becomes_current(sm, stages):
    sm.create_secret(Name="e")
    sm.put_secret_value(SecretId="e", SecretString="v", ClientRequestToken=T1,
                        VersionStages=["custom"])
    assert stages("e") == {T1: ["AWSCURRENT", "custom"]}


def test_same_token_and_value_is_a_no_op(sm, secret, stages):
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    again = sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    assert again["VersionId"] == T2
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT"]}


@pytest.mark.parametrize("operation", ["put_secret_value", "update_secret"])
def test_same_token_with_another_value_is_refused(sm, secret, aws_error, operation):
    aws_error(
        lambda: getattr(sm, operation)(SecretId="s", SecretString="other", ClientRequestToken=T1),
        "ResourceExistsException",
        f"You can't use ClientRequestToken {T1} because that value is already in use for a "
        f"version of secret {secret['ARN']}.",
    )


def test_put_without_a_value_is_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.put_secret_value(SecretId="s"),
        "InvalidRequestException",
        "You must provide either SecretString or SecretBinary.",
    )


@pytest.mark.parametrize("operation", ["put_secret_value", "update_secret"])
def test_write_to_a_secret_scheduled_for_deletion_is_refused(sm, secret, aws_error, operation):
    sm.delete_secret(SecretId="s")
    aws_error(
        lambda: getattr(sm, operation)(SecretId="s", SecretString="v2"),
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
    )


def test_more_than_20_labels_on_a_version_is_refused(sm, aws_error):
    sm.create_secret(Name="e")
    labels = [f"label{i}" for i in range(20)]
    aws_error(
        lambda: sm.put_secret_value(SecretId="e", SecretString="v", VersionStages=labels),
        "LimitExceededException",
    )
    assert sm.list_secret_version_ids(SecretId="e", IncludeDeprecated=True)["Versions"] == []


def test_deprecated_versions_are_hidden_unless_asked_for(sm, secret):
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3)
    listed = sm.list_secret_version_ids(SecretId="s")["Versions"]
    assert [v["VersionId"] for v in listed] == [T2, T3]
    everything = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True)["Versions"]
    assert [v["VersionId"] for v in everything] == [T1, T2, T3]
    assert "VersionStages" not in everything[0]


def _put_many(sm, count, prefix):
    for i in range(count):
        sm.put_secret_value(SecretId="s", SecretString=f"{prefix}{i}",
                            ClientRequestToken=f"{prefix}{i:031d}")


def test_versions_of_the_last_24_hours_are_all_kept(sm, secret):
    _put_many(sm, 120, "a")
    versions = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True)["Versions"]
    assert len(versions) == 100
    more = sm.list_secret_version_ids(
        SecretId="s", IncludeDeprecated=True, NextToken=sm.list_secret_version_ids(
            SecretId="s", IncludeDeprecated=True)["NextToken"])["Versions"]
    assert len(versions) + len(more) == 121


def test_older_deprecated_versions_beyond_100_are_dropped(sm, kayvee, secret):
    _put_many(sm, 120, "a")
    kayvee.advance(dt.timedelta(hours=25))
    sm.put_secret_value(SecretId="s", SecretString="new", ClientRequestToken=T3)
    first = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True)
    assert len(first["Versions"]) == 100 and "NextToken" not in first
    ids = [v["VersionId"] for v in first["Versions"]]
    assert T1 not in ids and ids[-1] == T3 and f"a{119:031d}" in ids


def test_update_with_description_only_makes_no_version(sm, secret, stages):
    response = sm.update_secret(SecretId="s", Description="about")
    assert "VersionId" not in response
    assert sm.describe_secret(SecretId="s")["Description"] == "about"
    assert stages("s") == {T1: ["AWSCURRENT"]}


def test_update_with_a_value_makes_a_new_current_version(sm, secret, stages):
    response = sm.update_secret(SecretId="s", SecretString="v2", ClientRequestToken=T2)
    assert response["VersionId"] == T2
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT"]}


def test_update_with_unknown_kms_key_fails_and_changes_nothing(sm, secret, aws_error):
    aws_error(lambda: sm.update_secret(SecretId="s", KmsKeyId="alias/nope"), "EncryptionFailure")
    assert "KmsKeyId" not in sm.describe_secret(SecretId="s")


def test_update_kms_key_applies_to_new_versions(sm, kayvee, secret):
    kayvee.backend().kms.create_key(alias="alias/new")
    sm.update_secret(SecretId="s", KmsKeyId="alias/new", SecretString="v2",
                     ClientRequestToken=T2)
    versions = sm.list_secret_version_ids(SecretId="s")["Versions"]
    assert [v["KmsKeyIds"] for v in versions] == [["DefaultEncryptionKey"], ["alias/new"]]
    assert sm.describe_secret(SecretId="s")["KmsKeyId"] == "alias/new"
