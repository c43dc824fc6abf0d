"""A configuration service on Parameter Store, read back by another process through the server.

Each application's configuration is one JSON document at ``/apps/<name>/config`` (a
String parameter; every publish is a new version). The label ``live`` marks the version
applications run with: publishing moves it forward, a rollback moves it back to an older
version — nothing is rewritten, the history keeps every version and who is live.
Applications read ``/apps/<name>/config:live``.

    python examples/config_service.py                     # the whole story, on a fresh server
    python examples/config_service.py --endpoint URL      # … against a running kv-mock serve
    python examples/config_service.py read NAME           # one application's live config
                                                          # (endpoint from AWS_ENDPOINT_URL)

The story starts ``kv-mock serve`` on a free port (``kv_mock.server(port=0)``), publishes
two versions of two applications' configurations, and has a *separate process* (this
script's ``read``, given only ``AWS_ENDPOINT_URL``) read what is live before and after a
rollback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from typing import Any, Iterator, Optional

import boto3

LIVE = "live"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "123456789012", "AWS_SECRET_ACCESS_KEY": "not-checked",
               "AWS_DEFAULT_REGION": "eu-west-1"}


def config_name(app: str) -> str:
    return f"/apps/{app}/config"


class ConfigService:
    """Publish, roll back and read application configurations in Parameter Store."""

    def __init__(self, ssm: Any) -> None:
        self.ssm = ssm

    def publish(self, app: str, config: dict) -> int:
        """Store ``config`` as a new version and make it live; returns the version."""
        version = self.ssm.put_parameter(
            Name=config_name(app), Value=json.dumps(config, sort_keys=True), Type="String",
            Overwrite=True, Description=f"configuration of {app}",
        )["Version"]
        self._make_live(app, version)
        return version

    def rollback(self, app: str) -> int:
        """Make the version before the live one live again; returns it."""
        live = self.live_version(app)
        if live <= 1:
            raise ValueError(f"{app}: version {live} has nothing before it")
        self._make_live(app, live - 1)
        return live - 1

    def live_version(self, app: str) -> int:
        return self.ssm.get_parameter(Name=f"{config_name(app)}:{LIVE}")["Parameter"]["Version"]

    def history(self, app: str) -> list[tuple[int, list[str], dict]]:
        """Every version: (version, labels, config)."""
        pages = self.ssm.get_paginator("get_parameter_history").paginate(Name=config_name(app))
        return [(entry["Version"], entry.get("Labels", []), json.loads(entry["Value"]))
                for page in pages for entry in page["Parameters"]]

    def _make_live(self, app: str, version: int) -> None:
        # A label is on one version at a time: labelling another version moves it.
        self.ssm.label_parameter_version(
            Name=config_name(app), ParameterVersion=version, Labels=[LIVE])


def read_live(ssm: Any, app: str) -> dict:
    """What an application does at start-up: its live configuration."""
    value = ssm.get_parameter(Name=f"{config_name(app)}:{LIVE}")["Parameter"]["Value"]
    return json.loads(value)


def read_in_another_process(endpoint: str, app: str) -> dict:
    """Run this script's ``read`` in a new Python process that knows only the endpoint."""
    environment = {**os.environ, **CREDENTIALS, "AWS_ENDPOINT_URL": endpoint}
    done = subprocess.run([sys.executable, __file__, "read", app], env=environment,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def story(endpoint: str) -> None:
    ssm = boto3.client("ssm", endpoint_url=endpoint, region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
                       aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                       aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
    service = ConfigService(ssm)
    service.publish("checkout", {"currency": "EUR", "timeout_ms": 800, "features": ["wallet"]})
    service.publish("search", {"engine": "bm25", "page_size": 20})
    two = service.publish("checkout", {"currency": "EUR", "timeout_ms": 300,
                                       "features": ["wallet", "one-click"]})
    print(f"checkout: published version {two}")
    seen = read_in_another_process(endpoint, "checkout")
    print(f"another process reads checkout: {seen}")
    assert seen["timeout_ms"] == 300

    back = service.rollback("checkout")
    print(f"checkout: rolled back, version {back} is live")
    seen = read_in_another_process(endpoint, "checkout")
    print(f"another process reads checkout: {seen}")
    assert seen == {"currency": "EUR", "features": ["wallet"], "timeout_ms": 800}
    assert read_in_another_process(endpoint, "search")["engine"] == "bm25"

    for version, labels, config in service.history("checkout"):
        print(f"  checkout v{version} {labels or ''} {config}")
    assert [labels for _, labels, _ in service.history("checkout")] == [[LIVE], []]


@contextlib.contextmanager
def _endpoint(given: Optional[str]) -> Iterator[str]:
    if given:
        yield given
        return
    import kv_mock

    with kv_mock.server(port=0, region=CREDENTIALS["AWS_DEFAULT_REGION"]) as endpoint_url:
        yield endpoint_url


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="configuration service on Parameter Store")
    parser.add_argument("--endpoint", help="a running kv-mock serve (default: start one)")
    commands = parser.add_subparsers(dest="command")
    read = commands.add_parser("read", help="print an application's live configuration")
    read.add_argument("app")
    arguments = parser.parse_args(argv)
    if arguments.command == "read":
        # A plain client: the endpoint comes from AWS_ENDPOINT_URL, as for any AWS SDK.
        print(json.dumps(read_live(boto3.client("ssm"), arguments.app)))
        return
    with _endpoint(arguments.endpoint) as endpoint:
        story(endpoint)


if __name__ == "__main__":
    main()
