"""ARN building blocks shared by both services: partitions follow the region."""

from __future__ import annotations

from functools import lru_cache

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
