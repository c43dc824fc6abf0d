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


def pop(owner: object) -> bool:
    """Deactivate ``owner``'s latest activation; the outermost one drops the state.

    Returns ``False`` if ``owner`` was not active.
    """
    global active_state
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is owner:
                del _stack[index]
                break
        else:
            return False
        if not _stack:
            active_state = None
        return True


def depth() -> int:
    return len(_stack)
