"""ListSecrets: filters, planned deletions, sorting, paging, the paginator."""

import datetime as dt
import time

import botocore
import botocore.session
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kv_mock import mock_kayvee


def _botocore_sends_sort_by() -> bool:
    model = botocore.session.get_session().get_service_model("secretsmanager")
    return "SortBy" in model.operation_model("ListSecrets").input_shape.members


#: ListSecrets' ``SortBy`` is in botocore's model from 1.42.8 on; an older client refuses to
#: send it (ParamValidationError), so tests that sort by it skip there (the min-versions job).
SORT_BY_REASON = (
    f"botocore {botocore.__version__} cannot send ListSecrets SortBy (in its model from 1.42.8)"
)
SENDS_SORT_BY = _botocore_sends_sort_by()
needs_sort_by = pytest.mark.skipif(not SENDS_SORT_BY, reason=SORT_BY_REASON)


def _names(response):
    return [entry["Name"] for entry in response["SecretList"]]


@pytest.fixture
def catalog(sm, frozen):
    """Four secrets created a minute apart, with descriptions and tags."""
    for name, description, tags in [
        ("prod/db", "Main Database", {"team": "Core", "env": "prod"}),
        ("prod/api", "API key for Billing", {"team": "billing"}),
        ("dev/db", None, {"env": "dev"}),
        ("Prod-legacy", "legacy database", {}),
    ]:
        extra = {"Description": description} if description else {}
        if tags:
            extra["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
        sm.create_secret(Name=name, SecretString="v", **extra)
        frozen.advance(60)
    return sm


def _filtered(sm, key, *values):
    if not SENDS_SORT_BY:
        pytest.skip(SORT_BY_REASON)
    return _names(sm.list_secrets(Filters=[{"Key": key, "Values": list(values)}],
                                  SortBy="name"))


def test_entries_use_secret_versions_to_stages(sm):
    version = sm.create_secret(Name="s", SecretString="v")["VersionId"]
    entry = sm.list_secrets()["SecretList"][0]
    assert entry["SecretVersionsToStages"] == {version: ["AWSCURRENT"]}
    assert "VersionIdsToStages" not in entry


def test_default_order_is_creation_date(catalog):
    assert _names(catalog.list_secrets()) == ["prod/db", "prod/api", "dev/db", "Prod-legacy"]


@pytest.mark.parametrize("order, expected", [("asc", ["c", "a", "b"]), ("desc", ["b", "a", "c"])])
def test_secrets_created_in_the_same_millisecond_list_in_creation_order(
    sm, frozen, order, expected
):
    for name in ("c", "a", "b"):
        sm.create_secret(Name=name, SecretString="v")
    pages = sm.get_paginator("list_secrets").paginate(
        SortOrder=order, PaginationConfig={"PageSize": 1}
    )
    assert [entry["Name"] for page in pages for entry in page["SecretList"]] == expected


@pytest.mark.parametrize("key, values, expected", [
    ("name", ["prod"], ["prod/api", "prod/db"]),
    ("name", ["Prod"], ["Prod-legacy"]),
    ("name", ["prod/d", "dev"], ["dev/db", "prod/db"]),
    ("name", ["!prod"], ["Prod-legacy", "dev/db"]),
    ("tag-key", ["te"], ["prod/api", "prod/db"]),
    ("tag-key", ["Team"], []),
    ("tag-value", ["Core"], ["prod/db"]),
    ("tag-value", ["core"], []),
    ("tag-value", ["!prod"], ["Prod-legacy", "dev/db", "prod/api"]),
    ("primary-region", ["us"], []),
    ("owning-service", ["rds"], []),
    ("owning-service", ["!rds"], ["Prod-legacy", "dev/db", "prod/api", "prod/db"]),
])
def test_prefix_filters_follow_aws_case_rules(catalog, key, values, expected):
    assert _filtered(catalog, key, *values) == expected


@pytest.mark.parametrize("value, expected", [
    ("main", ["prod/db"]),
    ("LEGACY", ["Prod-legacy"]),
    ("database", ["Prod-legacy", "prod/db"]),
    ("datab", ["Prod-legacy", "prod/db"]),
    ("Database Main", ["prod/db"]),
    ("ain", []),
    ("!database", ["dev/db", "prod/api"]),
])
def test_description_filter_matches_words_in_any_order_ignoring_case(catalog, value, expected):
    assert _filtered(catalog, "description", value) == expected


def test_description_filter_matches_the_guides_example(sm):
    for i, description in enumerate(["My Description", "my description", "My basic description",
                                      "Description of my secret", "Descriptive"]):
        sm.create_secret(Name=f"s{i}", Description=description)
    assert _filtered(sm, "description", "My Description") == ["s0", "s1", "s2", "s3"]


@pytest.mark.parametrize("value, expected", [
    ("database", ["Prod-legacy", "prod/db"]),
    ("DB", ["dev/db", "prod/db"]),
    ("billing key", ["prod/api"]),
    ("core prod", ["prod/db"]),
    ("legacy", ["Prod-legacy"]),
    ("!prod", ["dev/db"]),
    ("!billing", ["Prod-legacy", "dev/db", "prod/db"]),
    ("coreDatabase/prod", ["prod/db"]),
    ("devDB", ["dev/db"]),
    ("billingdb", []),
    # No words at all: nothing (verified against AWS, moto's @aws_verified
    # test_with_all_filter_special_characters).
    ("+", []),
    ("/-", []),
    ("!+", ["Prod-legacy", "dev/db", "prod/api", "prod/db"]),
])
def test_all_filter_splits_words_and_ignores_case(catalog, value, expected):
    assert _filtered(catalog, "all", value) == expected


def test_primary_region_filter_finds_replicated_secrets_in_both_regions(sm):
    import boto3

    sm.create_secret(Name="replicated", SecretString="v",
                     AddReplicaRegions=[{"Region": "eu-west-1"}])
    sm.create_secret(Name="plain", SecretString="v")
    by_region = [{"Key": "primary-region", "Values": ["us-east"]}]
    assert _names(sm.list_secrets(Filters=by_region)) == ["replicated"]
    replica_region = boto3.client("secretsmanager", region_name="eu-west-1")
    assert _names(replica_region.list_secrets(Filters=by_region)) == ["replicated"]


@needs_sort_by
def test_separate_filters_must_all_match(catalog):
    response = catalog.list_secrets(SortBy="name", Filters=[
        {"Key": "name", "Values": ["prod"]}, {"Key": "tag-value", "Values": ["billing"]}])
    assert _names(response) == ["prod/api"]


def test_filter_without_values_is_refused(raw_sm, aws_error):
    aws_error(lambda: raw_sm.list_secrets(Filters=[{"Key": "name"}]),
              "InvalidParameterException", "Invalid filter values for key: name")


@pytest.mark.parametrize("key", [{}, {"Key": None}], ids=["absent", "null"])
def test_filter_without_key_is_refused(raw_sm, aws_error, key):
    aws_error(lambda: raw_sm.list_secrets(Filters=[{**key, "Values": ["x"]}]),
              "InvalidParameterException", "Invalid filter key")


def test_unknown_filter_key_is_a_validation_error(raw_sm, aws_error):
    aws_error(
        lambda: raw_sm.list_secrets(Filters=[{"Key": "colour", "Values": ["x"]}]),
        "ValidationException",
        "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to "
        "satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, "
        "tag-value, primary-region, owning-service, all]",
    )


def test_planned_deletions_are_listed_only_when_asked_for(catalog):
    catalog.delete_secret(SecretId="dev/db")
    assert "dev/db" not in _names(catalog.list_secrets())
    listed = catalog.list_secrets(IncludePlannedDeletion=True)["SecretList"]
    deleted = [entry for entry in listed if entry["Name"] == "dev/db"]
    assert "DeletedDate" in deleted[0]


@needs_sort_by
@pytest.mark.parametrize("sort_by, order, expected", [
    ("name", "asc", ["Prod-legacy", "dev/db", "prod/api", "prod/db"]),
    ("name", "desc", ["prod/db", "prod/api", "dev/db", "Prod-legacy"]),
    ("created-date", "desc", ["Prod-legacy", "dev/db", "prod/api", "prod/db"]),
    ("last-changed-date", "asc", ["prod/api", "dev/db", "Prod-legacy", "prod/db"]),
    ("last-accessed-date", "desc", ["dev/db", "prod/db", "prod/api", "Prod-legacy"]),
])
def test_sort_by_and_sort_order(catalog, frozen, sort_by, order, expected):
    catalog.put_secret_value(SecretId="prod/db", SecretString="changed")
    catalog.get_secret_value(SecretId="prod/db")
    frozen.advance(dt.timedelta(days=2))
    catalog.get_secret_value(SecretId="dev/db")
    assert _names(catalog.list_secrets(SortBy=sort_by, SortOrder=order)) == expected


@needs_sort_by
@pytest.mark.parametrize("sort_by", ["name", "created-date", "last-changed-date"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_pages_honour_max_results_and_cover_everything_once(catalog, sort_by, order):
    whole = _names(catalog.list_secrets(SortBy=sort_by, SortOrder=order))
    seen, token = [], None
    while True:
        page = catalog.list_secrets(SortBy=sort_by, SortOrder=order, MaxResults=1,
                                    **({"NextToken": token} if token else {}))
        assert len(page["SecretList"]) <= 1
        seen += _names(page)
        token = page.get("NextToken")
        if not token:
            break
    assert seen == whole


@needs_sort_by
@pytest.mark.parametrize("token", [
    "%%%",  # not base64
    "bm90IGpzb24=",  # not JSON
    "eyJsIjoic2VjcmV0czpuYW1lOmFzYyIsImMiOjV9",  # this listing, but a cursor of the wrong type
])
def test_garbage_or_foreign_token_is_refused(sm, aws_error, token):
    aws_error(lambda: sm.list_secrets(SortBy="name", NextToken=token),
              "InvalidNextTokenException", "The NextToken value is invalid.")


@needs_sort_by
def test_token_of_another_sort_order_is_refused(catalog, aws_error):
    token = catalog.list_secrets(SortBy="name", MaxResults=1)["NextToken"]
    aws_error(lambda: catalog.list_secrets(NextToken=token), "InvalidNextTokenException")


@needs_sort_by
def test_stale_token_continues_after_its_secret_even_if_it_was_deleted(catalog):
    first = catalog.list_secrets(SortBy="name", MaxResults=2)
    assert _names(first) == ["Prod-legacy", "dev/db"]
    catalog.delete_secret(SecretId="dev/db", ForceDeleteWithoutRecovery=True)
    rest = catalog.list_secrets(SortBy="name", NextToken=first["NextToken"])
    assert _names(rest) == ["prod/api", "prod/db"]


def test_max_results_over_100_is_a_validation_error(raw_sm, aws_error):
    aws_error(
        lambda: raw_sm.list_secrets(MaxResults=101),
        "ValidationException",
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100",
    )


@needs_sort_by
@settings(max_examples=25, deadline=None)
@given(
    names=st.sets(st.text("ab/", min_size=1, max_size=4), min_size=1, max_size=12),
    prefix=st.text("ab/", max_size=2),
    sort_by=st.sampled_from(["name", "created-date"]),
    order=st.sampled_from(["asc", "desc"]),
    page_size=st.integers(1, 5),
    same_instant=st.booleans(),
)
def test_paginator_returns_every_matching_secret_exactly_once(names, prefix, sort_by, order,
                                                              page_size, same_instant):
    """Also when every secret has the same creation date (ties are ordered by name)."""
    import boto3

    with mock_kayvee() as kv:
        kv.clock.freeze()
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        for name in names:
            sm.create_secret(Name=name)
            kv.advance(0 if same_instant else 1)
        filters = [{"Key": "name", "Values": [prefix]}] if prefix else []
        pages = sm.get_paginator("list_secrets").paginate(
            Filters=filters, SortBy=sort_by, SortOrder=order,
            PaginationConfig={"PageSize": page_size})
        listed = [entry["Name"] for page in pages for entry in page["SecretList"]]
    expected = sorted(n for n in names if n.startswith(prefix))
    assert sorted(listed) == expected
    if sort_by == "name":
        assert listed == (expected[::-1] if order == "desc" else expected)


_INDEXED_LISTINGS = {
    "name prefix, by name": {
        "SortBy": "name", "Filters": [{"Key": "name", "Values": ["bulk/00001"]}]},
    "by creation date": {},
    "by creation date, descending": {"SortOrder": "desc"},
}


@needs_sort_by
def test_indexed_page_cost_does_not_grow_with_the_store(kayvee, sm):
    """A next page sorted by name or by creation date reads only its range of an index."""
    from kv_mock.store.secrets import Secret

    secrets = kayvee.backend().secrets
    start = kayvee.clock.now()

    def page_times(store_size):
        for i in range(len(secrets), store_size):
            created = start + dt.timedelta(milliseconds=i)
            secrets.add(Secret(f"bulk/{i:07d}", f"arn-{i}", created, created))
        times = {}
        for label, arguments in _INDEXED_LISTINGS.items():
            token = sm.list_secrets(MaxResults=10, **arguments)["NextToken"]
            # The fastest of 20 pages: a busy machine slows some pages, not the best one.
            times[label] = min(_timed(sm.list_secrets, MaxResults=10, NextToken=token,
                                      **arguments) for _ in range(20))
        return times

    small, large = page_times(1_000), page_times(50_000)
    for label in _INDEXED_LISTINGS:
        assert large[label] < small[label] * 5, label


def _timed(call, **arguments):
    began = time.perf_counter()
    call(**arguments)
    return time.perf_counter() - began


@settings(max_examples=25, deadline=None)
@given(
    key=st.sampled_from(["description", "all"]),
    value=st.text(" :_@/+=.-", min_size=1, max_size=12),
)
def test_a_filter_value_without_words_matches_nothing(key, value):
    """Only punctuation (the filter pattern's non-alphanumerics): no secret matches."""
    import boto3

    with mock_kayvee():
        sm = boto3.client("secretsmanager", region_name="us-east-1")
        sm.create_secret(Name="prod+app/db", Description="db: main + replica",
                         Tags=[{"Key": "a=b", "Value": "c.d"}])
        filters = [{"Key": key, "Values": [value]}]
        assert sm.list_secrets(Filters=filters)["SecretList"] == []
