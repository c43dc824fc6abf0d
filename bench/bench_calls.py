#!/usr/bin/env python
"""kv_mock against botocore's Stubber (the floor) and moto's ``mock_aws``, in one run.

Measures (issue 2, item 10):

* the per-call cost of ``get_parameter`` and ``get_secret_value`` under each of the three;
* one ``start()`` + ``stop()`` of a kv_mock;
* a tiny test — mock on, client created, one put and one get, mock off — under kv_mock,
  under Stubber (client created, stub activated, two stubbed calls, deactivated) and, for
  reference, under moto.

This machine's speed drifts between (and within) runs, so every measurement is taken in
rounds: each round runs every target once, in an order that rotates from round to round,
and the report gives the median over rounds. Ratios are the median of the per-round
ratios, so both sides of a ratio always come from the same round. As ``timeit`` does, the
cyclic garbage collector is paused inside each timed loop; set-up (seeding data, creating
clients, pre-loading Stubber responses) is never timed.

Every target runs with the same fake credentials and no AWS config files, so none of them
resolves real credentials or probes the instance-metadata endpoint; nothing reaches AWS.

    python bench/bench_calls.py            # full run, ~20 s
    python bench/bench_calls.py --quick    # a few seconds, for CI
    python bench/bench_calls.py --profile  # also: where kv_mock's time per call goes
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as _dt
import gc
import os
import pstats
import statistics
import sys
import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterator, Optional

import boto3
from botocore.stub import Stubber

from kv_mock import mock_kayvee

try:
    from moto import mock_aws
except ImportError:  # moto is only in the ``bench`` extra
    mock_aws = None

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
PARAMETER_NAME = "/bench/db/host"
PARAMETER_VALUE = "db.internal.example.com"
SECRET_NAME = "bench/db/password"
SECRET_VALUE = "s3cr3t-p4ssw0rd"

#: The environment every target runs in: fake credentials, no config files, no IMDS.
BENCH_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}

#: The issue's "done when" numbers.
MAX_CALL_RATIO = 1.5
MAX_START_STOP_US = 50.0
MAX_TINY_TEST_RATIO = 1.5

KV_MOCK, STUBBER, MOTO = "kv_mock", "Stubber", "moto"

#: A measurement: run ``n`` iterations, return the seconds one iteration took.
Measure = Callable[[int], float]


@contextlib.contextmanager
def bench_environment() -> Iterator[None]:
    """Apply :data:`BENCH_ENVIRONMENT`, restoring the previous values afterwards."""
    saved = {name: os.environ.get(name) for name in BENCH_ENVIRONMENT}
    os.environ.update(BENCH_ENVIRONMENT)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def timed(n: int, action: Callable[[], Any]) -> float:
    """Seconds per call of ``action``, over ``n`` calls, with the cyclic GC paused."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(n):
            action()
        return (time.perf_counter() - start) / n
    finally:
        if was_enabled:
            gc.enable()


# -- the two calls, and what Stubber answers them with -------------------------------------

@dataclass(frozen=True)
class Call:
    """One benchmarked read: its client, method and parameters, and AWS's answer."""

    service: str
    method: str
    params: dict
    response: Callable[[], dict]


def _parameter_response() -> dict:
    return {
        "Parameter": {
            "Name": PARAMETER_NAME,
            "Type": "String",
            "Value": PARAMETER_VALUE,
            "Version": 1,
            "LastModifiedDate": _dt.datetime.now(_dt.timezone.utc),
            "ARN": f"arn:aws:ssm:{REGION}:{ACCOUNT_ID}:parameter{PARAMETER_NAME}",
            "DataType": "text",
        }
    }


def _secret_value_response() -> dict:
    return {
        "ARN": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT_ID}:secret:{SECRET_NAME}-AbCdEf",
        "Name": SECRET_NAME,
        "VersionId": "01234567-89ab-4cde-8f01-23456789abcd",
        "SecretString": SECRET_VALUE,
        "VersionStages": ["AWSCURRENT"],
        "CreatedDate": _dt.datetime.now(_dt.timezone.utc),
    }


