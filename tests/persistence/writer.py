"""A process that writes to a persisted mock and says so after each acknowledged write.

    python writer.py STATE_FILE puts N   # put /w/N, /w/N+1, … forever, printing each index
    python writer.py STATE_FILE expire   # an Expiration falls due, then the process dies
    python writer.py STATE_FILE save     # a key made from Python, kv.save(), then it dies
    python writer.py STATE_FILE scenario # tests/snapshot's scenario; prints the snapshot, dies
"""

import datetime as _dt
import itertools
import json
import os
import signal
import sys
from pathlib import Path

os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")

import boto3  # noqa: E402

from kv_mock import mock_kayvee  # noqa: E402

sys.path.insert(0, str(Path(__file__).parents[1]))
from snapshot.scenario import build  # noqa: E402

EXPIRES = _dt.datetime(2030, 1, 1, tzinfo=_dt.timezone.utc)


def puts(kv, ssm, start="0"):
    # Overwrite: the write the previous writer was killed in may have been committed.
    for index in itertools.count(int(start)):
        ssm.put_parameter(Name=f"/w/{index}", Value=f"value {index}", Type="String", Overwrite=True)
        print(index, flush=True)


def expire(kv, ssm):
    kv.clock.freeze(EXPIRES - _dt.timedelta(hours=1))
    policy = [
        {"Type": "Expiration", "Version": "1.0", "Attributes": {"Timestamp": EXPIRES.isoformat()}}
    ]
    ssm.put_parameter(
        Name="/temp", Value="t", Type="String", Tier="Advanced", Policies=json.dumps(policy)
    )
    kv.advance(hours=2)
    ssm.put_parameter(Name="/other", Value="o", Type="String")  # the expiration runs first
    print("expired", flush=True)


def save(kv, ssm):
    kv.create_kms_key("alias/made-in-python")
    kv.save()
    print("saved", flush=True)


def scenario(kv, ssm):
    build(kv)
    print(json.dumps(kv.snapshot()), flush=True)


if __name__ == "__main__":
    path, mode, *arguments = sys.argv[1:]
    with mock_kayvee(persist=path) as mock:
        write = {"puts": puts, "expire": expire, "save": save, "scenario": scenario}[mode]
        write(mock, boto3.client("ssm"), *arguments)
        os.kill(os.getpid(), signal.SIGKILL)  # no stop(): only what was committed survives
