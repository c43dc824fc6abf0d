#!/usr/bin/env python
"""Per-call cost with one version and with 10,000 versions of the same secret (issue 10, item 14).

Secrets Manager keeps every version of the last 24 hours, so a secret written in a loop
can hold thousands. Reading and writing it must cost the same as with one version: stage
lookups, retention and the stage map are indexed, not scans. For Parameter Store, which
keeps 100 versions, the same comparison is 1 against 100 versions.

Each round times every target once, in an order that rotates from round to round; each
ratio is the median of per-round ratios (both sides from the same stretch of time) and
the quartiles say how much the rounds agree. The garbage collector is paused inside timed
loops, as ``timeit`` does, and each sample is this thread's CPU time (see
``bench_calls.py``). A write adds a version per call, as on AWS: the "1 version"
write starts each round on a new secret (parameter) with one version.

    python bench/secret_versions.py            # ~1 minute (10,000 puts to build the secret)
    python bench/secret_versions.py --quick    # a few seconds, for CI
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from pathlib import Path
from typing import Callable, Optional

import boto3

from kv_mock import mock_kayvee

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_calls import timed  # noqa: E402  (this thread's CPU time, the GC paused)

REGION = "us-east-1"
#: The issue's target: the many-versions call within 1.2× of the one-version call.
MAX_RATIO = 1.2

#: Measure: run ``n`` calls, return seconds per call.
Measure = Callable[[int], float]


def measurements(many: int, parameter_versions: int) -> dict[tuple[str, str], Measure]:
    """(row, column) → measurement, inside the active mock."""
    sm = boto3.client("secretsmanager", region_name=REGION)
    ssm = boto3.client("ssm", region_name=REGION)
    sm.create_secret(Name="many", SecretString="v")
    for i in range(many - 1):
        sm.put_secret_value(SecretId="many", SecretString=f"v{i}")
    sm.create_secret(Name="one", SecretString="v")
    for i in range(parameter_versions):
        ssm.put_parameter(Name="/many", Value=f"v{i}", Type="String", Overwrite=True)
    ssm.put_parameter(Name="/one", Value="v", Type="String")
    fresh = (f"{i}" for i in itertools.count())

    def put_secret(secret_id: Optional[str]) -> Measure:
        def measure(n: int) -> float:
            name = secret_id or f"one-{next(fresh)}"
            if secret_id is None:
                sm.create_secret(Name=name, SecretString="v")
            return timed(n, lambda: sm.put_secret_value(SecretId=name, SecretString="x"))
        return measure

    def put_parameter(name: Optional[str]) -> Measure:
        def measure(n: int) -> float:
            target = name or f"/one-{next(fresh)}"
            if name is None:
                ssm.put_parameter(Name=target, Value="v", Type="String")
            return timed(n, lambda: ssm.put_parameter(
                Name=target, Value="x", Type="String", Overwrite=True))
        return measure

    def get_secret(secret_id: str) -> Measure:
        return lambda n: timed(n, lambda: sm.get_secret_value(SecretId=secret_id))

    def get_parameter(name: str) -> Measure:
        return lambda n: timed(n, lambda: ssm.get_parameter(Name=name))

    few, lots = "1", f"{many:,}"
    few_p, lots_p = "1", f"{parameter_versions:,}"
    return {
        ("get_secret_value", few): get_secret("one"),
        ("get_secret_value", lots): get_secret("many"),
        ("put_secret_value", few): put_secret(None),
        ("put_secret_value", lots): put_secret("many"),
        ("get_parameter", few_p): get_parameter("/one"),
        ("get_parameter", lots_p): get_parameter("/many"),
        ("put_parameter", few_p): put_parameter(None),
        ("put_parameter", lots_p): put_parameter("/many"),
    }


def run_rounds(table: dict[tuple[str, str], Measure], rounds: int, calls: int
               ) -> dict[tuple[str, str], list[float]]:
    keys = list(table)
    for key in keys:
        table[key](max(1, calls // 10))  # warm-up
    samples: dict[tuple[str, str], list[float]] = {key: [] for key in keys}
    for index in range(rounds):
        shift = index % len(keys)
        for key in keys[shift:] + keys[:shift]:
            samples[key].append(table[key](calls))
    return samples


def report(samples: dict[tuple[str, str], list[float]]) -> list[tuple[str, float, bool]]:
    """Print the table; return (row, ratio, met) for each row."""
    rows: dict[str, list[str]] = {}
    for row, column in samples:
        rows.setdefault(row, []).append(column)
    print(f"\n{'':18}{'versions':>10}{'µs/call':>10}{'versions':>10}{'µs/call':>10}"
          f"{'ratio':>9}{'(quartiles)':>14}  target ≤ {MAX_RATIO}×")
    checked = []
    for row, (few, lots) in rows.items():
        low, high = samples[(row, few)], samples[(row, lots)]
        ratios = [b / a for a, b in zip(low, high)]
        ratio = statistics.median(ratios)
        spread = ""
        if len(ratios) >= 2:
            q1, _, q3 = statistics.quantiles(ratios, n=4)
            spread = f"{q1:.2f}–{q3:.2f}"
        met = ratio <= MAX_RATIO
        print(f"{row:18}{few:>10}{statistics.median(low) * 1e6:>10.1f}{lots:>10}"
              f"{statistics.median(high) * 1e6:>10.1f}{ratio:>8.2f}×{spread:>14}  "
              f"{'met' if met else 'MISSED'}")
        checked.append((row, ratio, met))
    return checked


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and short, for CI")
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    many, rounds, calls = (300, 3, 20) if args.quick else (10_000, 21, 100)
    with mock_kayvee(region=REGION):
        table = measurements(many, parameter_versions=100)
        samples = run_rounds(table, args.rounds or rounds, calls)
    print(f"median of {args.rounds or rounds} alternating rounds of {calls} calls")
    checked = report(samples)
    return 1 if args.check and not all(met for *_, met in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
