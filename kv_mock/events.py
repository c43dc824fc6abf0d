"""Re-deriving time-driven events from domain data, after a restore or a reload.

A scheduled event is a closure (:mod:`kv_mock.scheduler`), which no snapshot can hold. What
it stands for — a parameter's ``Expiration`` policy, a secret's ``DeletedDate``, its
``NextRotationDate`` — *is* in the store, so after :meth:`KvMock.restore` or a reload from a
persisted file the scheduler is emptied and every registered *rescheduler* is called once
with the state: it walks the backends and schedules again whatever is still pending.

A service module that schedules events registers its rescheduler at import time::

    from kv_mock.events import register_rescheduler

    @register_rescheduler
    def _reschedule_deletions(state: MockState) -> None:
        for backend in state.backends.values():
            for secret in backend.secrets:
                if secret.deleted_date is not None:
                    state.schedule(secret.deleted_date, _deletion(state, backend, secret))

Events already due fire on the next call, in timestamp order, as they would have.

A rescheduler only *schedules*: it must not change any data itself, or a restored state
would differ from its snapshot (``restore`` then ``snapshot`` must give the same document).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .state import MockState

Rescheduler = Callable[["MockState"], None]

_RESCHEDULERS: list[Rescheduler] = []


def register_rescheduler(rescheduler: Rescheduler) -> Rescheduler:
    """Have ``rescheduler(state)`` called whenever a state's events must be re-derived.

    Usable as a decorator; registering the same function twice has no effect.
    """
    if rescheduler not in _RESCHEDULERS:
        _RESCHEDULERS.append(rescheduler)
    return rescheduler


def reschedulers() -> list[Rescheduler]:
    """The registered reschedulers, in registration order."""
    return list(_RESCHEDULERS)


def reschedule_all(state: "MockState") -> None:
    """Forget every scheduled event of ``state`` and schedule the pending ones again."""
    from .scheduler import Scheduler

    state.scheduler = Scheduler()
    for rescheduler in _RESCHEDULERS:
        rescheduler(state)
