#!/usr/bin/env python
"""Load on loopback: ``kv-mock serve`` against ``moto_server``, the same workload, in one run.

16 concurrent clients × 500 calls each (the issue-8 workload), mixed reads and writes on
shared parameters and secrets, so writes race each other:

* 30 % ``PutParameter`` (overwrite) and 30 % ``GetParameter`` on 16 shared parameters,
* 15 % ``PutSecretValue`` and 15 % ``GetSecretValue`` on 4 shared secrets,
* 10 % ``GetParametersByPath`` over all of them.

Afterwards it checks, through the same server, that nothing was lost or corrupted: no call
failed; every parameter's version is 1 + the writes it received, the versions the writes
got back are exactly 2…N (none given twice), and the history holds, version by version,
the value the write that got that version sent; every secret's ``AWSCURRENT`` is a version
a write created, holding what that write sent, and no version id was handed out twice.

Each server runs in its own process, started fresh for each run; runs are taken in rounds
(each round runs both servers, the order alternating) because a shared machine's speed
drifts: the verdict is the median of the per-round ratios. The clients speak AWS JSON
1.1 themselves over one keep-alive connection each (request bodies built in advance, a
syntactically valid SigV4 ``Authorization`` header that neither server verifies; the
idempotency token an SDK would fill in, ``ClientRequestToken``, in the body): a boto3
client costs ~0.5 ms of CPU per call, which on a 2-core machine would measure boto3, not
the servers. Every client thread sends its next request as soon as it has the answer.

    python bench/server_load.py                  # 16 × 500, both, 3 rounds (~1 min, 2 cores)
    python bench/server_load.py --calls 50 --rounds 1   # a quick run
    python bench/server_load.py --only kv-mock   # one server
    python bench/server_load.py --profile        # also: where kv-mock serve's time goes

Exit status 1 if any correctness check fails (never because of the timings).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

CLIENTS = 16
CALLS = 500
PARAMETERS = [f"/load/app{k}/value" for k in range(16)]
SECRETS = [f"load/secret{k}" for k in range(4)]
REGION = "us-east-1"
ACCESS_KEY = "123456789012"
GOAL = 5.0


# -- servers --------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start in time")


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    profile_path: Optional[str] = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_kv_mock(profile_path: Optional[str] = None) -> Server:
    port = _free_port()
    command = [sys.executable, "-m", "kv_mock", "serve", "--port", str(port),
               "--log-level", "warning"]
    if profile_path:
        command = [sys.executable, "-m", "cProfile", "-o", profile_path, "-m", "kv_mock",
                   "serve", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for_port(port, process, time.monotonic() + 30)
    return Server("kv-mock serve", port, process, profile_path)


def start_moto() -> Server:
    executable = shutil.which("moto_server") or os.path.join(
        os.path.dirname(sys.executable), "moto_server")
    if not os.path.exists(executable):
        raise RuntimeError("moto_server not found: pip install -e '.[bench]'")
    port = _free_port()
    process = subprocess.Popen([executable, "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_port(port, process, time.monotonic() + 60)
    return Server("moto_server", port, process)


# -- the wire -------------------------------------------------------------------------------

_SERVICES = {"AmazonSSM": "ssm", "secretsmanager": "secretsmanager"}


def _headers(target: str) -> dict[str, str]:
    service = _SERVICES[target.split(".")[0]]
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": target,
        "X-Amz-Date": stamp,
        "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{stamp[:8]}/{REGION}/{service}/"
            "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            "Signature=" + "0" * 64),
    }


class Connection:
    """One client's keep-alive connection; ``call`` returns (status, decoded body)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {target: _headers(target) for target in (
            "AmazonSSM.PutParameter", "AmazonSSM.GetParameter",
            "AmazonSSM.GetParametersByPath", "AmazonSSM.GetParameterHistory",
            "secretsmanager.PutSecretValue", "secretsmanager.GetSecretValue",
            "secretsmanager.CreateSecret")}

    def call(self, target: str, body: bytes) -> tuple[int, Any]:
        self.http.request("POST", "/", body, self.headers[target])
        response = self.http.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None

    def close(self) -> None:
        self.http.close()


