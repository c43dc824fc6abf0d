#!/usr/bin/env python
"""kv_mock against botocore's Stubber (the floor) and moto's ``mock_aws``, in one run.

Measures (issue 2, item 10; issue 10, item 15):

* the per-call cost of ``get_parameter``, ``put_parameter`` (an overwrite),
  ``get_secret_value`` and ``put_secret_value`` under each of the three;
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
MAX_CALL_RATIO = 1.3
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


#: What a measurement reads: this thread's CPU time (default) or wall-clock time. On a
#: shared machine CPU time leaves out the time other processes had the CPU, so rounds agree
#: (kv_mock/Stubber quartiles within ±0.03 instead of ±0.4 on this project's busy 2-core
#: box); everything measured is CPU-bound in-process work, so on an idle machine the two agree.
CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.thread_time, "wall": time.perf_counter}
clock: Callable[[], float] = CLOCKS["cpu"]


def timed(n: int, action: Callable[[], Any]) -> float:
    """Seconds per call of ``action``, over ``n`` calls, with the cyclic GC paused."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = clock()
        for _ in range(n):
            action()
        return (clock() - start) / n
    finally:
        if was_enabled:
            gc.enable()


# -- the two calls, and what Stubber answers them with -------------------------------------

@dataclass(frozen=True)
class Call:
    """One benchmarked call: its client, method and parameters, and AWS's answer."""

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


def _put_parameter_response() -> dict:
    return {"Version": 2, "Tier": "Standard"}


def _put_secret_value_response() -> dict:
    return {
        "ARN": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT_ID}:secret:{SECRET_NAME}-AbCdEf",
        "Name": SECRET_NAME,
        "VersionId": "01234567-89ab-4cde-8f01-23456789abcd",
        "VersionStages": ["AWSCURRENT"],
    }


_PUT_PARAMETER = {"Name": PARAMETER_NAME, "Value": PARAMETER_VALUE, "Type": "String",
                  "Overwrite": True}
_PUT_SECRET_VALUE = {"SecretId": SECRET_NAME, "SecretString": SECRET_VALUE}

