"""A cache of checkers compiled from botocore shapes, safe for recursive shapes and threads.

Request validation and response checking both turn each structure shape into a checker
once. Some models contain themselves (SSM's inventory aggregators): while such a shape
compiles, a reference back to it gets a late lookup instead of compiling forever.

Compiling happens under a lock, so the late lookup is only ever handed to the thread doing
the compiling: another thread asking for a shape that is being compiled waits for it
instead of getting a checker that is not there yet (the first concurrent use of an
operation answered HTTP 500 with a ``KeyError``). A compiled shape is read without the lock.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Hashable


class CompiledShapes:
    def __init__(self) -> None:
        self._compiled: dict[Hashable, Callable[..., Any]] = {}
        self._compiling: set[Hashable] = set()
        self._lock = threading.RLock()

    def get(self, key: Hashable, compile: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
        """The checker for ``key``, compiling it with ``compile()`` the first time."""
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        with self._lock:
            compiled = self._compiled.get(key)
            if compiled is not None:  # another thread compiled it while this one waited
                return compiled
            if key in self._compiling:  # a recursive reference, from this thread
                return lambda *args: self._compiled[key](*args)
            self._compiling.add(key)
            try:
                compiled = self._compiled[key] = compile()
            finally:
                self._compiling.discard(key)
            return compiled
