"""Arms kv_mock's guard in a child interpreter that inherited ``KV_MOCK_BLOCK_REAL_AWS=1``.

``kv_mock_guard.pth`` (installed with the package) imports this module at interpreter start
only when that variable is ``1`` — the pytest plugin exports it, so ``spawn`` /
``forkserver`` children and subprocesses of a test run are guarded even if they never
import kv_mock. It costs one ``sys.meta_path`` entry: kv_mock itself (which arms the guard from the
environment) is imported only when, and if, the child imports botocore.
"""

from __future__ import annotations

from types import ModuleType

from .import_hook import when_imported


def _arm(_botocore: ModuleType) -> None:
    import sys

    if "kv_mock" not in sys.modules:  # (else kv_mock is importing botocore itself)
        import kv_mock  # noqa: F401  (importing kv_mock arms the guard from the environment)


when_imported("botocore", _arm)
