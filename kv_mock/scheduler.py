"""Time-driven events (expirations, scheduled deletions, due rotations), applied lazily.

Nothing runs in the background: before each mocked call the dispatcher asks for the events
whose time has come and runs them one by one in timestamp order (ties in the order they were
scheduled), so advancing the clock is deterministic.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import itertools
from typing import Callable, Optional

#: An event's action. It runs under the state lock; if it must call user code (a rotation
#: function) it returns a callable that the dispatcher runs after releasing the lock.
Action = Callable[[], Optional[Callable[[], None]]]


class Scheduler:
    def __init__(self) -> None:
        #: The events, as a heap (read-only outside: the dispatcher tests it for being empty,
        #: on every call, without calling a method).
        self.heap: list[tuple[_dt.datetime, int, Action]] = []
        self._sequence = itertools.count()

    def schedule(self, when: _dt.datetime, action: Action) -> None:
        """Run ``action`` once the clock reaches ``when``.

        Actions must check on their own that they still apply (the parameter may have been
        overwritten, the deletion cancelled): cancelling by re-checking keeps this a heap.
        """
        heapq.heappush(self.heap, (when, next(self._sequence), action))

    def pop_due(self, now: _dt.datetime) -> Optional[Action]:
        """The earliest action due at ``now``, removed; ``None`` when nothing is due."""
        if self.heap and self.heap[0][0] <= now:
            return heapq.heappop(self.heap)[2]
        return None

    def __len__(self) -> int:
        return len(self.heap)
