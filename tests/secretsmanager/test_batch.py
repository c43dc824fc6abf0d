"""BatchGetSecretValue: ids or filters, per-secret errors, paging."""

import pytest

NOT_FOUND = "Secrets Manager can't find the specified secret."


@pytest.fixture
def secrets(sm):
    for i in range(5):
        sm.create_secret(Name=f"app/s{i}", SecretString=f"v{i}")
    sm.create_secret(Name="other", SecretString="o")
    sm.create_secret(Name="app/empty")
    return sm


def test_values_by_id_with_per_secret_errors(secrets):
    secrets.delete_secret(SecretId="app/s4")
    response = secrets.batch_get_secret_value(
        SecretIdList=["app/s0", "missing", "app/s4", "app/empty", "bad name"])
    assert [(v["Name"], v["SecretString"]) for v in response["SecretValues"]] == [
        ("app/s0", "v0")]
    assert response["Errors"] == [
        {"SecretId": "missing", "ErrorCode": "ResourceNotFoundException", "Message": NOT_FOUND},
        {"SecretId": "app/s4", "ErrorCode": "InvalidRequestException",
         "Message": "You can't perform this operation on the secret because it was marked for "
                    "deletion."},
        {"SecretId": "app/empty", "ErrorCode": "ResourceNotFoundException",
         "Message": "Secrets Manager can't find the specified secret value for staging label: "
                    "AWSCURRENT"},
        {"SecretId": "bad name", "ErrorCode": "ValidationException",
         "Message": "Invalid name. Must be a valid name containing alphanumeric characters, or "
                    "any of the following: -/_+=.@!"},
    ]


def test_entries_have_the_get_secret_value_shape(secrets):
    single = secrets.get_secret_value(SecretId="other")
    batch = secrets.batch_get_secret_value(SecretIdList=["other"])["SecretValues"][0]
    assert batch == {k: v for k, v in single.items() if k != "ResponseMetadata"}


def test_more_than_20_ids_is_a_validation_error(raw_sm, aws_error):
    ids = [f"s{i}" for i in range(21)]
    error = aws_error(lambda: raw_sm.batch_get_secret_value(SecretIdList=ids),
                      "ValidationException")
    assert error["Message"].endswith(
        "at 'secretIdList' failed to satisfy constraint: Member must have length less than or "
        "equal to 20")


@pytest.mark.parametrize("arguments", [
    {},
    {"SecretIdList": ["a"], "Filters": [{"Key": "name", "Values": ["a"]}]},
])
def test_ids_or_filters_exactly_one(sm, aws_error, arguments):
    aws_error(lambda: sm.batch_get_secret_value(**arguments), "InvalidParameterException",
              "Either 'SecretIdList' or 'Filters' must be provided, but not both.")


def test_max_results_needs_filters(sm, aws_error):
    aws_error(
        lambda: sm.batch_get_secret_value(SecretIdList=["a"], MaxResults=5),
        "InvalidParameterException",
        "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
    )


def test_filters_page_through_matching_secrets(secrets):
    seen, errors, token = [], [], None
    while True:
        page = secrets.batch_get_secret_value(
            Filters=[{"Key": "name", "Values": ["app/"]}], MaxResults=2,
            **({"NextToken": token} if token else {}))
        assert len(page["SecretValues"]) + len(page["Errors"]) <= 2
        seen += [v["SecretString"] for v in page["SecretValues"]]
        errors += [e["ErrorCode"] for e in page["Errors"]]
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == ["v0", "v1", "v2", "v3", "v4"]
    assert errors == ["ResourceNotFoundException"]


def test_bad_token_is_refused(sm, aws_error):
    aws_error(
        lambda: sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["a"]}],
                                          NextToken="nope"),
        "InvalidNextTokenException", "The NextToken value is invalid.")
