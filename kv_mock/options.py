"""The options of ``mock_kayvee``, checked when the mock is made, not when it starts.

Every mistake is reported by the constructor with the option's name and what it needs, so
a typo in a decorator fails at import of the test module rather than silently later.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from . import preload as preloading, regions
from .errors import KvMockError
from .preload import PreloadSource
from .state import ACCOUNT_ID_PATTERN, DEFAULT_REGION, REGION_PATTERN

#: How many calls ``kv.calls`` keeps by default; the oldest are dropped beyond it.
DEFAULT_CALL_LOG_LIMIT = 10_000

#: ``persist`` values that name no file: SQLite would keep the state in memory (``:memory:``)
#: or in a temporary file (``""``), and nothing would survive the process, silently.
_NOT_FILES = ("", ":memory:")


@dataclass(frozen=True)
class Options:
    """What one ``mock_kayvee(...)`` was given; ``None`` where the caller gave nothing."""

    region: Optional[str]
    account_id: Optional[str]
    seed: Optional[int]
    preload: Optional[PreloadSource]
    persist: Union[str, "os.PathLike[str]", None]
    call_log_limit: Optional[int]


def check(
    *,
    region: Optional[str],
    account_id: Optional[str],
    seed: Any,
    preload: Any,
    persist: Any,
    call_log_limit: Any,
) -> Options:
    """The options, each refused with a clear :class:`KvMockError` if it cannot work."""
    if region is not None:
        check_region(region, "region")
    if account_id is not None and (
        not isinstance(account_id, str) or not ACCOUNT_ID_PATTERN.fullmatch(account_id)
    ):
        raise KvMockError(f"account_id must be a string of 12 digits, got {account_id!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise KvMockError(f"seed must be an int, got {seed!r}")
    if preload is not None:
        preloading.check_source(preload)
        if not isinstance(preload, Mapping) and not Path(preload).is_file():
            raise KvMockError(f"cannot read preload file {str(preload)!r}: no such file")
    if persist is not None:
        _check_persist(persist)
    if call_log_limit is not None and (
        isinstance(call_log_limit, bool) or not isinstance(call_log_limit, int)
        or call_log_limit < 1
    ):
        raise KvMockError(f"call_log_limit must be a positive int, got {call_log_limit!r}")
    return Options(region, account_id, seed, preload, persist, call_log_limit)


def check_region(region: Any, name: str) -> None:
    """Refuse what is not a region botocore knows, suggesting the likely spelling."""
    if not isinstance(region, str) or not REGION_PATTERN.fullmatch(region):
        raise KvMockError(f"{name} must look like 'eu-west-1', got {region!r}")
    if region not in regions.known_regions():
        raise KvMockError(
            f"{name} {region!r} is not an AWS region botocore knows{regions.suggestion(region)}"
        )


def _check_persist(persist: Any) -> None:
    if not isinstance(persist, (str, os.PathLike)):
        raise KvMockError(f"persist must be the path of a SQLite file, got {persist!r}")
    path = os.fspath(persist)
    if not isinstance(path, str) or path in _NOT_FILES:
        raise KvMockError(
            f"persist must name a file (got {path!r}, which SQLite would not keep); "
            "leave it out for a mock that forgets its state"
        )
    directory = Path(path).parent
    if not directory.is_dir():
        raise KvMockError(f"persist file {path!r}: directory {str(directory)!r} does not exist")
    if Path(path).is_dir():
        raise KvMockError(f"persist file {path!r} is a directory")


def session_region() -> str:
    """The region boto3 would use: ``AWS_DEFAULT_REGION`` / the profile's, else us-east-1.

    Read from boto3's default session when one exists (``boto3.setup_default_session``),
    else from a botocore session (environment, config file, profile) kept per config file
    and profile: making one costs milliseconds, reading a variable from it microseconds.
    """
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None) if boto3 is not None else None
    if session is not None:
        found = session.region_name
    else:
        found = _botocore_session(
            os.environ.get("AWS_CONFIG_FILE"), os.environ.get("AWS_PROFILE"),
            os.environ.get("AWS_DEFAULT_PROFILE"),
        ).get_config_variable("region")
    if isinstance(found, str) and REGION_PATTERN.fullmatch(found):
        return found
    return DEFAULT_REGION


@functools.lru_cache(maxsize=8)
def _botocore_session(config_file: Optional[str], *profiles: Optional[str]) -> Any:
    import botocore.session

    return botocore.session.Session()
