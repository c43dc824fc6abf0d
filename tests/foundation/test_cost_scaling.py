"""Per-call work does not grow with what is stored: versions, labels, parameters, secrets.

Wall time on a shared machine is too noisy to assert, so these tests count work instead:
the Python lines a call executes (``sys.settrace`` line events, kv_mock's, botocore's and
sortedcontainers' alike). The same call is made in a small store and in a large one built
the same way with many more versions (or parameters, or secrets) in between; the large one
may cost a few lines more (a sorted index is a little deeper) but never a line per stored
item. A scan of the stored items — the defect these tests guard against — costs at least
one line for each of the ~1,000 items, far beyond the allowance.
"""

from __future__ import annotations

import itertools
import sys
from types import FrameType
from typing import Any, Callable, Iterator

import boto3
import pytest

from kv_mock import mock_kayvee

#: How many more lines a call may execute in the large store than in the small one: well
#: below one line per stored item (the large stores hold 90 to 1,000 more; measured when
#: written: 0 for most calls, at most 12).
ALLOWANCE = 40


def lines_executed(action: Callable[[], Any]) -> int:
    """The Python lines ``action()`` executes (every module, this thread)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def cost(action: Callable[[], Any]) -> int:
    """Lines of the third call of ``action``: the first two fill every cache."""
    action()
    action()
    return lines_executed(action)


Build = Callable[[int], Iterator[dict[str, Callable[[], Any]]]]


def compare(build: Build, small: int, large: int) -> dict[str, tuple[int, int]]:
    """For each action ``build(size)`` offers: (lines in the small store, in the large)."""
    costs: dict[str, list[int]] = {}
    for size in (small, large):
        with mock_kayvee():
            for name, action in next(build(size)).items():
                costs.setdefault(name, []).append(cost(action))
    return {name: (pair[0], pair[1]) for name, pair in costs.items()}


def assert_independent_of_size(costs: dict[str, tuple[int, int]]) -> None:
    grown = {name: pair for name, pair in costs.items() if pair[1] > pair[0] + ALLOWANCE}
    assert not grown, f"lines executed (small store, large store): {grown}"


# -- Secrets Manager: the number of versions of one secret ---------------------------------

def secret_with_versions(versions: int) -> Iterator[dict[str, Callable[[], Any]]]:
    """A secret whose 2nd version has a label of its own, then ``versions`` more (the
    newest AWSCURRENT, the one before AWSPREVIOUS, the rest deprecated: all of the last
    24 hours, so all kept)."""
    sm = boto3.client("secretsmanager", region_name="us-east-1")
    sm.create_secret(Name="app/db", SecretString="v0")
    old = sm.put_secret_value(SecretId="app/db", SecretString="old",
                              VersionStages=["OLD"])["VersionId"]
    for i in range(versions):
        current = sm.put_secret_value(SecretId="app/db", SecretString=f"v{i}")["VersionId"]
    holders = itertools.cycle([(old, current), (current, old)])

    def move_label() -> None:
        remove_from, move_to = next(holders)
        sm.update_secret_version_stage(SecretId="app/db", VersionStage="OLD",
                                       RemoveFromVersionId=remove_from, MoveToVersionId=move_to)
    def two_pages(**request: Any) -> None:
        first = sm.list_secret_version_ids(SecretId="app/db", MaxResults=1, **request)
        sm.list_secret_version_ids(
            SecretId="app/db", MaxResults=1, NextToken=first["NextToken"], **request)
    ssm = boto3.client("ssm", region_name="us-east-1")
    yield {
        "GetSecretValue": lambda: sm.get_secret_value(SecretId="app/db"),
        "GetSecretValue AWSPREVIOUS": lambda: sm.get_secret_value(
            SecretId="app/db", VersionStage="AWSPREVIOUS"),
        "GetSecretValue by VersionId": lambda: sm.get_secret_value(
            SecretId="app/db", VersionId=current),
        "PutSecretValue": lambda: sm.put_secret_value(SecretId="app/db", SecretString="new"),
        "DescribeSecret": lambda: sm.describe_secret(SecretId="app/db"),
        "ListSecretVersionIds page 1": lambda: sm.list_secret_version_ids(
            SecretId="app/db", MaxResults=1),
        "ListSecretVersionIds pages 1 and 2": lambda: two_pages(IncludeDeprecated=False),
        "ListSecretVersionIds deprecated pages 1 and 2": lambda: two_pages(
            IncludeDeprecated=True),
        "UpdateSecretVersionStage": move_label,
        "GetParameter /aws/reference/secretsmanager": lambda: ssm.get_parameter(
            Name="/aws/reference/secretsmanager/app/db", WithDecryption=True),
    }


def test_secret_calls_cost_the_same_with_1_or_1000_versions() -> None:
    assert_independent_of_size(compare(secret_with_versions, 1, 1_000))


# -- Secrets Manager: the number of secrets ------------------------------------------------

def secrets(count: int) -> Iterator[dict[str, Callable[[], Any]]]:
    sm = boto3.client("secretsmanager", region_name="us-east-1")
    for i in range(count):
        sm.create_secret(Name=f"app/s{i:05}", SecretString="v")
    yield {
        "GetSecretValue": lambda: sm.get_secret_value(SecretId="app/s00000"),
        "PutSecretValue": lambda: sm.put_secret_value(SecretId="app/s00000", SecretString="x"),
        "DescribeSecret by ARN": lambda: sm.describe_secret(
            SecretId=sm.describe_secret(SecretId="app/s00000")["ARN"]),
        "ListSecrets page": lambda: sm.list_secrets(MaxResults=5),
        "ListSecrets name filter": lambda: sm.list_secrets(
            MaxResults=5, Filters=[{"Key": "name", "Values": ["app/s0000"]}]),
        "BatchGetSecretValue": lambda: sm.batch_get_secret_value(
            SecretIdList=["app/s00000", "app/s00001"]),
    }


def test_secret_calls_cost_the_same_with_10_or_1000_secrets() -> None:
    assert_independent_of_size(compare(secrets, 10, 1_010))


# -- Parameter Store: versions and labels of one parameter ---------------------------------

def parameter_with_versions(versions: int) -> Iterator[dict[str, Callable[[], Any]]]:
    """A parameter with ``versions`` versions (AWS keeps 100), labels on the latest; a
    history page of 5 is full either way."""
    ssm = boto3.client("ssm", region_name="us-east-1")
    for i in range(versions):
        ssm.put_parameter(Name="/app/p", Value=f"v{i}", Type="String", Overwrite=True)
    ssm.label_parameter_version(Name="/app/p", Labels=["live", "blue"])
    labels = itertools.cycle(["blue", "green"])
    yield {
        "GetParameter": lambda: ssm.get_parameter(Name="/app/p"),
        "GetParameter by label": lambda: ssm.get_parameter(Name="/app/p:live"),
        "GetParameter by version": lambda: ssm.get_parameter(Name=f"/app/p:{versions}"),
        "GetParameters by label": lambda: ssm.get_parameters(Names=["/app/p:live", "/app/p"]),
        "PutParameter overwrite": lambda: ssm.put_parameter(
            Name="/app/p", Value="x", Type="String", Overwrite=True),
        "LabelParameterVersion": lambda: ssm.label_parameter_version(
            Name="/app/p", Labels=[next(labels)]),
        "GetParameterHistory page": lambda: ssm.get_parameter_history(
            Name="/app/p", MaxResults=5),
        "GetParametersByPath label filter": lambda: ssm.get_parameters_by_path(
            Path="/app", ParameterFilters=[{"Key": "Label", "Values": ["live"]}]),
    }


def test_parameter_calls_cost_the_same_with_10_or_100_versions() -> None:
    # 100 is as many versions as AWS keeps: beyond it the oldest is dropped
    assert_independent_of_size(compare(parameter_with_versions, 10, 100))


# -- Parameter Store: the number of parameters ---------------------------------------------

def parameters(count: int) -> Iterator[dict[str, Callable[[], Any]]]:
    ssm = boto3.client("ssm", region_name="us-east-1")
    for i in range(count):
        ssm.put_parameter(Name=f"/app/f{i % 10}/p{i:05}", Value="v", Type="String")
    new_names = (f"/new/p{i}" for i in itertools.count())
    yield {
        "GetParameter": lambda: ssm.get_parameter(Name="/app/f0/p00000"),
        "GetParameters": lambda: ssm.get_parameters(Names=["/app/f0/p00000", "/app/f1/p00001"]),
        "PutParameter new": lambda: ssm.put_parameter(
            Name=next(new_names), Value="v", Type="String"),
        "PutParameter overwrite": lambda: ssm.put_parameter(
            Name="/app/f0/p00000", Value="x", Type="String", Overwrite=True),
        "GetParametersByPath page": lambda: ssm.get_parameters_by_path(
            Path="/app/f3", MaxResults=5),
        "DescribeParameters BeginsWith page": lambda: ssm.describe_parameters(
            MaxResults=5,
            ParameterFilters=[{"Key": "Name", "Option": "BeginsWith", "Values": ["/app/f3/"]}]),
        "DescribeParameters Path page": lambda: ssm.describe_parameters(
            MaxResults=5,
            ParameterFilters=[{"Key": "Path", "Option": "Recursive", "Values": ["/app/f3"]}]),
    }


def test_parameter_calls_cost_the_same_with_60_or_1060_parameters() -> None:
    # 60: each folder holds more than a page, so both stores answer full pages
    assert_independent_of_size(compare(parameters, 60, 1_060))


def test_a_scan_of_the_versions_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The allowance is far below what one scan of 1,000 versions costs."""
    from kv_mock.store.secrets import Secret

    def version_with_stage(self: Secret, stage: str) -> Any:
        for version in self.versions.values():
            if stage in version.stages:
                return version
        return None
    monkeypatch.setattr(Secret, "version_with_stage", version_with_stage)

    costs = compare(secret_with_versions, 1, 1_000)

    small, large = costs["GetSecretValue"]
    assert large > small + ALLOWANCE
