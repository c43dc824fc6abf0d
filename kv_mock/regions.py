"""botocore's partition data: which regions exist and which DNS suffixes are AWS's own.

A real client in a region that does not exist (``eu-wset-1``) builds an endpoint such as
``https://ssm.eu-wset-1.amazonaws.com/`` from the endpoint rules, whose host does not
resolve: botocore's HTTP session raises ``EndpointConnectionError`` ("Could not connect to
the endpoint URL: …", botocore/httpsession.py, after its retries). The mock answers such a
client with the same error, and refuses such a region as an option.
"""

from __future__ import annotations

import difflib
import functools
from typing import Optional

import botocore.loaders


@functools.lru_cache(maxsize=None)
def _partitions() -> tuple[dict, ...]:
    return tuple(botocore.loaders.create_loader().load_data("partitions")["partitions"])


@functools.lru_cache(maxsize=None)
def known_regions() -> frozenset[str]:
    """Every region of every partition botocore knows (``partitions.json``)."""
    return frozenset(region for partition in _partitions() for region in partition["regions"])


@functools.lru_cache(maxsize=None)
def aws_dns_suffixes() -> tuple[str, ...]:
    """The DNS suffixes of AWS's endpoints (``amazonaws.com``, ``api.aws``, …), every partition."""
    suffixes = set()
    for partition in _partitions():
        outputs = partition.get("outputs", {})
        for key in ("dnsSuffix", "dualStackDnsSuffix"):
            if outputs.get(key):
                suffixes.add(outputs[key])
    return tuple(sorted(suffixes))


def is_aws_host(host: Optional[str]) -> bool:
    """Whether ``host`` is one of AWS's own endpoints (a name under a partition's suffix)."""
    if not host:
        return False
    host = host.rstrip(".").lower()
    return any(host == suffix or host.endswith("." + suffix) for suffix in aws_dns_suffixes())


def suggestion(region: str) -> str:
    """`` (did you mean 'eu-west-1'?)`` for a misspelt region, else ``""``."""
    close = difflib.get_close_matches(region, sorted(known_regions()), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
