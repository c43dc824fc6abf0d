"""DescribeParameters: metadata, ParameterFilters and Filters, AWS's filter errors, paging."""

from __future__ import annotations

import botocore.exceptions
import pytest

from kv_mock.services.ssm.filters import INVALID_PATH_MESSAGE
from kv_mock.services.ssm.listing import SCAN_BUDGET

from tests.aws_errors import error_of

from .conftest import load_directly


def names(response) -> list[str]:
    return [p["Name"] for p in response["Parameters"]]


def describe(ssm_client, *filters, **options) -> list[str]:
    response = ssm_client.describe_parameters(
        ParameterFilters=list(filters), MaxResults=50, **options
    )
    return names(response)


# -- Metadata --------------------------------------------------------------------------------


def test_metadata_of_a_string_has_no_key_id_and_empty_policies(ssm_client, put, kayvee):
    put("/m/s", Description="about", AllowedPattern="v.*")
    item = ssm_client.describe_parameters()["Parameters"][0]
    assert item == {
        "Name": "/m/s",
        "ARN": f"arn:aws:ssm:{kayvee.region}:{kayvee.account_id}:parameter/m/s",
        "Type": "String",
        "LastModifiedDate": item["LastModifiedDate"],
        "LastModifiedUser": item["LastModifiedUser"],
        "Description": "about",
        "AllowedPattern": "v.*",
        "Version": 1,
        "Tier": "Standard",
        "Policies": [],
        "DataType": "text",
    }


def test_metadata_of_a_secure_string_names_its_key(ssm_client, put):
    put("/m/secret", "x", type="SecureString")
    assert ssm_client.describe_parameters()["Parameters"][0]["KeyId"] == "alias/aws/ssm"


def test_metadata_shows_the_latest_version(ssm_client, put):
    put("/m/v", "1")
    put("/m/v", "2", Overwrite=True)
    assert ssm_client.describe_parameters()["Parameters"][0]["Version"] == 2


def test_metadata_lists_policies_of_an_advanced_parameter(ssm_client, put):
    policy = (
        '{"Type":"Expiration","Version":"1.0",'
        '"Attributes":{"Timestamp":"2099-01-01T00:00:00.000Z"}}'
    )
    put("/m/p", Tier="Advanced", Policies=f"[{policy}]")
    (entry,) = ssm_client.describe_parameters()["Parameters"][0]["Policies"]
    assert entry["PolicyType"] == "Expiration" and entry["PolicyStatus"] == "Pending"


def test_public_parameters_are_not_described(ssm_client):
    ssm_client.get_parameter(Name="/aws/service/global-infrastructure/regions/us-east-1")
    assert ssm_client.describe_parameters()["Parameters"] == []


def test_shared_lists_nothing_because_nothing_is_shared(ssm_client, put):
    put("/mine")
    assert ssm_client.describe_parameters(Shared=True)["Parameters"] == []


# -- ParameterFilters ------------------------------------------------------------------------


@pytest.fixture
def catalogue(put, ssm_client):
    put("/app/web/url", Tier="Advanced")
    put("/app/web/key", "k", type="SecureString")
    put("/app/db/host", Tags=[{"Key": "team", "Value": "data"}])
    put("/app/list", "a,b", type="StringList")
    put("/tangent")
    put("tangram", Tags=[{"Key": "team", "Value": "datalake"}])
    put("standby", DataType="text")


def string_filter(key: str, option: str | None = None, *values: str) -> dict:
    """A ParameterFilters entry; ``None`` leaves Option out (AWS's default applies)."""
    found: dict = {"Key": key}
    if option is not None:
        found["Option"] = option
    if values:
        found["Values"] = list(values)
    return found


APP = ["/app/db/host", "/app/list", "/app/web/key", "/app/web/url"]
WEB = ["/app/web/key", "/app/web/url"]


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        (string_filter("Name", None, "/app/list"), ["/app/list"]),
        (string_filter("Name", "Equals", "tangram", "/standby", "missing"), ["standby", "tangram"]),
        (string_filter("Name", "BeginsWith", "/app/web"), WEB),
        (string_filter("Name", "BeginsWith", "/tan"), ["/tangent", "tangram"]),
        (string_filter("Name", "Contains", "tan"), ["/tangent", "standby", "tangram"]),
        (string_filter("Path", None, "/app"), ["/app/list"]),
        (string_filter("Path", "OneLevel", "/app/web/"), WEB),
        (string_filter("Path", "Recursive", "/app"), APP),
        (string_filter("Path", "Recursive", "/app/db", "/app/web"), ["/app/db/host", *WEB]),
        (string_filter("Path", None, "/"), ["/tangent", "standby", "tangram"]),
        (string_filter("Path", "Recursive", "/"), [*APP, "/tangent", "standby", "tangram"]),
        (string_filter("Name", "Contains", "/tan"), ["/tangent", "tangram"]),
        (string_filter("Name", "Contains", "ngr"), ["tangram"]),
        (string_filter("Type", None, "SecureString", "StringList"), ["/app/list", "/app/web/key"]),
        (string_filter("Type", "BeginsWith", "StringL"), ["/app/list"]),
        (string_filter("KeyId", None, "alias/aws/ssm"), ["/app/web/key"]),
        (string_filter("Tier", None, "Advanced"), ["/app/web/url"]),
        (string_filter("DataType", None, "text"), [*APP, "/tangent", "standby", "tangram"]),
        (string_filter("tag:team", None, "data"), ["/app/db/host"]),
        (string_filter("tag:team", "BeginsWith", "data"), ["/app/db/host", "tangram"]),
        (string_filter("tag:team"), ["/app/db/host", "tangram"]),
        (string_filter("tag:missing"), []),
    ],
)
def test_each_filter_keeps_exactly_its_matches(ssm_client, catalogue, filter_, expected):
    assert describe(ssm_client, filter_) == expected


