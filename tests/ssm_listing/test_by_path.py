"""GetParametersByPath: one level or recursive, filters, decryption, paging, AWS's errors."""

from __future__ import annotations

import botocore.exceptions
import pytest

from kv_mock.services.ssm.filters import INVALID_PATH_MESSAGE

from tests.aws_errors import error_of

TREE = [
    "/app/a", "/app/b", "/app/db/host", "/app/db/port", "/app/db/deep/x", "/app-other", "/other",
    "app",
]


@pytest.fixture
def tree(put):
    for name in TREE:
        put(name)


def names(response) -> list[str]:
    return [p["Name"] for p in response["Parameters"]]


def test_one_level_lists_only_the_direct_children(ssm_client, tree):
    assert names(ssm_client.get_parameters_by_path(Path="/app")) == ["/app/a", "/app/b"]


def test_recursive_lists_the_whole_subtree_in_name_order(ssm_client, tree):
    response = ssm_client.get_parameters_by_path(Path="/app", Recursive=True)
    assert names(response) == ["/app/a", "/app/b", "/app/db/deep/x", "/app/db/host", "/app/db/port"]


@pytest.mark.parametrize("path", ["/app/", "/app", " /app "])
def test_a_trailing_slash_or_spaces_around_name_the_same_path(ssm_client, tree, path):
    assert names(ssm_client.get_parameters_by_path(Path=path)) == ["/app/a", "/app/b"]


def test_root_path_lists_top_level_names_with_and_without_their_slash(ssm_client, tree):
    # Recorded AWS output (getmoto/moto#1700): put "foo", GetParametersByPath("/") lists it.
    assert names(ssm_client.get_parameters_by_path(Path="/")) == ["/app-other", "/other", "app"]


def test_root_path_recursive_lists_every_name(ssm_client, tree, put):
    put("-dash")
    put("_low")
    listed = names(ssm_client.get_parameters_by_path(Path="/", Recursive=True))
    assert listed == sorted([*TREE, "-dash", "_low"])


def test_root_path_pages_cross_the_slashless_names(ssm_client, tree, put):
    put("-dash")
    put("zed")
    paginator = ssm_client.get_paginator("get_parameters_by_path")
    pages = list(paginator.paginate(Path="/", PaginationConfig={"PageSize": 1}))
    assert [p["Name"] for page in pages for p in page["Parameters"]] == [
        "-dash", "/app-other", "/other", "app", "zed"
    ]


def test_a_full_parameter_name_as_path_finds_nothing(ssm_client, tree):
    assert ssm_client.get_parameters_by_path(Path="/app/a")["Parameters"] == []


def test_a_missing_path_is_an_empty_page_without_token(ssm_client, tree):
    response = ssm_client.get_parameters_by_path(Path="/nothing/here", Recursive=True)
    assert response["Parameters"] == [] and "NextToken" not in response


def test_items_have_the_get_parameter_shape(ssm_client, put):
    put("/p/x", "1")
    item = ssm_client.get_parameters_by_path(Path="/p")["Parameters"][0]
    assert item == ssm_client.get_parameter(Name="/p/x")["Parameter"]


@pytest.mark.parametrize("path", ["app", "/app//db", "/app/d b", "/app/#", "/ssm/x", "/AWSome"])
def test_a_malformed_or_reserved_path_gets_the_name_requirements_error(ssm_client, path):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path=path)
    assert error_of(excinfo) == ("ValidationException", INVALID_PATH_MESSAGE, 400)


def test_the_path_error_text_is_aws_s_byte_for_byte():
    assert INVALID_PATH_MESSAGE == (
        "The parameter doesn't meet the parameter name requirements. The parameter name must "
        "begin with a forward slash \"/\". It can't be prefixed with \\\"aws\\\" or \\\"ssm\\\" "
        "(case-insensitive). It must use only letters, numbers, or the following symbols: . "
        "(period), - (hyphen), _ (underscore). Special characters are not allowed. All "
        "sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: "
        "/get/parameters2-/by1./path0_."
    )


def test_secure_strings_are_ciphertext_without_decryption(ssm_client, put):
    put("/s/k", "plain", type="SecureString")
    hidden = ssm_client.get_parameters_by_path(Path="/s")["Parameters"][0]["Value"]
    shown = ssm_client.get_parameters_by_path(Path="/s", WithDecryption=True)["Parameters"][0]
    assert shown["Value"] == "plain"
    assert hidden != "plain"


