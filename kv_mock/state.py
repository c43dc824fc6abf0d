"""Everything one active mock holds: backends per (account, region), clock, ids, events, calls."""

from __future__ import annotations

import datetime as _dt
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .calllog import Call, CallLog
from .clock import Clock
from .ids import IdSource
from .scheduler import Action, Scheduler
from .store.backend import Backend

__all__ = [
    "Call", "CallLog", "MockState", "DEFAULT_ACCOUNT_ID", "DEFAULT_REGION",
    "ACCOUNT_ID_PATTERN", "REGION_PATTERN",
]

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"
#: What the mock accepts as an account id and a region name (options, preload entries).
ACCOUNT_ID_PATTERN = re.compile(r"\d{12}")
REGION_PATTERN = re.compile(r"[a-z]{2}(-[a-z]+)+-\d+")


@dataclass
class MockState:
    """The world of one outermost mock; inner (nested) mocks share it.

    One re-entrant lock guards all backends: operations such as replication and
    ``/aws/reference/secretsmanager/…`` touch several backends at once, and under the GIL
    finer locks would buy no parallelism, only lock-ordering hazards.
    """

    default_account_id: str = DEFAULT_ACCOUNT_ID
    default_region: str = DEFAULT_REGION
    seed: Optional[int] = None
    clock: Clock = field(default_factory=Clock)
    lock: threading.RLock = field(default_factory=threading.RLock)
    scheduler: Scheduler = field(default_factory=Scheduler)
    calls: CallLog = field(default_factory=CallLog)
    backends: dict[tuple[str, str], Backend] = field(default_factory=dict)
    #: Hooks a service may keep on the whole state (registered KMS keys, rotation functions).
    extensions: dict[str, Any] = field(default_factory=dict)
    #: Called as ``observer(state, call)`` under the lock after every dispatched call
    #: (persistence writes what the call changed before the call returns).
    observers: list[Callable[["MockState", Call], None]] = field(default_factory=list)
    #: How many time-driven events have run: lets an observer see that data changed
    #: outside the call's own resources.
    events_applied: int = 0

    def __post_init__(self) -> None:
        self.ids = IdSource(self.seed)
        self._draining_events = False

    def backend(self, account_id: str, region: str) -> Backend:
        """The backend of one account and region, created on first use.

        Created under the lock (checked again once it is held): two threads' first calls
        into a new place would otherwise each build one, and the writes made through the
        one replaced would be lost with it. Later calls find it without taking the lock.
        """
        key = (account_id, region)
        found = self.backends.get(key)
        if found is None:
            with self.lock:
                found = self.backends.get(key)
                if found is None:
                    found = self.backends[key] = Backend(account_id, region, self.ids)
        return found

    def schedule(self, when: _dt.datetime, action: Action) -> None:
        self.scheduler.schedule(when, action)

    def run_due_events(self) -> None:
        """Apply every event whose time has come, in timestamp order.

        Each event runs under the lock; a follow-up that calls user code (a rotation
        function, which calls boto3 and so re-enters the mock) runs after the lock is
        released, before the next event. One drain at a time: calls made while a
        follow-up runs (its own boto3 calls, other threads) start no drain of their own,
        so a rotation function sees the events before its own applied and the later
        ones not yet.
        """
        with self.lock:
            if self._draining_events:
                return
            self._draining_events = True
        try:
            self._drain_due_events()
        finally:
            self._draining_events = False

    def _drain_due_events(self) -> None:
        while True:
            with self.lock:
                action = self.scheduler.pop_due(self.clock.now())
                if action is None:
                    return
                follow_up: Optional[Callable[[], None]] = action()
                self.events_applied += 1
            if follow_up is not None:
                follow_up()
