"""Helpers for the listing tests: parameters put through boto3, errors read from boto3."""

from __future__ import annotations

import datetime as _dt
from typing import Iterable

import pytest

from kv_mock.store.parameters import ParameterStore, ParameterVersion

LOADED_AT = _dt.datetime(2024, 1, 1, tzinfo=_dt.timezone.utc)


@pytest.fixture
def put(ssm_client):
    """``put(name, **options)``: PutParameter with a String value unless told otherwise."""

    def put(name: str, value: str = "v", type: str = "String", **options) -> None:
        ssm_client.put_parameter(Name=name, Value=value, Type=type, **options)

    return put


@pytest.fixture
def unchecked_ssm_client(kayvee):
    """An SSM client with botocore's own (minimum-only) validation off, as users can set it."""
    import boto3
    from botocore.config import Config

    return boto3.client("ssm", region_name=kayvee.region, config=Config(parameter_validation=False))


def load_directly(store: ParameterStore, names: Iterable[str], type: str = "String") -> None:
    """Parameters straight into a store: thousands in milliseconds, for scale tests."""
    for name in names:
        version = ParameterVersion(
            version=1, value="v", type=type, last_modified_date=LOADED_AT,
            last_modified_user="test", tier="Standard",
        )
        store.add_version(store.create(name), version)
