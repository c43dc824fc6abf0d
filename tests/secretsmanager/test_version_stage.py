"""UpdateSecretVersionStage: moving and removing labels, and its errors."""

import pytest

T1, T2, T3 = "1" * 32, "2" * 32, "3" * 32


@pytest.fixture
def secret(sm):
    sm.create_secret(Name="s", SecretString="v1", ClientRequestToken=T1)
    sm.put_secret_value(SecretId="s", SecretString="v2", ClientRequestToken=T2,
                        VersionStages=["AWSPENDING"])
    return "s"


def test_moving_current_makes_the_old_holder_previous_and_keeps_other_labels(
        sm, secret, stages):
    response = sm.update_secret_version_stage(
        SecretId="s", VersionStage="AWSCURRENT", MoveToVersionId=T2, RemoveFromVersionId=T1)
    assert set(response) >= {"ARN", "Name"}
    assert stages("s") == {T1: ["AWSPREVIOUS"], T2: ["AWSCURRENT", "AWSPENDING"]}
    assert sm.get_secret_value(SecretId="s")["SecretString"] == "v2"


def test_previous_follows_current_and_leaves_its_old_holder(sm, secret, stages):
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3,
                        VersionStages=["X"])
    sm.update_secret_version_stage(
        SecretId="s", VersionStage="AWSCURRENT", MoveToVersionId=T2, RemoveFromVersionId=T1)
    sm.update_secret_version_stage(
        SecretId="s", VersionStage="AWSCURRENT", MoveToVersionId=T3, RemoveFromVersionId=T2)
    assert stages("s") == {T2: ["AWSPENDING", "AWSPREVIOUS"], T3: ["AWSCURRENT", "X"]}


def test_moving_a_held_label_without_remove_from_is_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="AWSCURRENT", MoveToVersionId=T2),
        "InvalidParameterException",
        "The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is "
        f"currently attached to version {T1}, so you must explicitly reference that version "
        "in RemoveFromVersionId.",
    )


def test_remove_from_a_version_without_the_label_is_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="AWSCURRENT", MoveToVersionId=T2, RemoveFromVersionId=T2),
        "InvalidParameterException",
        "When you move staging label AWSCURRENT, if you specify RemoveFromVersionId, it must "
        "be set to the version that currently has the staging label AWSCURRENT.",
    )


def test_current_cannot_be_removed_outright(sm, secret, aws_error, stages):
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="AWSCURRENT", RemoveFromVersionId=T1),
        "InvalidParameterException",
        "You can only move staging label AWSCURRENT to a different secret version. It can't be "
        "completely removed.",
    )
    assert stages("s")[T1] == ["AWSCURRENT"]


def test_removing_the_last_label_deprecates_the_version(sm, secret, stages):
    sm.update_secret_version_stage(SecretId="s", VersionStage="AWSPENDING",
                                   RemoveFromVersionId=T2)
    assert stages("s") == {T1: ["AWSCURRENT"]}
    versions = sm.list_secret_version_ids(SecretId="s", IncludeDeprecated=True)["Versions"]
    assert [v.get("VersionStages") for v in versions] == [["AWSCURRENT"], None]


def test_a_free_label_is_attached_without_remove_from(sm, secret, stages):
    sm.update_secret_version_stage(SecretId="s", VersionStage="blue", MoveToVersionId=T1)
    assert stages("s")[T1] == ["AWSCURRENT", "blue"]


def test_current_can_be_attached_when_no_version_holds_it(sm, kayvee, stages):
    """As after a rotation of a value-less secret: a pending version, nothing current."""
    sm.create_secret(Name="e")
    sm.put_secret_value(SecretId="e", SecretString="v", ClientRequestToken=T1,
                        VersionStages=["AWSPENDING"])
    kayvee.backend().secrets.by_name("e").move_stage("AWSCURRENT", None)
    sm.update_secret_version_stage(SecretId="e", VersionStage="AWSCURRENT", MoveToVersionId=T1)
    assert stages("e") == {T1: ["AWSCURRENT", "AWSPENDING"]}


def test_remove_from_when_no_version_holds_the_label_is_refused(sm, secret, aws_error):
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="free", MoveToVersionId=T2, RemoveFromVersionId=T1),
        "InvalidParameterException",
        "When you move staging label free, if you specify RemoveFromVersionId, it must be set "
        "to the version that currently has the staging label free.",
    )


@pytest.mark.parametrize("member", ["MoveToVersionId", "RemoveFromVersionId"])
def test_unknown_version_is_not_found(sm, secret, aws_error, member):
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="AWSPENDING", **{member: "9" * 32}),
        "ResourceNotFoundException",
        f"Secrets Manager can't find the specified secret value for VersionId: {'9' * 32}",
    )


def test_a_21st_label_on_a_version_is_refused(sm, secret, aws_error):
    sm.put_secret_value(SecretId="s", SecretString="v3", ClientRequestToken=T3,
                        VersionStages=[f"l{i}" for i in range(20)])
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="AWSPENDING", MoveToVersionId=T3, RemoveFromVersionId=T2),
        "LimitExceededException",
    )


def test_scheduled_for_deletion_is_refused(sm, secret, aws_error):
    sm.delete_secret(SecretId="s")
    aws_error(
        lambda: sm.update_secret_version_stage(
            SecretId="s", VersionStage="blue", MoveToVersionId=T1),
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
    )