# -- the workload ---------------------------------------------------------------------------

@dataclass
class ClientResult:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: parameter name → [(version got back, value sent)]
    parameter_writes: dict[str, list[tuple[int, str]]] = field(
        default_factory=lambda: defaultdict(list))
    #: secret name → [(version id got back, value sent)]
    secret_writes: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list))


def _plan(client: int, calls: int) -> list[tuple[str, str, bytes, Optional[str]]]:
    """The client's calls, built in advance: (target, resource, body, value written)."""
    rng = random.Random(client)
    plan = []
    for n in range(calls):
        roll = rng.random()
        value = f"client{client}-call{n}"
        if roll < 0.30:
            name = rng.choice(PARAMETERS)
            plan.append(("AmazonSSM.PutParameter", name, json.dumps(
                {"Name": name, "Value": value, "Type": "String", "Overwrite": True}).encode(),
                value))
        elif roll < 0.60:
            name = rng.choice(PARAMETERS)
            plan.append(("AmazonSSM.GetParameter", name,
                         json.dumps({"Name": name}).encode(), None))
        elif roll < 0.75:
            name = rng.choice(SECRETS)
            plan.append(("secretsmanager.PutSecretValue", name, json.dumps(
                {"SecretId": name, "SecretString": value,
                 "ClientRequestToken": str(uuid.UUID(int=rng.getrandbits(128)))}).encode(),
                value))
        elif roll < 0.90:
            name = rng.choice(SECRETS)
            plan.append(("secretsmanager.GetSecretValue", name,
                         json.dumps({"SecretId": name}).encode(), None))
        else:
            plan.append(("AmazonSSM.GetParametersByPath", "/load", json.dumps(
                {"Path": "/load", "Recursive": True, "MaxResults": 10}).encode(), None))
    return plan


def _run_client(port: int, plan: list, result: ClientResult, start: threading.Barrier) -> None:
    connection = Connection(port)
    try:
        start.wait()
        for target, resource, body, value in plan:
            began = time.perf_counter()
            try:
                status, answer = connection.call(target, body)
            except (OSError, http.client.HTTPException, ValueError) as failure:
                result.errors.append(f"{target} {resource}: {failure!r}")
                connection.close()
                connection = Connection(port)
                continue
            result.latencies.append(time.perf_counter() - began)
            if status != 200:
                result.errors.append(f"{target} {resource}: HTTP {status} {answer}")
            elif target == "AmazonSSM.PutParameter":
                result.parameter_writes[resource].append((answer["Version"], value))
            elif target == "secretsmanager.PutSecretValue":
                result.secret_writes[resource].append((answer["VersionId"], value))
    finally:
        connection.close()


def _seed(port: int) -> None:
    connection = Connection(port)
    try:
        for name in PARAMETERS:
            status, answer = connection.call("AmazonSSM.PutParameter", json.dumps(
                {"Name": name, "Value": "initial", "Type": "String"}).encode())
            assert status == 200, answer
        for name in SECRETS:
            status, answer = connection.call("secretsmanager.CreateSecret", json.dumps(
                {"Name": name, "SecretString": "initial",
                 "ClientRequestToken": str(uuid.uuid4())}).encode())
            assert status == 200, answer
    finally:
        connection.close()


