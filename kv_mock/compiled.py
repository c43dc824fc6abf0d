"""A cache of checkers compiled from botocore shapes, safe for recursive shapes.

Request validation and response checking both turn each structure shape into a checker
once. Some models contain themselves (SSM's inventory aggregators): while such a shape
compiles, a reference back to it gets a late lookup instead of compiling forever.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable


class CompiledShapes:
    def __init__(self) -> None:
        self._compiled: dict[Hashable, Callable[..., Any]] = {}
        self._compiling: set[Hashable] = set()

    def get(self, key: Hashable, compile: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
        """The checker for ``key``, compiling it with ``compile()`` the first time."""
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        if key in self._compiling:
            return lambda *args: self._compiled[key](*args)
        self._compiling.add(key)
        try:
            compiled = self._compiled[key] = compile()
        finally:
            self._compiling.discard(key)
        return compiled
