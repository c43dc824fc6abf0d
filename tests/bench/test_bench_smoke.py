"""bench/bench_calls.py runs end to end (tiny iteration counts; no timing ratios asserted).

Timing ratios drift too much on shared CI machines to assert; only a gross regression of
start+stop (the issue's target is 50 µs) fails the suite.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path
from types import ModuleType
from typing import Iterator

import boto3
import pytest

BENCH_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "bench_calls.py"

#: Far above the 50 µs target: fails only when start+stop became a different kind of work.
START_STOP_REGRESSION_LIMIT_SECONDS = 2e-3


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("bench_calls", BENCH_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def session(bench: ModuleType) -> Iterator[boto3.session.Session]:
    with bench.bench_environment():
        yield boto3.session.Session()


def test_every_measurement_gives_a_positive_time_per_round(
    bench: ModuleType, session: boto3.session.Session
) -> None:
    plan = bench.Plan(rounds=2, calls=3, moto_calls=2, start_stops=5, tiny_tests=1,
                      moto_tiny_tests=1)
    table = bench.measurements(session, plan, with_moto=bench.mock_aws is not None)

    samples = bench.run_rounds(table, plan.rounds)

    assert set(samples) == set(table)
    assert all(len(times) == 2 and min(times) > 0 for times in samples.values())


def test_report_prints_every_row_and_target(
    bench: ModuleType, session: boto3.session.Session, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = bench.Plan(rounds=1, calls=2, moto_calls=1, start_stops=5, tiny_tests=1,
                      moto_tiny_tests=1)
    samples = bench.run_rounds(bench.measurements(session, plan, with_moto=False), 1)

    checked = bench.report(bench.Results(samples), 1)

    printed = capsys.readouterr().out
    for row in ("get_parameter", "put_parameter", "get_secret_value", "put_secret_value",
                "tiny test", "start+stop"):
        assert row in printed
    assert len(checked) == 6 and all(value > 0 for _, value, _, _ in checked)


def test_start_stop_has_not_regressed_grossly(bench: ModuleType) -> None:
    times = [bench.kv_mock_start_stop(200) for _ in range(5)]

    assert statistics.median(times) < START_STOP_REGRESSION_LIMIT_SECONDS


def test_script_exits_zero_with_quick_profile_run(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--quick", "--rounds", "1", "--profile"]) == 0
    printed = capsys.readouterr().out
    assert "where kv_mock's time per get_parameter goes" in printed
    assert "cProfile of get_parameter" in printed
