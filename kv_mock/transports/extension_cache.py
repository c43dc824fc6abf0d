"""The Lambda extension's cache: what it fetched is answered again, unchanged, for a while.

AWS's user guides (systems-manager ``ps-integration-lambda-extensions``, secretsmanager
``retrieving-secrets_lambda``): the extension keeps the values it fetched and answers from
them until their time to live has passed, and the function's environment sets how:

* ``PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED``: ``true`` (the default) or ``false``;
* ``PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE``: at most this many values, 0 to 1000
  (default 1000; 0 caches nothing);
* ``SSM_PARAMETER_STORE_TTL`` and ``SECRETS_MANAGER_TTL``: seconds, 0 to 300 (default 300;
  0 caches nothing). A longer TTL is cut to 300 s: recorded, the extension logs ``WARN
  SECRETS_MANAGER_TTL exceeds max limit. Setting Secrets Manger TTL to 5m0s.``
  (aws-samples/aws-lambda-extensions#104).

A cached answer makes no call, so it is not in the call log, and a secret's
``LastAccessedDate`` does not move, as on AWS. Time is the mock's clock:
``kv.clock.advance(seconds=301)`` lets every value expire. The environment is read on each
request (a test may change it; the served extension reads the server's).

Inferred, the extension being closed source: the AWS Secrets Manager Agent, AWS's
open-source implementation of the same localhost API, keeps only successful answers (an
error is asked again next time) and refreshes on ``refreshNow=true`` (``cache_manager.rs``);
kv_mock does both, for parameters keyed by name, selector and ``withDecryption``. When
full, the value used longest ago goes first. A setting that is not a whole number, or a
flag neither ``true`` nor ``false``, keeps its default (and is logged once).

The cache is the extension's memory, not AWS's state: a new mock, and a served mock's
reset (``POST /_kv_mock/reset``, a fresh start), begin with it empty; snapshots and
restores leave it as it is.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Hashable, Mapping, Optional

from ..state import MockState

logger = logging.getLogger("kv_mock")

ENABLED_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED"
SIZE_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE"
#: The TTL variable of each service's values.
TTL_VARIABLES = {"ssm": "SSM_PARAMETER_STORE_TTL", "secretsmanager": "SECRETS_MANAGER_TTL"}
MAX_SIZE = 1000
MAX_TTL_SECONDS = 300

#: Where a mock's state keeps its cache (``state.extensions``).
_STATE_KEY = "lambda-extension-cache"

#: Settings already warned about, so a bad one is logged once, not on every request.
_warned: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class CacheSettings:
    """The cache as the function's environment configures it."""

    size: int
    #: Seconds a value is kept, by service (botocore's service name).
    ttl_seconds: Mapping[str, int]

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> "CacheSettings":
        if not _flag(environment, ENABLED_VARIABLE):
            return cls(0, {service: 0 for service in TTL_VARIABLES})
        return cls(
            _whole(environment, SIZE_VARIABLE, MAX_SIZE, MAX_SIZE),
            {service: _whole(environment, variable, MAX_TTL_SECONDS, MAX_TTL_SECONDS)
             for service, variable in TTL_VARIABLES.items()},
        )

    def ttl(self, service: str) -> _dt.timedelta:
        return _dt.timedelta(seconds=self.ttl_seconds[service] if self.size else 0)


def _flag(environment: Mapping[str, str], variable: str) -> bool:
    raw = environment.get(variable)
    if raw is None or raw.strip().lower() == "true":
        return True
    if raw.strip().lower() == "false":
        return False
    _warn_once(variable, raw, "is neither true nor false; the cache stays on")
    return True


def _whole(environment: Mapping[str, str], variable: str, default: int, most: int) -> int:
    """A whole-number setting, cut to ``0..most``; ``default`` if unset or not a number."""
    raw = environment.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        _warn_once(variable, raw, f"is not a whole number; using {default}")
        return default
    if value > most:
        _warn_once(variable, raw, f"exceeds the extension's limit; using {most}")
    return min(max(value, 0), most)


def _warn_once(variable: str, raw: str, problem: str) -> None:
    if (variable, raw) not in _warned:
        _warned.add((variable, raw))
        logger.warning("Lambda extension: %s=%r %s", variable, raw, problem)


class ExtensionCache:
    """The answers the extension fetched, by request, each with the instant it was fetched."""

    def __init__(self) -> None:
        self._entries: OrderedDict[Hashable, tuple[_dt.datetime, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, ttl: _dt.timedelta, now: _dt.datetime) -> Optional[Any]:
        """The answer kept for ``key`` if it was fetched less than ``ttl`` before ``now``."""
        if not ttl:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is None or now >= found[0] + ttl:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, answer: Any, ttl: _dt.timedelta, size: int,
            now: _dt.datetime) -> None:
        """Keep ``answer``, fetched at ``now``, in at most ``size`` entries: the one used
        longest ago makes room. Nothing is kept with no ``ttl``."""
        if not ttl:
            return
        with self._lock:
            self._entries[key] = (now, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)


def cache_of(state: MockState) -> ExtensionCache:
    """The extension cache of ``state``'s mock, made on its first use."""
    found = state.extensions.get(_STATE_KEY)
    if found is None:
        found = state.extensions.setdefault(_STATE_KEY, ExtensionCache())
    return found


def forget(state: MockState) -> None:
    """Empty the extension cache of ``state``'s mock (a reset)."""
    state.extensions.pop(_STATE_KEY, None)


def current_settings() -> CacheSettings:
    """The settings in this process's environment now."""
    return CacheSettings.from_environment(os.environ)
