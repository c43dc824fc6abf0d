"""Run a callback once a module is imported — at the cost of one ``sys.meta_path`` entry.

The plugin and the child-interpreter hook use it to import kv_mock as soon as botocore is
imported (so kv_mock's handlers are in place before any session or client exists) without
importing botocore — or wrapt, whose import hooks cost tens of milliseconds — themselves.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any, Callable, Optional, Sequence


def when_imported(name: str, callback: Callable[[ModuleType], None]) -> None:
    """Call ``callback(module)`` once top-level module ``name`` has been executed (now, if
    it already is)."""
    if name in sys.modules:
        callback(sys.modules[name])
    else:
        sys.meta_path.insert(0, _Finder(name, callback))  # type: ignore[arg-type]


class _Finder:
    """Finds nothing itself: asks the other finders, then wraps the loader it got."""

    def __init__(self, name: str, callback: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.callback = callback

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]] = None, target: Any = None
    ) -> Any:
        if fullname != self.name:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)  # type: ignore[arg-type]
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(fullname, path, target) if find_spec is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader, self.callback)
                return spec
        return None


class _Loader:
    """The real loader, plus the callback after the module has executed."""

    def __init__(self, loader: Any, callback: Callable[[ModuleType], None]) -> None:
        self.loader = loader
        self.callback = callback

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)

    def create_module(self, spec: Any) -> Optional[ModuleType]:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        self.callback(module)