#: The calls measured: two reads and two writes (an overwrite, a new secret version). The
#: writes add a version per call, as they would on AWS: under kv_mock their cost must not
#: grow with the versions a loop leaves behind.
CALLS = {
    "get_parameter": Call("ssm", "get_parameter", {"Name": PARAMETER_NAME}, _parameter_response),
    "put_parameter": Call("ssm", "put_parameter", _PUT_PARAMETER, _put_parameter_response),
    "get_secret_value": Call(
        "secretsmanager", "get_secret_value", {"SecretId": SECRET_NAME}, _secret_value_response
    ),
    "put_secret_value": Call(
        # botocore fills in a fresh ClientRequestToken for every call, under each target
        "secretsmanager", "put_secret_value", _PUT_SECRET_VALUE, _put_secret_value_response
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


def _tiny_test_under(session: boto3.session.Session, mock: Callable[[], Any]) -> Measure:
    """Mock on, client created, one put and one get, mock off."""
    def test() -> None:
        with mock():
            ssm = session.client("ssm", region_name=REGION)
            ssm.put_parameter(Name=PARAMETER_NAME, Value=PARAMETER_VALUE, Type="String")
            ssm.get_parameter(Name=PARAMETER_NAME)
    return partial(timed, action=test)


def kv_mock_tiny_test(session: boto3.session.Session) -> Measure:
    return _tiny_test_under(session, mock_kayvee)


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
    return _tiny_test_under(session, mock_aws)


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


#: Many short rounds: the closer in time two targets run, the less drift splits them.
FULL = Plan(rounds=25, calls=150, moto_calls=25, start_stops=1000, tiny_tests=8,
            moto_tiny_tests=2)
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

    def ratio_spread(self, row: str, top: str, bottom: str) -> Optional[tuple[float, float]]:
        """The quartiles of the per-round ratios: how much the rounds agree."""
        upper, lower = self.samples.get((row, top)), self.samples.get((row, bottom))
        if not upper or not lower or len(upper) < 2:
            return None
        low, _, high = statistics.quantiles((a / b for a, b in zip(upper, lower)), n=4)
        return low, high


def _cell(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _ratio_cell(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.2f}×"


def _spread_cell(spread: Optional[tuple[float, float]]) -> str:
    return "" if spread is None else f"{spread[0]:.2f}–{spread[1]:.2f}"


def report(results: Results, rounds: int) -> list[tuple[str, float, float, bool]]:
    """Print the table and the targets; return the targets as (what, value, limit, met)."""
    rows = [*CALLS, "tiny test", "start+stop"]
    print(f"\nkv_mock benchmark: median of {rounds} alternating rounds, µs per call / test "
          f"({'CPU' if clock is CLOCKS['cpu'] else 'wall'} time)\n")
    header = f"{'':18}{KV_MOCK:>10}{STUBBER:>10}{MOTO:>10}  {'kv_mock/Stubber':>16}"
    print(header + f"{'(quartiles)':>13}{'moto/kv_mock':>14}")
    for row in rows:
        print(
            f"{row:18}"
            + "".join(f"{_cell(results.median_us(row, t)):>10}" for t in (KV_MOCK, STUBBER, MOTO))
            + f"  {_ratio_cell(results.ratio(row, KV_MOCK, STUBBER)):>16}"
            + f"{_spread_cell(results.ratio_spread(row, KV_MOCK, STUBBER)):>13}"
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
    print("\ntargets (issue 2; per call: issue 10)")
    checked = []
    for what, value, limit in targets:
        met = value is not None and value <= limit
        shown = "-" if value is None else f"{value:.2f}"
        print(f"  {what:40} {shown:>8}   {'met' if met else 'MISSED'}")
        checked.append((what, value or 0.0, limit, met))
    return checked


# -- profile -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CapturedCall:
    """One ``get_parameter`` as kv_mock's ``before-call`` hook receives it."""

    model: Any
    params: dict
    context: dict


def _capture_get_parameter(session: boto3.session.Session) -> CapturedCall:
    """Make one call with a first ``before-call`` handler that keeps what it is given."""
    captured: dict[str, Any] = {}

    def keep(model: Any, params: dict, context: dict, **_: Any) -> None:
        captured.update(model=model, params=params, context=context)

    client = session.client("ssm", region_name=REGION)
    client.meta.events.register_first("before-call.ssm.GetParameter", keep)
    client.get_parameter(Name=PARAMETER_NAME)
    return CapturedCall(**captured)


def _best_times_us(
    n: int, actions: dict[str, Callable[[], Any]], repeats: int = 7
) -> dict[str, float]:
    """Best of ``repeats`` for each action, the actions taking turns within each repeat."""
    best = {label: float("inf") for label in actions}
    for _ in range(repeats):
        for label, action in actions.items():
            best[label] = min(best[label], timed(n, action) * 1e6)
    return best


def stage_timings(session: boto3.session.Session, n: int) -> list[tuple[str, float]]:
    """Each stage of kv_mock's answer to ``get_parameter``, timed alone (best of 7, µs).

    Timed alone, a stage runs with hot caches; inside a boto3 call it costs more.
    """
    from kv_mock import intercept, protocol, shapes, validate
    from kv_mock.context import Context
    from kv_mock.dispatch import dispatch
    from kv_mock.services import find_operation

    with mock_kayvee(region=REGION, account_id=ACCOUNT_ID) as kv:
        _seed(session)
        call = _capture_get_parameter(session)
        state, model, body = kv.state, call.model, call.params["body"]
        decode = protocol.request_decoder(model)
        request = decode(body)
        handler = find_operation("ssm", "GetParameter").handler  # type: ignore[union-attr]
        backend = state.backend(ACCOUNT_ID, REGION)

        def run_handler() -> dict:
            with state.lock:
                return handler(Context(state, ACCOUNT_ID, REGION, backend, state.clock.now()),
                               request)
        response = run_handler()
        stages = {
            "hook": partial(intercept._answer_call, model, call.params, call.context),
            "dispatch": partial(dispatch, state, model, body, ACCOUNT_ID, REGION),
            "request id (ids)": state.ids.request_id,
            "decode JSON body (protocol)": partial(decode, body),
            "validate request (validate)": partial(validate.request_validator(model), request),
            "clock read (clock)": state.clock.now,
            "handler + Context + lock (services)": run_handler,
            "check output shape (shapes)": partial(shapes.response_checker(model), response),
        }
        return list(_best_times_us(n, stages).items())


def print_stage_timings(results: Results, timings: list[tuple[str, float]]) -> None:
    spent = dict(timings)
    hook, inner = spent.pop("hook"), spent.pop("dispatch")
    whole = {t: results.median_us("get_parameter", t) for t in (KV_MOCK, STUBBER)}
    print("\nwhere kv_mock's time per get_parameter goes (each stage alone, best of 7, µs)")
    if whole[KV_MOCK] is not None and whole[STUBBER] is not None:
        print(f"  in the table: kv_mock {whole[KV_MOCK]:.1f} − Stubber {whole[STUBBER]:.1f}"
              f" = {whole[KV_MOCK] - whole[STUBBER]:.1f} µs more per call")
    print(f"  {'kv_mock hook (intercept._answer_call)':44}{hook:7.1f}")
    print(f"  {'  response envelope (hook − dispatch)':44}{hook - inner:7.1f}")
    print(f"  {'  dispatch':44}{inner:7.1f}")
    for label, value in spent.items():
        print(f"  {'    ' + label:44}{value:7.1f}")
    rest = inner - sum(spent.values())
    print(f"  {'    the rest: Context, call log, observers':44}{rest:7.1f}")


def _profiled(n: int, action: Callable[[], Any]) -> pstats.Stats:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(n):
        action()
    profile.disable()
    return pstats.Stats(profile)


def _cumulative_us(stats: pstats.Stats, function: Callable[..., Any], n: int) -> float:
    code = getattr(function, "__code__", None)
    if code is None:
        return 0.0
    key = (code.co_filename, code.co_firstlineno, code.co_name)
    entry = stats.stats.get(key)  # type: ignore[attr-defined]
    return entry[3] / n * 1e6 if entry else 0.0


def _profiled_stages(model: Any) -> list[tuple[str, Callable[..., Any]]]:
    """The functions whose cumulative time the profile report shows, indented by nesting.

    Decoding, validation and the response check are the closures dispatch keeps for the
    operation (``model``), not the one-shot helpers around them.
    """
    from kv_mock import intercept, protocol, shapes, validate
    from kv_mock.clock import Clock
    from kv_mock.dispatch import dispatch
    from kv_mock.ids import IdSource
    from kv_mock.services import find_operation
    from kv_mock.state import MockState

    return [
        ("kv_mock hook (intercept._answer_call)", intercept._answer_call),
        ("  dispatch", dispatch),
        ("    request id (ids)", IdSource.request_id),
        ("    decode JSON body (protocol)", protocol.request_decoder(model)),
        ("    validate request (validate)", validate.request_validator(model)),
        ("    due time events (state)", MockState.run_due_events),
        ("    clock reads (clock)", Clock.now),
        ("    handler (services)",
         find_operation("ssm", "GetParameter").handler),  # type: ignore[union-attr]
        ("    check output shape (shapes)", shapes.response_checker(model)),
        ("  HTTP response object (intercept)", intercept._MockedResponse.__init__),
        ("Stubber: pop the canned response", Stubber._get_response_handler),
        ("Stubber: check expected params", Stubber._assert_expected_params),
    ]


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
    print(f"\ncProfile of get_parameter ({n} calls, µs per call and share of the call)")
    print(f"  whole call: kv_mock {totals[KV_MOCK]:.1f}, Stubber {totals[STUBBER]:.1f}, "
          f"difference {totals[KV_MOCK] - totals[STUBBER]:.1f}")
    model = client.meta.service_model.operation_model("GetParameter")
    for label, function in _profiled_stages(model):
        target = STUBBER if label.startswith(STUBBER) else KV_MOCK
        spent = _cumulative_us(stub if target == STUBBER else kv, function, n)
        print(f"  {label:44}{spent:7.1f}  {spent / totals[target]:6.1%}")


# -- main ----------------------------------------------------------------------------------

def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few rounds, for CI")
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="what to time: this thread's CPU time (default) or wall time")
    parser.add_argument("--profile", action="store_true",
                        help="also profile kv_mock's per-call path against Stubber's")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a target is missed (off by default: timings drift)")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
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
            print_stage_timings(results, stage_timings(session, 200 if args.quick else 3000))
            profile_calls(session, 500 if args.quick else 5000)
    return 1 if args.check and not all(met for *_, met in checked) else 0


if __name__ == "__main__":
    sys.exit(main())