CALLS = {
    "get_parameter": Call("ssm", "get_parameter", {"Name": PARAMETER_NAME}, _parameter_response),
    "get_secret_value": Call(
        "secretsmanager", "get_secret_value", {"SecretId": SECRET_NAME}, _secret_value_response
    ),
}


def _seed(session: boto3.session.Session) -> None:
    """Store the parameter and the secret the calls read (under kv_mock or moto)."""
    ssm = session.client("ssm", region_name=REGION)
    ssm.put_parameter(Name=PARAMETER_NAME, Value=PARAMETER_VALUE, Type="String")
    secrets = session.client("secretsmanager", region_name=REGION)
    secrets.create_secret(Name=SECRET_NAME, SecretString=SECRET_VALUE)


def _bound_call(session: boto3.session.Session, call: Call) -> Callable[[], Any]:
    client = session.client(call.service, region_name=REGION)
    return partial(getattr(client, call.method), **call.params)


# -- per-call measurements -----------------------------------------------------------------

def kv_mock_call(session: boto3.session.Session, call: Call) -> Measure:
    def measure(n: int) -> float:
        with mock_kayvee(region=REGION, account_id=ACCOUNT_ID):
            _seed(session)
            return timed(n, _bound_call(session, call))
    return measure


def moto_call(session: boto3.session.Session, call: Call) -> Measure:
    def measure(n: int) -> float:
        with mock_aws():
            _seed(session)
            return timed(n, _bound_call(session, call))
    return measure


def stubber_call(session: boto3.session.Session, call: Call) -> Measure:
    """Stubber with ``n`` responses pre-loaded, each validated against the output shape
    (``add_response``) and each call's parameters checked (``expected_params``)."""
    def measure(n: int) -> float:
        client = session.client(call.service, region_name=REGION)
        with Stubber(client) as stubber:
            for _ in range(n):
                stubber.add_response(call.method, call.response(), dict(call.params))
            return timed(n, partial(getattr(client, call.method), **call.params))
    return measure


# -- start+stop and the tiny test ----------------------------------------------------------

def kv_mock_start_stop(n: int) -> float:
    mock = mock_kayvee()

    def start_stop() -> None:
        mock.start()
        mock.stop()
    return timed(n, start_stop)


def kv_mock_tiny_test(session: boto3.session.Session) -> Measure:
    def test() -> None:
        with mock_kayvee():
            ssm = session.client("ssm", region_name=REGION)
            ssm.put_parameter(Name=PARAMETER_NAME, Value=PARAMETER_VALUE, Type="String")
            ssm.get_parameter(Name=PARAMETER_NAME)
    return partial(timed, action=test)


def stubber_tiny_test(session: boto3.session.Session) -> Measure:
    put = {"Name": PARAMETER_NAME, "Value": PARAMETER_VALUE, "Type": "String"}
    get = {"Name": PARAMETER_NAME}

    def test() -> None:
        ssm = session.client("ssm", region_name=REGION)
        with Stubber(ssm) as stubber:
            stubber.add_response("put_parameter", {"Version": 1, "Tier": "Standard"}, put)
            stubber.add_response("get_parameter", _parameter_response(), get)
            ssm.put_parameter(**put)
            ssm.get_parameter(**get)
    return partial(timed, action=test)


def moto_tiny_test(session: boto3.session.Session) -> Measure:
    def test() -> None:
        with mock_aws():
            ssm = session.client("ssm", region_name=REGION)
            ssm.put_parameter(Name=PARAMETER_NAME, Value=PARAMETER_VALUE, Type="String")
            ssm.get_parameter(Name=PARAMETER_NAME)
    return partial(timed, action=test)


# -- rounds --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    """How much to run: rounds, and iterations per round of each kind of measurement."""

    rounds: int
    calls: int
    moto_calls: int
    start_stops: int
    tiny_tests: int
    moto_tiny_tests: int


FULL = Plan(rounds=15, calls=400, moto_calls=60, start_stops=2000, tiny_tests=20,
            moto_tiny_tests=4)
