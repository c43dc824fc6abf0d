"""Parameter Store listing cost at 1,000 and 50,000 parameters, through real boto3 clients.

Run: ``python bench/ssm_listing.py``. Parameters are loaded straight into the mock's store
(50,000 PutParameter calls would only measure PutParameter), in the Advanced tier: as on
AWS, an account and region holds at most 10,000 Standard parameters (kv_mock refuses the
10,001st, ``tests/ssm/test_tiers.py``). For each size it times

* the first page of GetParametersByPath (one level, 10 items) and of DescribeParameters
  with a Name ``BeginsWith`` and with a ``Path`` filter (50 items) — best of many runs;
* paging through every parameter with each of the two paginators at their largest pages
  (best of five). Timings are this thread's CPU time (on a shared machine wall time also
  counts other processes' turns; on an idle one the two agree) with the garbage collector
  paused, as ``timeit`` does.

Targets (issue 10, item 16): the first page at 50,000 within 2× of 1,000 (the index makes
it O(log n + page)); a full GetParametersByPath walk of 50,000 parameters in at most 2 s.
The full DescribeParameters walk is shown with its ratio, for reference.
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
#: Targets: first pages within this ratio of 50,000 to 1,000; the full by-path walk of
#: 50,000 parameters within this many seconds.
MAX_FIRST_PAGE_RATIO = 2.0
MAX_FULL_WALK_SECONDS = 2.0


def fill(store: ParameterStore, count: int) -> None:
    """``count`` Advanced-tier parameters in 20 folders of /bench, each with a one-level and
    a deeper half."""
    for i in range(count):
        name = f"/bench/f{i % FOLDERS:02}/" + (f"p{i:06}" if i % 2 else f"deep/p{i:06}")
        version = ParameterVersion(
            version=1, value="v", type="String", last_modified_date=WHEN,
            last_modified_user="bench", tier="Advanced",
        )
        store.add_version(store.create(name), version)


def best_of(call: Callable[[], object], runs: int = FIRST_PAGE_RUNS) -> float:
    """The fastest of ``runs`` calls in CPU time, with the garbage collector paused as
    ``timeit`` does."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.thread_time()
        try:
            call()
        finally:
            best = min(best, time.thread_time() - start)
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
        if name.startswith("first"):
            target, met = f"≤ {MAX_FIRST_PAGE_RATIO:g}×", ratio <= MAX_FIRST_PAGE_RATIO
        elif "GetParametersByPath" in name:
            target, met = f"≤ {MAX_FULL_WALK_SECONDS:g} s", large[name] <= MAX_FULL_WALK_SECONDS
        else:
            target, met = "", None
        verdict = "" if met is None else ("ok" if met else "MISSED")
        print(
            f"{name:<48} {small[name] * 1e3:>9.3f}ms {large[name] * 1e3:>9.3f}ms "
            f"{ratio:>6.2f}×  {target} {verdict}"
        )


if __name__ == "__main__":
    main()