def _verify(port: int, results: list[ClientResult]) -> list[str]:
    """What is wrong with the store after the run (empty: nothing)."""
    problems: list[str] = []
    connection = Connection(port)
    try:
        for name in PARAMETERS:
            writes = [write for result in results for write in result.parameter_writes[name]]
            versions = sorted(version for version, _ in writes)
            if versions != list(range(2, len(writes) + 2)):
                problems.append(f"{name}: writes got versions {versions[:5]}… "
                                f"(expected 2…{len(writes) + 1}, each once)")
            status, current = connection.call("AmazonSSM.GetParameter",
                                              json.dumps({"Name": name}).encode())
            if current["Parameter"]["Version"] != len(writes) + 1:
                problems.append(f"{name}: version {current['Parameter']['Version']}, "
                                f"{len(writes)} writes")
            written = dict(writes)
            history = _parameter_history(connection, name)
            for version, value in history.items():
                expected = written.get(version, "initial" if version == 1 else None)
                if value != expected:
                    problems.append(f"{name} version {version}: {value!r}, wrote {expected!r}")
                    break
        for name in SECRETS:
            writes = [write for result in results for write in result.secret_writes[name]]
            ids = [version_id for version_id, _ in writes]
            if len(set(ids)) != len(ids):
                problems.append(f"{name}: a version id was handed out twice")
            status, current = connection.call("secretsmanager.GetSecretValue",
                                              json.dumps({"SecretId": name}).encode())
            written = dict(writes)
            if writes and written.get(current["VersionId"]) != current["SecretString"]:
                problems.append(f"{name}: AWSCURRENT {current['VersionId']} holds "
                                f"{current['SecretString']!r}, not what a write sent")
    finally:
        connection.close()
    return problems


def _parameter_history(connection: Connection, name: str) -> dict[int, str]:
    history: dict[int, str] = {}
    token: Optional[str] = None
    while True:
        request: dict[str, Any] = {"Name": name, "MaxResults": 50}
        if token:
            request["NextToken"] = token
        status, page = connection.call("AmazonSSM.GetParameterHistory",
                                       json.dumps(request).encode())
        if status != 200:
            raise RuntimeError(f"GetParameterHistory {name}: {status} {page}")
        for entry in page["Parameters"]:
            history[entry["Version"]] = entry["Value"]
        token = page.get("NextToken")
        if not token:
            return history


@dataclass
class RunResult:
    server: str
    calls: int
    seconds: float
    latencies: list[float]
    errors: list[str]
    problems: list[str]

    @property
    def throughput(self) -> float:
        return self.calls / self.seconds

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run(server: Server, clients: int, calls: int) -> RunResult:
    _seed(server.port)
    results = [ClientResult() for _ in range(clients)]
    plans = [_plan(client, calls) for client in range(clients)]
    start = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=_run_client, args=(server.port, plans[i], results[i],
                                                          start), daemon=True)
               for i in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=600)
    seconds = time.perf_counter() - began
    problems = _verify(server.port, results)
    return RunResult(
        server.name, sum(len(result.latencies) for result in results), seconds,
        [latency for result in results for latency in result.latencies],
        [error for result in results for error in result.errors], problems)


def _report(rounds: list[list[RunResult]], clients: int, calls: int) -> None:
    """Per round, each server's numbers; then medians, and the median per-round ratio."""
    print(f"\nserver load: {clients} clients × {calls} calls, loopback, "
          f"{len(rounds)} round(s), servers alternating\n")
    print(f"{'round':<7}{'server':<15}{'calls/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}{'store':>8}")
    for number, runs in enumerate(rounds, 1):
        for result in runs:
            print(f"{number:<7}{result.server:<15}{result.throughput:>10,.0f}"
                  f"{result.quantile(0.50) * 1e3:>9.2f}{result.quantile(0.99) * 1e3:>9.2f}"
                  f"{len(result.errors):>8}{'ok' if not result.problems else 'BROKEN':>8}")
    for runs in rounds:
        for result in runs:
            for line in (result.errors[:5] + result.problems[:5]):
                print(f"  {result.server}: {line}")
    by_server: dict[str, list[RunResult]] = defaultdict(list)
    for runs in rounds:
        for result in runs:
            by_server[result.server].append(result)
    print("\nmedian over rounds:")
    for name, results in by_server.items():
        print(f"  {name:<15}{statistics.median(r.throughput for r in results):>10,.0f} calls/s"
              f"  p50 {statistics.median(r.quantile(0.5) for r in results) * 1e3:.2f} ms"
              f"  p99 {statistics.median(r.quantile(0.99) for r in results) * 1e3:.2f} ms")
    ratios = [runs[0].throughput / runs[1].throughput for runs in rounds if len(runs) == 2]
    if ratios:
        ratio = statistics.median(ratios)
        verdict = "met" if ratio >= GOAL else "missed"
        print(f"\nthroughput kv-mock / moto_server, median of per-round ratios: {ratio:.1f}× "
              f"(rounds: {', '.join(f'{r:.1f}×' for r in ratios)}; goal ≥ {GOAL:.0f}×: "
              f"{verdict})")