def test_filters_combine_with_and(ssm_client, catalogue):
    assert describe(
        ssm_client,
        {"Key": "Path", "Option": "Recursive", "Values": ["/app"]},
        {"Key": "Type", "Values": ["String"]},
        {"Key": "Name", "Option": "Contains", "Values": ["o"]},
    ) == ["/app/db/host"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ([{"Key": "Name", "Values": ["/app"]}], APP),
        ([{"Key": "Type", "Values": ["StringList"]}], ["/app/list"]),
        ([{"Key": "KeyId", "Values": ["alias/aws/ssm"]}], ["/app/web/key"]),
        (
            [{"Key": "Name", "Values": ["/app"]}, {"Key": "Type", "Values": ["SecureString"]}],
            ["/app/web/key"],
        ),
    ],
)
def test_deprecated_filters_still_work(ssm_client, catalogue, filters, expected):
    assert names(ssm_client.describe_parameters(Filters=filters)) == expected


def test_filters_and_parameter_filters_together_are_refused(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.describe_parameters(
            Filters=[{"Key": "Name", "Values": ["a"]}],
            ParameterFilters=[{"Key": "Name", "Values": ["a"]}],
        )
    assert error_of(excinfo) == (
        "ValidationException",
        "You can use either Filters or ParameterFilters in a single request.",
        400,
    )


def raises_on(ssm_client, *filters):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.describe_parameters(ParameterFilters=list(filters))
    return error_of(excinfo)


def test_the_label_key_is_refused(ssm_client):
    assert raises_on(ssm_client, {"Key": "Label", "Values": ["x"]}) == (
        "InvalidFilterKey",
        "The following filter key is not valid: Label. "
        "Valid filter keys include: [Path, Name, Type, KeyId, Tier].",
        400,
    )


def test_a_key_outside_the_model_pattern_is_a_validation_error(ssm_client):
    code, message, status = raises_on(ssm_client, {"Key": "Colour", "Values": ["x"]})
    assert (code, status) == ("ValidationException", 400)
    assert message.startswith(
        "1 validation error detected: Value 'Colour' at 'parameterFilters.1.member.key' failed "
        "to satisfy constraint: Member must satisfy regular expression pattern: "
    )


@pytest.mark.parametrize("key", ["Name", "Path", "Type", "KeyId", "Tier", "DataType"])
def test_a_filter_without_values_is_refused(ssm_client, key):
    assert raises_on(ssm_client, {"Key": key}) == (
        "InvalidFilterValue",
        f"The following filter values are missing : null for filter key {key}.",
        400,
    )


def test_a_duplicated_key_is_refused(ssm_client):
    first, second = string_filter("Name", None, "a"), string_filter("Name", None, "b")
    assert raises_on(ssm_client, first, second) == (
        "InvalidFilterKey",
        "The following filter is duplicated in the request: Name. A request can contain only "
        "one occurrence of a specific filter.",
        400,
    )


@pytest.mark.parametrize(
    ("filter_", "valid"),
    [
        ({"Key": "Path", "Option": "Equals", "Values": ["/a"]}, "[Recursive, OneLevel]"),
        ({"Key": "Name", "Option": "Recursive", "Values": ["a"]}, "[BeginsWith, Equals, Contains]"),
        ({"Key": "Type", "Option": "Contains", "Values": ["String"]}, "[BeginsWith, Equals]"),
        ({"Key": "tag:team", "Option": "Contains", "Values": ["x"]}, "[BeginsWith, Equals]"),
        ({"Key": "Tier", "Option": "OneLevel", "Values": ["Standard"]}, "[BeginsWith, Equals]"),
    ],
)
def test_an_option_the_key_does_not_take_is_refused(ssm_client, filter_, valid):
    assert raises_on(ssm_client, filter_) == (
        "InvalidFilterOption",
        f"The following filter option is not valid: {filter_['Option']}. "
        f"Valid options include: {valid}.",
        400,
    )


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("Tier", "Premium", "[Standard, Advanced, Intelligent-Tiering]"),
        ("Type", "Binary", "[String, StringList, SecureString]"),
    ],
)
def test_an_unknown_tier_or_type_value_is_refused(ssm_client, key, value, valid):
    assert raises_on(ssm_client, {"Key": key, "Values": [value]}) == (
        "InvalidFilterValue",
        f"The following filter value is not valid: {value}. Valid values include: {valid}.",
        400,
    )


