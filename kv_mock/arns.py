"""ARN building blocks shared by both services: partitions follow the region."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# Region-name prefixes of the partitions other than "aws", longest first.
_PARTITION_PREFIXES = (
    ("us-isob-", "aws-iso-b"),
    ("us-isof-", "aws-iso-f"),
    ("eu-isoe-", "aws-iso-e"),
    ("us-iso-", "aws-iso"),
    ("us-gov-", "aws-us-gov"),
    ("cn-", "aws-cn"),
)


@lru_cache(maxsize=None)
def partition_of(region: str) -> str:
    """The partition a region belongs to (``cn-north-1`` → ``aws-cn``)."""
    for prefix, partition in _PARTITION_PREFIXES:
        if region.startswith(prefix):
            return partition
    return "aws"


def arn(service: str, region: str, account_id: str, resource: str) -> str:
    return f"arn:{partition_of(region)}:{service}:{region}:{account_id}:{resource}"


#: The head of an ARN with an account: partition, service, region and the 12-digit account.
_ARN_HEAD = re.compile(
    r"arn:(?P<partition>[\w-]+):(?P<service>[\w-]+):(?P<region>[\w-]+):(?P<account>\d{12}):"
)


def foreign_account(
    reference: str, service: str, resource_prefix: str, *, region: str, account_id: str
) -> Optional[str]:
    """The account of ``reference`` when it is the ARN of a ``service`` resource (its
    resource part starting ``resource_prefix``) in another account of the caller's
    partition and region: what one account may share with another (SSM parameters,
    Secrets Manager secrets). ``None`` for anything else, the caller's own ARNs included.
    """
    match = _ARN_HEAD.match(reference)
    if (
        match is None
        or match["service"] != service
        or match["partition"] != partition_of(region)
        or match["region"] != region
        or match["account"] == account_id
        or not reference.startswith(resource_prefix, match.end())
    ):
        return None
    return match["account"]
