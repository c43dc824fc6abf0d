"""Parameter Store listing cost at 1,000 and 50,000 parameters, through real boto3 clients.

Run: ``python bench/ssm_listing.py``. Parameters are loaded straight into the mock's store
(50,000 PutParameter calls would only measure PutParameter). For each size it times

* the first page of GetParametersByPath (one level, 10 items) and of DescribeParameters
  with a Name ``BeginsWith`` and with a ``Path`` filter (50 items) — best of many runs;
* paging through every parameter with each of the two paginators at their largest pages
  (best of five). Timings pause the garbage collector, as ``timeit`` does.

Targets (issue 3): first page at 50,000 within 2× of 1,000 (the index makes it
O(log n + page)); full pagination at 50,000 under 50× of 1,000 (O(n log n) at most).
"""

from __future__ import annotations

import datetime as _dt
import gc
import time
from typing import Callable

import boto3

from kv_mock import mock_kayvee
from kv_mock.store.parameters import ParameterStore, ParameterVersion

SIZES = (1_000, 50_000)
FIRST_PAGE_RUNS = 200
FULL_RUNS = 5
WHEN = _dt.datetime(2024, 1, 1, tzinfo=_dt.timezone.utc)
FOLDERS = 20


def fill(store: ParameterStore, count: int) -> None:
    """``count`` parameters in 20 folders of /bench, each with a one-level and a deeper half."""
    for i in range(count):
        name = f"/bench/f{i % FOLDERS:02}/" + (f"p{i:06}" if i % 2 else f"deep/p{i:06}")
        version = ParameterVersion(
            version=1, value="v", type="String", last_modified_date=WHEN,
            last_modified_user="bench", tier="Standard",
        )
        store.add_version(store.create(name), version)


def best_of(call: Callable[[], object], runs: int = FIRST_PAGE_RUNS) -> float:
    """The fastest of ``runs`` calls, with the garbage collector paused as ``timeit`` does."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        try:
            call()
        finally:
            best = min(best, time.perf_counter() - start)
            gc.enable()
    return best


def full(count: int, paginate: Callable[[], int]) -> float:
    """Best of :data:`FULL_RUNS` complete paginations, each checked to list every parameter."""
    listed: list[int] = []
    best = best_of(lambda: listed.append(paginate()), runs=FULL_RUNS)
    assert listed == [count] * FULL_RUNS, (listed, count)
    return best


def measure(count: int) -> dict[str, float]:
    with mock_kayvee() as kv:
        fill(kv.backend().parameters, count)
        ssm = boto3.client("ssm", region_name=kv.region)
        begins_with = [{"Key": "Name", "Option": "BeginsWith", "Values": ["/bench/f07/"]}]
        path = [{"Key": "Path", "Option": "OneLevel", "Values": ["/bench/f07"]}]

        def paginate(operation: str, **request) -> int:
            pages = ssm.get_paginator(operation).paginate(**request)
            return sum(len(page["Parameters"]) for page in pages)

        results = {
            "first page: GetParametersByPath": best_of(
                lambda: ssm.get_parameters_by_path(Path="/bench/f07", MaxResults=10)),
            "first page: DescribeParameters Name BeginsWith": best_of(
                lambda: ssm.describe_parameters(ParameterFilters=begins_with, MaxResults=50)),
            "first page: DescribeParameters Path": best_of(
                lambda: ssm.describe_parameters(ParameterFilters=path, MaxResults=50)),
        }
        results["full: GetParametersByPath (10/page)"] = full(count, lambda: paginate(
            "get_parameters_by_path", Path="/bench", Recursive=True,
            PaginationConfig={"PageSize": 10}))
        results["full: DescribeParameters (50/page)"] = full(count, lambda: paginate(
            "describe_parameters", PaginationConfig={"PageSize": 50}))
        return results


def main() -> None:
    measure(SIZES[0])  # warm-up: first-call imports and model loading are not listing costs
    small, large = (measure(size) for size in SIZES)
    header = f"{'measurement':<48} {'1,000':>11} {'50,000':>11} {'ratio':>7}  target"
    print(header)
    print("-" * len(header))
    for name in small:
        ratio = large[name] / small[name]
        target = "≤ 2×" if name.startswith("first") else "< 50×"
        limit = 2 if name.startswith("first") else 50
        verdict = "ok" if ratio <= limit else "MISSED"
        print(
            f"{name:<48} {small[name] * 1e3:>9.3f}ms {large[name] * 1e3:>9.3f}ms "
            f"{ratio:>6.2f}×  {target} {verdict}"
        )


if __name__ == "__main__":
    main()
