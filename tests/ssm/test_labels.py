"""LabelParameterVersion / UnlabelParameterVersion."""

import pytest

from kv_mock.services.ssm.labels import LABEL_LIMIT_MESSAGE


@pytest.fixture
def app(put):
    """``/app`` with versions 1, 2 and 3."""
    for value in ("1", "2", "3"):
        put("/app", value, Overwrite=True)


def labels_by_version(ssm_client):
    history = ssm_client.get_parameter_history(Name="/app")["Parameters"]
    return {entry["Version"]: entry["Labels"] for entry in history}


def test_labels_the_latest_version_by_default(app, ssm_client):
    response = ssm_client.label_parameter_version(Name="/app", Labels=["live"])
    assert (response["ParameterVersion"], response["InvalidLabels"]) == (3, [])
    assert labels_by_version(ssm_client)[3] == ["live"]


def test_a_label_moves_to_the_version_it_is_attached_to(app, ssm_client):
    ssm_client.label_parameter_version(Name="/app", ParameterVersion=1, Labels=["live"])
    ssm_client.label_parameter_version(Name="/app", ParameterVersion=2, Labels=["live"])
    assert labels_by_version(ssm_client) == {1: [], 2: ["live"], 3: []}


@pytest.mark.parametrize("label", ["1st", "aws-x", "SSMx", "has space", "a/b", "é"])
def test_invalid_labels_are_returned_not_raised(app, ssm_client, label):
    response = ssm_client.label_parameter_version(Name="/app", Labels=[label, "good.label-1_"])
    assert response["InvalidLabels"] == [label]
    assert labels_by_version(ssm_client)[3] == ["good.label-1_"]


def test_a_version_holds_at_most_ten_labels(app, ssm_client, aws_error):
    ssm_client.label_parameter_version(Name="/app", Labels=[f"l{i}" for i in range(10)])
    assert aws_error(ssm_client.label_parameter_version, Name="/app", Labels=["l10"]) == (
        "ParameterVersionLabelLimitExceeded", LABEL_LIMIT_MESSAGE, 400
    )


def test_relabelling_with_labels_it_already_has_is_not_over_the_limit(app, ssm_client):
    labels = [f"l{i}" for i in range(10)]
    ssm_client.label_parameter_version(Name="/app", Labels=labels)
    ssm_client.label_parameter_version(Name="/app", Labels=labels)
    assert labels_by_version(ssm_client)[3] == labels


def test_a_label_longer_than_100_characters_is_reported_once_at_the_list(
    app, ssm_client, aws_error
):
    # AWS's nested form for lists of constrained strings (issue #10): the whole list as the
    # value, at 'labels', with every constraint of the member shape.
    label = "x" * 101
    labels = ["ok", label, label + "y"]
    assert aws_error(ssm_client.label_parameter_version, Name="/app", Labels=labels) == (
        "ValidationException",
        f"1 validation error detected: Value '[ok, {label}, {label}y]' at 'labels' failed to "
        "satisfy constraint: Member must satisfy constraint: [Member must have length less "
        "than or equal to 100, Member must have length greater than or equal to 1]",
        400,
    )


@pytest.mark.parametrize("operation", ["label_parameter_version", "unlabel_parameter_version"])
def test_missing_parameter(ssm_client, aws_error, operation):
    call = getattr(ssm_client, operation)
    assert aws_error(call, Name="/nope", ParameterVersion=1, Labels=["a"]) == (
        "ParameterNotFound", "", 400
    )


@pytest.mark.parametrize("operation", ["label_parameter_version", "unlabel_parameter_version"])
def test_missing_version(app, ssm_client, aws_error, operation):
    call = getattr(ssm_client, operation)
    assert aws_error(call, Name="/app", ParameterVersion=9, Labels=["a"]) == (
        "ParameterVersionNotFound",
        "Systems Manager could not find version 9 of /app. Verify the version and try again.",
        400,
    )


def test_unlabel_removes_labels_and_reports_those_not_there(app, ssm_client):
    ssm_client.label_parameter_version(Name="/app", ParameterVersion=2, Labels=["a", "b"])
    response = ssm_client.unlabel_parameter_version(
        Name="/app", ParameterVersion=2, Labels=["a", "zzz"]
    )
    assert (response["RemovedLabels"], response["InvalidLabels"]) == (["a"], ["zzz"])
    assert labels_by_version(ssm_client)[2] == ["b"]


def test_unlabel_ignores_the_label_on_another_version(app, ssm_client):
    ssm_client.label_parameter_version(Name="/app", ParameterVersion=1, Labels=["a"])
    response = ssm_client.unlabel_parameter_version(Name="/app", ParameterVersion=2, Labels=["a"])
    assert response["InvalidLabels"] == ["a"]
    assert labels_by_version(ssm_client)[1] == ["a"]