# -- Filters ---------------------------------------------------------------------------------


@pytest.fixture
def typed(put, ssm_client):
    put("/t/plain")
    put("/t/list", "a,b", type="StringList")
    put("/t/secret", "s", type="SecureString")
    put("/t/labelled", "one")
    put("/t/labelled", "two", Overwrite=True)
    ssm_client.label_parameter_version(Name="/t/labelled", ParameterVersion=1, Labels=["Prod"])


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"Key": "Type", "Values": ["StringList", "SecureString"]}, ["/t/list", "/t/secret"]),
        (
            {"Key": "Type", "Option": "BeginsWith", "Values": ["String"]},
            ["/t/labelled", "/t/list", "/t/plain"],
        ),
        ({"Key": "KeyId", "Values": ["alias/aws/ssm"]}, ["/t/secret"]),
        ({"Key": "KeyId", "Option": "BeginsWith", "Values": ["alias/"]}, ["/t/secret"]),
        ({"Key": "Label", "Option": "Equals", "Values": ["Prod", "Other"]}, ["/t/labelled"]),
    ],
)
def test_filters_keep_only_matching_parameters(ssm_client, typed, filter_, expected):
    response = ssm_client.get_parameters_by_path(Path="/t", ParameterFilters=[filter_])
    assert names(response) == expected


def test_a_label_filter_returns_the_labelled_version(ssm_client, typed):
    response = ssm_client.get_parameters_by_path(
        Path="/t", ParameterFilters=[{"Key": "Label", "Values": ["Prod"]}]
    )
    assert [(p["Value"], p["Version"]) for p in response["Parameters"]] == [("one", 1)]


@pytest.mark.parametrize("key", ["Name", "Path", "Tier", "DataType", "tag:team"])
def test_keys_other_than_type_keyid_label_are_refused(ssm_client, key):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(
            Path="/t", ParameterFilters=[{"Key": key, "Values": ["x"]}]
        )
    assert error_of(excinfo) == (
        "InvalidFilterKey",
        f"The following filter key is not valid: {key}. "
        "Valid filter keys include: [Type, KeyId, Label].",
        400,
    )


@pytest.mark.parametrize(
    ("filter_", "valid"),
    [
        ({"Key": "Label", "Option": "BeginsWith", "Values": ["P"]}, "[Equals]"),
        ({"Key": "Type", "Option": "Contains", "Values": ["String"]}, "[BeginsWith, Equals]"),
        ({"Key": "KeyId", "Option": "Recursive", "Values": ["a"]}, "[BeginsWith, Equals]"),
    ],
)
def test_an_option_the_key_does_not_take_is_refused(ssm_client, filter_, valid):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path="/t", ParameterFilters=[filter_])
    assert error_of(excinfo) == (
        "InvalidFilterOption",
        f"The following filter option is not valid: {filter_['Option']}. "
        f"Valid options include: {valid}.",
        400,
    )


def test_a_filter_without_values_is_refused(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path="/t", ParameterFilters=[{"Key": "Type"}])
    assert error_of(excinfo) == (
        "InvalidFilterValue",
        "The following filter values are missing : null for filter key Type.",
        400,
    )


def test_a_repeated_filter_key_is_refused(ssm_client):
    filter_ = {"Key": "Type", "Values": ["String"]}
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path="/t", ParameterFilters=[filter_, filter_])
    assert error_of(excinfo) == (
        "InvalidFilterKey",
        "The following filter is duplicated in the request: Type. A request can contain only "
        "one occurrence of a specific filter.",
        400,
    )


def test_an_unknown_type_value_is_refused(ssm_client):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(
            Path="/t", ParameterFilters=[{"Key": "Type", "Values": ["Blob"]}]
        )
    assert error_of(excinfo) == (
        "InvalidFilterValue",
        "The following filter value is not valid: Blob. "
        "Valid values include: [String, StringList, SecureString].",
        400,
    )


# -- Paging ----------------------------------------------------------------------------------