@pytest.mark.parametrize("value", ["/aws", "/ssm/x", "/AWS/service"])
def test_a_path_filter_on_reserved_names_is_refused(ssm_client, value):
    assert raises_on(ssm_client, {"Key": "Path", "Values": [value]}) == (
        "ValidationException",
        'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). '
        "When using global parameters, please specify within a global namespace.",
        400,
    )


@pytest.mark.parametrize("value", ["test", "//", "/###", "/a//b"])
def test_a_malformed_path_filter_is_refused(ssm_client, value):
    assert raises_on(ssm_client, {"Key": "Path", "Values": [value]}) == (
        "ValidationException", INVALID_PATH_MESSAGE, 400
    )


# -- Paging ----------------------------------------------------------------------------------


def test_max_results_is_honoured(ssm_client, put):
    for i in range(7):
        put(f"/mr/p{i}")
    response = ssm_client.describe_parameters(MaxResults=5)
    assert len(response["Parameters"]) == 5 and "NextToken" in response


def test_ten_items_per_page_by_default(ssm_client, put):
    for i in range(11):
        put(f"/d/p{i:02}")
    assert len(ssm_client.describe_parameters()["Parameters"]) == 10


def test_max_results_above_50_is_refused(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.describe_parameters(MaxResults=51)
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 50",
        400,
    )


@pytest.mark.parametrize("token", ["x", "e30=", "WyJhIiwgImIiXQ=="])
def test_a_garbage_token_is_invalid_next_token(ssm_client, token):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.describe_parameters(NextToken=token)
    assert error_of(excinfo) == ("InvalidNextToken", "The specified token isn't valid.", 400)


def test_a_token_used_with_other_filters_is_invalid_next_token(ssm_client, put):
    for i in range(3):
        put(f"/tok/p{i}")
    token = ssm_client.describe_parameters(MaxResults=1)["NextToken"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.describe_parameters(
            NextToken=token, ParameterFilters=[{"Key": "Type", "Values": ["String"]}]
        )
    assert error_of(excinfo)[0] == "InvalidNextToken"


@pytest.mark.kayvee(region="eu-west-1")
def test_a_token_from_another_region_is_invalid_next_token(ssm_client, put):
    import boto3

    other_region = boto3.client("ssm", region_name="us-west-2")
    for i in range(3):
        put(f"/tok/p{i}")
        other_region.put_parameter(Name=f"/tok/p{i}", Value="v", Type="String")
    token = ssm_client.describe_parameters(MaxResults=1)["NextToken"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        other_region.describe_parameters(NextToken=token)
    assert error_of(excinfo)[0] == "InvalidNextToken"


@pytest.mark.parametrize(
    "filters",
    [
        [],
        [{"Key": "Name", "Option": "BeginsWith", "Values": ["/big/a", "/big/c"]}],
        [{"Key": "Path", "Option": "Recursive", "Values": ["/big"]}],
        [{"Key": "Path", "Values": ["/big/b"]}],
        [{"Key": "Type", "Values": ["SecureString"]}],
        [{"Key": "Name", "Option": "Contains", "Values": ["7"]}],
    ],
)
@pytest.mark.parametrize("page_size", [1, 7, 50])
def test_the_paginator_returns_every_match_exactly_once(ssm_client, put, filters, page_size):
    expected = []
    for folder in "abc":
        for i in range(20):
            name = f"/big/{folder}/p{i:02}"
            put(name, type="SecureString" if i % 4 == 0 else "String")
            expected.append(name)
    unfiltered = names(ssm_client.describe_parameters(ParameterFilters=filters, MaxResults=50))
    pages = ssm_client.get_paginator("describe_parameters").paginate(
        ParameterFilters=filters, PaginationConfig={"PageSize": page_size}
    )
    listed = [p["Name"] for page in pages for p in page["Parameters"]]
    assert listed == sorted(set(listed)) and set(listed) <= set(expected)
    if len(unfiltered) < 50:
        assert listed == unfiltered


def test_a_page_that_examined_its_scan_budget_may_be_empty_but_continues(ssm_client, kayvee):
    """AWS pages are best effort: zero items plus a NextToken when the scan hits its limit."""
    store = kayvee.backend().parameters
    load_directly(store, (f"/plain/p{i:05}" for i in range(SCAN_BUDGET + 5)))
    load_directly(store, ["/zz/secret"], type="SecureString")
    only_secure = [{"Key": "Type", "Values": ["SecureString"]}]
    first = ssm_client.describe_parameters(ParameterFilters=only_secure)
    assert first["Parameters"] == [] and "NextToken" in first
    pages = ssm_client.get_paginator("describe_parameters").paginate(ParameterFilters=only_secure)
    assert [p["Name"] for page in pages for p in page["Parameters"]] == ["/zz/secret"]
