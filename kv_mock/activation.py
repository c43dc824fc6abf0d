"""Which mock is on: a process-wide stack of activations sharing one state.

The hooks in :mod:`kv_mock.intercept` read :data:`active_state` on every call, so switching
a mock on or off is a list append and an attribute store: microseconds.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

from .state import MockState

#: The state answering calls now, or ``None`` when no mock is on.
active_state: Optional[MockState] = None

_stack: list[object] = []
_lock = threading.Lock()


def push(owner: object, make_state: Callable[[], MockState]) -> MockState:
    """Activate for ``owner``; the outermost activation creates the state, inner ones share it."""
    global active_state
    with _lock:
        if active_state is None:
            active_state = make_state()
        _stack.append(owner)
        return active_state


def pop(owner: object) -> Optional[list[object]]:
    """Deactivate ``owner``'s latest activation; ``None`` if ``owner`` was not active.

    The outermost activation made the state, so deactivating it ends the state and every
    activation nested in it: those owners are returned (innermost first).
    """
    global active_state
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is owner:
                break
        else:
            return None
        ended = _stack[index + 1:][::-1] if index == 0 else []
        del _stack[index:index + 1 if index else None]
        if not _stack:
            active_state = None
        return ended


def outermost() -> Optional[object]:
    """The owner of the first activation still on (the one that made the state)."""
    with _lock:
        return _stack[0] if _stack else None


def innermost() -> Optional[object]:
    with _lock:
        return _stack[-1] if _stack else None


def is_on(owner: object) -> bool:
    with _lock:
        return any(entry is owner for entry in _stack)


def depth() -> int:
    return len(_stack)