QUICK = Plan(rounds=3, calls=60, moto_calls=10, start_stops=300, tiny_tests=3,
             moto_tiny_tests=1)

#: (row, target) → measurement; rows are the lines of the report's table.
Key = tuple[str, str]


def measurements(session: boto3.session.Session, plan: Plan,
                 with_moto: bool) -> dict[Key, tuple[Measure, int]]:
    """Every measurement of the run, with its iterations per round."""
    table: dict[Key, tuple[Measure, int]] = {}
    for row, call in CALLS.items():
        table[(row, KV_MOCK)] = (kv_mock_call(session, call), plan.calls)
        table[(row, STUBBER)] = (stubber_call(session, call), plan.calls)
        if with_moto:
            table[(row, MOTO)] = (moto_call(session, call), plan.moto_calls)
    table[("start+stop", KV_MOCK)] = (kv_mock_start_stop, plan.start_stops)
    table[("tiny test", KV_MOCK)] = (kv_mock_tiny_test(session), plan.tiny_tests)
    table[("tiny test", STUBBER)] = (stubber_tiny_test(session), plan.tiny_tests)
    if with_moto:
        table[("tiny test", MOTO)] = (moto_tiny_test(session), plan.moto_tiny_tests)
    return table


def run_rounds(table: dict[Key, tuple[Measure, int]], rounds: int) -> dict[Key, list[float]]:
    """Seconds per iteration, one sample per round, targets alternating within each round.

    A first, untimed pass warms every target up (imports, model loading, caches).
    """
    keys = list(table)
    for measure, n in table.values():
        measure(max(1, n // 10))
    samples: dict[Key, list[float]] = {key: [] for key in keys}
    for index in range(rounds):
        shift = index % len(keys)
        for key in keys[shift:] + keys[:shift]:
            measure, n = table[key]
            samples[key].append(measure(n))
    return samples


# -- report --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Results:
    samples: dict[Key, list[float]]

    def median_us(self, row: str, target: str) -> Optional[float]:
        found = self.samples.get((row, target))
        return statistics.median(found) * 1e6 if found else None

    def ratio(self, row: str, top: str, bottom: str) -> Optional[float]:
        """Median over rounds of ``top / bottom`` measured in the same round."""
        upper, lower = self.samples.get((row, top)), self.samples.get((row, bottom))
        if not upper or not lower:
            return None
        return statistics.median(a / b for a, b in zip(upper, lower))


def _cell(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _ratio_cell(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.2f}×"


def report(results: Results, rounds: int) -> list[tuple[str, float, float, bool]]:
    """Print the table and the targets; return the targets as (what, value, limit, met)."""
    rows = [*CALLS, "tiny test", "start+stop"]
    print(f"\nkv_mock benchmark: median of {rounds} alternating rounds, µs per call / test\n")
    header = f"{'':18}{KV_MOCK:>10}{STUBBER:>10}{MOTO:>10}  {'kv_mock/Stubber':>16}"
    print(header + f"{'moto/kv_mock':>14}")
    for row in rows:
        print(
            f"{row:18}"
            + "".join(f"{_cell(results.median_us(row, t)):>10}" for t in (KV_MOCK, STUBBER, MOTO))
            + f"  {_ratio_cell(results.ratio(row, KV_MOCK, STUBBER)):>16}"
            + f"{_ratio_cell(results.ratio(row, MOTO, KV_MOCK)):>14}"
        )
    targets = [
        *(
            (f"{row}: kv_mock/Stubber ≤ {MAX_CALL_RATIO}",
             results.ratio(row, KV_MOCK, STUBBER), MAX_CALL_RATIO)
            for row in CALLS
        ),
        (f"start+stop < {MAX_START_STOP_US:.0f} µs",
         results.median_us("start+stop", KV_MOCK), MAX_START_STOP_US),
        (f"tiny test: kv_mock/Stubber ≤ {MAX_TINY_TEST_RATIO}",
         results.ratio("tiny test", KV_MOCK, STUBBER), MAX_TINY_TEST_RATIO),
    ]
    print("\ntargets (issue 2)")
    checked = []
    for what, value, limit in targets:
        met = value is not None and value <= limit
        shown = "-" if value is None else f"{value:.2f}"
        print(f"  {what:40} {shown:>8}   {'met' if met else 'MISSED'}")
        checked.append((what, value or 0.0, limit, met))
    return checked


# -- profile -------------------------------------------------------------------------------

#: Where kv_mock's per-call time goes, by stage: (label, module suffix, function name).
STAGES = [
    ("botocore hook → response (intercept)", "kv_mock/intercept.py", "_answer_call"),
    ("  dispatch (all stages below)", "kv_mock/dispatch.py", "dispatch"),
    ("    decode JSON body (protocol)", "kv_mock/protocol.py", "decode_request"),
    ("    validate request (validate)", "kv_mock/validate.py", "validate_request"),
    ("    due time events (state)", "kv_mock/state.py", "run_due_events"),
    ("    handler (services)", "kv_mock/services/ssm/", "get_parameter"),
    ("    check output shape (shapes)", "kv_mock/shapes.py", "check_response"),
    ("  request ids (ids)", "kv_mock/ids.py", "request_id"),
    ("  clock reads, all call sites (clock)", "kv_mock/clock.py", "now"),
    ("Stubber: pop the canned response", "botocore/stub.py", "_get_response_handler"),
    ("Stubber: check expected params", "botocore/stub.py", "_assert_expected_params"),
]


def _profiled(n: int, action: Callable[[], Any]) -> pstats.Stats:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(n):
        action()
    profile.disable()
    return pstats.Stats(profile)


def _cumulative_us(stats: pstats.Stats, module: str, function: str, n: int) -> float:
    return sum(
        entry[3] for (path, _, name), entry in stats.stats.items()  # type: ignore[attr-defined]
        if name == function and module in path.replace(os.sep, "/")
    ) / n * 1e6


def profile_calls(session: boto3.session.Session, n: int) -> None:
    """cProfile ``get_parameter`` under kv_mock and under Stubber; print the stages.

    cProfile inflates code made of many small calls, so read the stages as shares of the
    profiled call, not as absolute costs.
    """
    call = CALLS["get_parameter"]
    with mock_kayvee(region=REGION, account_id=ACCOUNT_ID):
        _seed(session)
        action = _bound_call(session, call)
        action()
        kv = _profiled(n, action)
    client = session.client(call.service, region_name=REGION)
    with Stubber(client) as stubber:
        for _ in range(n + 1):
            stubber.add_response(call.method, call.response(), dict(call.params))
        action = partial(getattr(client, call.method), **call.params)
        action()
        stub = _profiled(n, action)
    totals = {name: stats.total_tt / n * 1e6  # type: ignore[attr-defined]
              for name, stats in ((KV_MOCK, kv), (STUBBER, stub))}
    print(f"\nprofile of get_parameter ({n} calls under cProfile, µs per call)")
    print(f"  whole call: kv_mock {totals[KV_MOCK]:.1f}, Stubber {totals[STUBBER]:.1f}, "
          f"difference {totals[KV_MOCK] - totals[STUBBER]:.1f}")
    for label, module, function in STAGES:
        stats = stub if module.startswith("botocore/") else kv
        total = totals[STUBBER if stats is stub else KV_MOCK]
        spent = _cumulative_us(stats, module, function, n)
        print(f"  {label:40} {spent:7.1f}  {spent / total:6.1%}")


# -- main ----------------------------------------------------------------------------------

def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few rounds, for CI")
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--profile", action="store_true",
                        help="also profile kv_mock's per-call path against Stubber's")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a target is missed (off by default: timings drift)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    rounds = args.rounds or plan.rounds
    with bench_environment():
        session = boto3.session.Session()
        if mock_aws is None:
            print("moto is not installed (pip install -e '.[bench]'): moto columns skipped")
        table = measurements(session, plan, with_moto=mock_aws is not None)
        results = Results(run_rounds(table, rounds))
        checked = report(results, rounds)
        if args.profile:
            profile_calls(session, 500 if args.quick else 5000)
    return 1 if args.check and not all(met for *_, met in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
