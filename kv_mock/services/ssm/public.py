"""AWS's public parameters under ``/aws/service/global-infrastructure/``: regions and services.

The facts ship with the package (``kv_mock/data/global_infrastructure.json``, generated from
botocore's endpoint data by ``docs/tools/build_global_infrastructure.py``) and are expanded
into parameter names only when a caller first touches ``/aws/service/``, so starting the
mock and its first call stay fast. A caller sees its own partition's regions, as on AWS.
Public parameters are read-only (PutParameter refuses ``/aws/`` names) and have an ARN
with an empty account field.
"""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

from ...arns import arn
from ...context import Context
from ...errors import ServiceError
from ...store.parameters import Parameter, ParameterStore, ParameterVersion

PUBLIC_ROOT = "/aws/service/"
INFRASTRUCTURE = "/aws/service/global-infrastructure/"
#: Who AWS's public parameters are last modified by (INF: shown to callers as AWS itself).
PUBLIC_OWNER = "AWS"


class PublicParameters(ParameterStore):
    """A read-only parameter index whose entries are built on demand from name → value."""

    def __init__(self, values: dict[str, str], modified: _dt.datetime) -> None:
        super().__init__()
        self._by_name.update(values)
        self._modified = modified

    def get(self, name: str) -> Optional[Parameter]:
        value = self._by_name.get(name)
        if value is None:
            return None
        version = ParameterVersion(
            version=1, value=value, type="String", last_modified_date=self._modified,
            last_modified_user=PUBLIC_OWNER, tier="Standard",
        )
        return Parameter(name, versions={1: version})


@lru_cache(maxsize=1)
def _data() -> dict:
    source = resources.files("kv_mock") / "data" / "global_infrastructure.json"
    return json.loads(source.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def public_parameters(partition: str) -> PublicParameters:
    """Every public parameter a caller in ``partition`` can read."""
    data = _data()
    regions = data["partitions"].get(partition, {"domain": "", "regions": {}})
    values: dict[str, str] = {}
    for region, facts in regions["regions"].items():
        values.update(_region_parameters(region, facts, partition, regions["domain"]))
        for service in facts["services"]:
            values[f"{INFRASTRUCTURE}services/{service}"] = service
            values[f"{INFRASTRUCTURE}services/{service}/regions/{region}"] = region
            if service in data["services"]:
                values[f"{INFRASTRUCTURE}services/{service}/longName"] = data["services"][service]
    return PublicParameters(values, _dt.datetime.fromisoformat(data["lastModifiedDate"]))


def _region_parameters(
    region: str, facts: dict, partition: str, domain: str
) -> Iterator[tuple[str, str]]:
    base = f"{INFRASTRUCTURE}regions/{region}"
    yield base, region
    yield f"{base}/longName", facts["longName"]
    yield f"{base}/partition", partition
    yield f"{base}/domain", domain
    for service, (endpoint, protocols) in facts["services"].items():
        yield f"{base}/services/{service}", service
        yield f"{base}/services/{service}/endpoint", endpoint
        yield f"{base}/services/{service}/protocols", protocols


def is_public(name: str) -> bool:
    return name.startswith(PUBLIC_ROOT)


def public_arn(context: Context, name: str) -> str:
    """``arn:aws:ssm:<caller's region>::parameter/aws/service/…``: AWS owns them, no account."""
    return arn("ssm", context.region, "", "parameter/" + name.lstrip("/"))


def public_parameter(context: Context, name: str) -> Parameter:
    """The public parameter ``name`` as a caller in this partition sees it."""
    parameter = public_parameters(context.partition).get(name)
    if parameter is None:
        raise ServiceError("ParameterNotFound")
    return parameter
