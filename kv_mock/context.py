"""What an operation handler is given besides its request."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .ids import IdSource
from .state import MockState
from .store.backend import Backend


@dataclass(slots=True)
class Context:
    """The caller's account and region, their backend, and the instant of the request.

    One request sees one ``now``: every timestamp a single call writes is the same.
    Handlers treat it as read-only; it is not ``frozen`` because one is made per call and
    a frozen dataclass costs several times as much to make.
    """

    state: MockState
    account_id: str
    region: str
    backend: Backend
    now: _dt.datetime

    @property
    def partition(self) -> str:
        return self.backend.partition

    @property
    def ids(self) -> IdSource:
        return self.state.ids

    def backend_in(self, region: str) -> Backend:
        """The same account's backend in another region (replication, reference lookups)."""
        return self.state.backend(self.account_id, region)