def _profile_report(path: str) -> None:
    import pstats

    print("\nkv-mock serve's event-loop thread (HTTP parsing, ASGI; cumulative, top 20):")
    pstats.Stats(path).sort_stats("cumulative").print_stats(20)


def _request_costs(repeat: int = 3000) -> None:
    """Where a request's time goes inside the app, without sockets: the route (caller
    rules, dispatch, encoding) against the dispatch alone (decode, validate, handler,
    shape check)."""
    from kv_mock.dispatch import dispatch
    from kv_mock.mock import KvMock
    from kv_mock.service_models import operation_model
    from kv_mock.transports.asgi import App
    from kv_mock.transports.caller import CallerRules
    from kv_mock.transports.http import HttpRequest

    mock = KvMock()
    mock.start()
    try:
        app = App(mock, CallerRules(mock.account_id, mock.region, {}, {}, False))
        put = json.dumps({"Name": "/cost", "Value": "v", "Type": "String"}).encode()
        app._answer(HttpRequest("POST", "/", "", _lowered("AmazonSSM.PutParameter"), put, mock))
        get = json.dumps({"Name": "/cost"}).encode()
        request = HttpRequest("POST", "/", "", _lowered("AmazonSSM.GetParameter"), get, mock)
        model = operation_model("ssm", "GetParameter")
        began = time.perf_counter()
        for _ in range(repeat):
            app._answer(request)
        route = (time.perf_counter() - began) / repeat
        began = time.perf_counter()
        for _ in range(repeat):
            dispatch(mock.state, model, get, mock.account_id, mock.region)
        alone = (time.perf_counter() - began) / repeat
    finally:
        mock.stop()
        app.close()
    print(f"\nGetParameter inside the app, no sockets: route {route * 1e6:.0f} µs, of which "
          f"dispatch {alone * 1e6:.0f} µs (the rest: caller rules, AWS JSON encoding, headers)")


def _lowered(target: str) -> dict[str, str]:
    return {name.lower(): value for name, value in _headers(target).items()}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--calls", type=int, default=CALLS, help="calls per client")
    parser.add_argument("--only", choices=("kv-mock", "moto"))
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds; each runs every server once, the order alternating")
    parser.add_argument("--profile", action="store_true",
                        help="run kv-mock serve under cProfile (its event-loop thread) and "
                             "time a request's work inside the app")
    arguments = parser.parse_args(argv)
    rounds: list[list[RunResult]] = []
    profile_path = None
    if arguments.profile:
        profile_path = os.path.join(tempfile.mkdtemp(), "kv-mock-serve.prof")
    starters = [("kv-mock", lambda: start_kv_mock(profile_path)), ("moto", start_moto)]
    starters = [(name, starter) for name, starter in starters
                if not arguments.only or arguments.only == name]
    for number in range(arguments.rounds):
        runs: dict[str, RunResult] = {}
        order = starters if number % 2 == 0 else starters[::-1]
        for name, starter in order:
            server = starter()  # a fresh server each round: every run starts from empty
            try:
                runs[name] = run(server, arguments.clients, arguments.calls)
            finally:
                server.stop()
        rounds.append([runs[name] for name, _ in starters])  # kv-mock first, for the ratio
    _report(rounds, arguments.clients, arguments.calls)
    if profile_path and os.path.exists(profile_path):
        _profile_report(profile_path)
    if arguments.profile:
        _request_costs()
    broken = [r for runs in rounds for r in runs if r.errors or r.problems]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
