"""Behaviour tests written once, run through both transports: in-process and HTTP.

``aws`` is a :class:`Transport`: ``aws.client("ssm")`` is a boto3 client answered either
by botocore's in-process hook or by a kv_mock server over loopback HTTP (the
``kayvee_server`` fixture, serving the test's ``kayvee``); ``aws.advance(days=7)`` moves
the mock's clock — over HTTP through the admin API.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Optional

import boto3
import pytest

from kv_mock import KvMock


def admin_call(endpoint: str, method: str, path: str, document: Any = None) -> tuple[int, Any]:
    """One admin API request; ``(status, JSON body)``, error statuses included."""
    data = None if document is None else json.dumps(document).encode()
    request = urllib.request.Request(f"{endpoint}{path}", data=data, method=method,
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class Transport:
    def __init__(self, kv: KvMock, endpoint: Optional[str]) -> None:
        self.kv = kv
        self.endpoint = endpoint

    @property
    def name(self) -> str:
        return "in-process" if self.endpoint is None else "http"

    def client(self, service: str, region: str = "us-east-1",
               access_key: str = "AKIAIOSFODNN7EXAMPLE") -> Any:
        return boto3.client(service, region_name=region, endpoint_url=self.endpoint,
                            aws_access_key_id=access_key, aws_secret_access_key="secret")

    def advance(self, **delta: float) -> None:
        if self.endpoint is None:
            self.kv.advance(**delta)
        else:
            status, body = admin_call(self.endpoint, "POST", "/_kv_mock/clock/advance", delta)
            assert status == 200, body

    def freeze(self, at: str) -> None:
        if self.endpoint is None:
            import datetime as _dt
            self.kv.clock.freeze(_dt.datetime.fromisoformat(at))
        else:
            status, body = admin_call(self.endpoint, "POST", "/_kv_mock/clock/freeze", {"at": at})
            assert status == 200, body


@pytest.fixture(params=["in-process", "http"])
def aws(request: pytest.FixtureRequest, kayvee: KvMock) -> Transport:
    if request.param == "in-process":
        return Transport(kayvee, None)
    return Transport(kayvee, request.getfixturevalue("kayvee_server"))


@pytest.fixture
def endpoint(kayvee_server: str) -> str:
    return kayvee_server