@pytest.mark.parametrize("max_results", [0, 11])
def test_max_results_outside_1_to_10_is_refused(unchecked_ssm_client, max_results):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        unchecked_ssm_client.get_parameters_by_path(Path="/t", MaxResults=max_results)
    bound = "greater than or equal to 1" if max_results == 0 else "less than or equal to 10"
    assert error_of(excinfo) == (
        "ValidationException",
        f"1 validation error detected: Value '{max_results}' at 'maxResults' failed to satisfy "
        f"constraint: Member must have value {bound}",
        400,
    )


def test_ten_items_per_page_by_default(ssm_client, put):
    for i in range(12):
        put(f"/many/p{i:02}")
    first = ssm_client.get_parameters_by_path(Path="/many")
    rest = ssm_client.get_parameters_by_path(Path="/many", NextToken=first["NextToken"])
    assert len(first["Parameters"]) == 10 and names(rest) == ["/many/p10", "/many/p11"]
    assert "NextToken" not in rest


def test_a_page_that_ends_the_listing_has_no_token(ssm_client, put):
    for i in range(3):
        put(f"/three/p{i}")
    assert "NextToken" not in ssm_client.get_parameters_by_path(Path="/three", MaxResults=3)


@pytest.mark.parametrize("token", ["garbage", "", "bm90IGpzb24=", "WyJ4IiwgMV0="])
def test_a_garbage_token_is_invalid_next_token(ssm_client, tree, token):
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path="/app", NextToken=token)
    assert error_of(excinfo) == ("InvalidNextToken", "The specified token isn't valid.", 400)


@pytest.mark.parametrize(
    "other_query",
    [
        {"Path": "/other"},
        {"Path": "/app", "Recursive": True},
        {"Path": "/app", "ParameterFilters": [{"Key": "Type", "Values": ["String"]}]},
    ],
)
def test_a_token_from_another_query_is_invalid_next_token(ssm_client, tree, other_query):
    token = ssm_client.get_parameters_by_path(Path="/app", MaxResults=1)["NextToken"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(NextToken=token, **other_query)
    assert error_of(excinfo)[0] == "InvalidNextToken"


def test_a_describe_parameters_token_is_invalid_here(ssm_client, tree):
    token = ssm_client.describe_parameters(MaxResults=1)["NextToken"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        ssm_client.get_parameters_by_path(Path="/app", NextToken=token)
    assert error_of(excinfo)[0] == "InvalidNextToken"


def test_paging_survives_deletion_of_the_last_returned_name(ssm_client, tree):
    first = ssm_client.get_parameters_by_path(Path="/app", Recursive=True, MaxResults=2)
    ssm_client.delete_parameter(Name=first["Parameters"][-1]["Name"])
    rest = ssm_client.get_parameters_by_path(
        Path="/app", Recursive=True, NextToken=first["NextToken"]
    )
    assert names(rest) == ["/app/db/deep/x", "/app/db/host", "/app/db/port"]


@pytest.mark.parametrize("recursive", [False, True])
@pytest.mark.parametrize("page_size", [1, 3, 10])
def test_the_paginator_returns_every_item_exactly_once(ssm_client, put, recursive, page_size):
    expected = [f"/pg/{a}/{b:02}" for a in "xy" for b in range(12)]
    expected += [f"/pg/{b:02}" for b in range(15)]
    for name in expected:
        put(name)
    pages = ssm_client.get_paginator("get_parameters_by_path").paginate(
        Path="/pg", Recursive=recursive, PaginationConfig={"PageSize": page_size}
    )
    listed = [p["Name"] for page in pages for p in page["Parameters"]]
    wanted = sorted(n for n in expected if recursive or n.count("/") == 2)
    assert listed == wanted


def test_the_paginator_with_a_filter_returns_every_match_once(ssm_client, put):
    for i in range(30):
        put(f"/mix/p{i:02}", type="SecureString" if i % 3 == 0 else "String")
    pages = ssm_client.get_paginator("get_parameters_by_path").paginate(
        Path="/mix",
        ParameterFilters=[{"Key": "Type", "Values": ["SecureString"]}],
        PaginationConfig={"PageSize": 4},
    )
    listed = [p["Name"] for page in pages for p in page["Parameters"]]
    assert listed == [f"/mix/p{i:02}" for i in range(0, 30, 3)]
