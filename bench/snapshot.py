#!/usr/bin/env python
"""Snapshot size and restore time, and persisted write cost, for a large store (issue 5).

Fills a mock with 10,000 parameters and 1,000 secrets (through boto3, as a test would),
then measures:

* the snapshot document: its size as compact JSON and as indented JSON, the time to take
  it and to ``json.dumps`` it;
* loading it: ``json.loads`` plus ``kv.restore(doc)`` into a fresh mock;
* persistence (``mock_kayvee(persist=…)``): the time of one ``put_parameter`` against the
  same store kept in SQLite (``synchronous=FULL``: every call's commit is on disk before
  it returns) next to the same call without persistence, the time of a full save and of
  reopening the file (load) — every timing the median of several rounds.

    python bench/snapshot.py            # 10,000 parameters, 1,000 secrets
    python bench/snapshot.py --quick    # 1,000 and 100, for CI
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from typing import Callable

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3  # noqa: E402

from kv_mock import mock_kayvee  # noqa: E402

ROUNDS = 5
WRITES_PER_ROUND = 200


def fill(parameters: int, secrets: int) -> None:
    """Parameters in 100 folders, a tenth of them SecureStrings; secrets with two versions."""
    ssm = boto3.client("ssm")
    for index in range(parameters):
        ssm.put_parameter(
            Name=f"/bench/app{index % 100}/param{index}",
            Value=f"value-{index}-" + "x" * 40,
            Type="SecureString" if index % 10 == 0 else "String",
        )
    manager = boto3.client("secretsmanager")
    for index in range(secrets):
        manager.create_secret(
            Name=f"bench/secret{index}", SecretString=f'{{"password": "{index}"}}'
        )
        manager.put_secret_value(SecretId=f"bench/secret{index}", SecretString=f"rotated-{index}")


def median_seconds(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def per_write_ms(ssm: object, overwrite: bool, rounds: int = ROUNDS) -> float:
    """One ``put_parameter``: a new parameter each time, or new versions of one parameter
    (which soon has the 100 versions AWS keeps, all in its one row)."""
    counter = iter(range(10**9))

    def writes() -> None:
        for _ in range(WRITES_PER_ROUND):
            index = next(counter)
            ssm.put_parameter(  # type: ignore[attr-defined]
                Name="/bench/app0/param0" if overwrite else f"/bench/new/param{index}",
                Value=f"new-{index}", Overwrite=overwrite, Type="SecureString",
                # the store is at the 10,000 Standard parameters a region may have
                **({} if overwrite else {"Tier": "Advanced"}),
            )
    return median_seconds(writes, rounds) / WRITES_PER_ROUND * 1000


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true")
    quick = options.parse_args().quick
    parameters, secrets = (1_000, 100) if quick else (10_000, 1_000)

    with mock_kayvee(seed=1) as mock:
        fill(parameters, secrets)
        document = mock.snapshot()
        take = median_seconds(mock.snapshot)
        text = json.dumps(document)
        dump = median_seconds(lambda: json.dumps(document))
        memory_write = [per_write_ms(boto3.client("ssm"), overwrite) for overwrite in (False, True)]

    with mock_kayvee() as fresh:
        load = median_seconds(lambda: fresh.restore(json.loads(text)))
        assert fresh.snapshot() == json.loads(text)

    print(f"store: {parameters:,} parameters, {secrets:,} secrets")
    print(f"snapshot size: {len(text.encode()):,} bytes compact JSON, "
          f"{len(json.dumps(document, indent=2).encode()):,} bytes indented")
    print(f"snapshot: {take * 1000:.0f} ms to take, {dump * 1000:.0f} ms to json.dumps")
    print(f"load (json.loads + restore): {load * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "state.db")
        with mock_kayvee(persist=path) as persisted:
            started = time.perf_counter()
            persisted.restore(json.loads(text))
            first_save = time.perf_counter() - started
            persisted_write = [
                per_write_ms(boto3.client("ssm"), overwrite) for overwrite in (False, True)
            ]
            full_save = median_seconds(persisted.save)
        size = os.path.getsize(path)
        started = time.perf_counter()
        with mock_kayvee(persist=path):
            reopen = time.perf_counter() - started
    print(f"persisted file: {size:,} bytes; first save (all rows) {first_save * 1000:.0f} ms; "
          f"reopen (load) {reopen * 1000:.0f} ms; save with nothing changed "
          f"{full_save * 1000:.0f} ms")
    for index, what in enumerate(("a new parameter", "a new version of a 100-version parameter")):
        print(f"put_parameter, {what}: {memory_write[index]:.2f} ms in memory, "
              f"{persisted_write[index]:.2f} ms persisted "
              f"(median of {ROUNDS} rounds of {WRITES_PER_ROUND})")


if __name__ == "__main__":
    sys.exit(main())
