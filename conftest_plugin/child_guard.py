"""Arms kv_mock's guard in a child interpreter that inherited ``KV_MOCK_BLOCK_REAL_AWS=1``.

``kv_mock_guard.pth`` (installed with the package) imports this module at interpreter start
only when that variable is ``1`` — the pytest plugin exports it, so ``spawn`` /
``forkserver`` children and subprocesses of a test run are guarded even if they never
import kv_mock. It costs an import hook: kv_mock itself (which arms the guard from the
environment) is imported only when, and if, the child imports botocore.
"""

from __future__ import annotations

from typing import Any

import wrapt


def _arm(_botocore: Any) -> None:
    import kv_mock  # noqa: F401  (importing kv_mock arms the guard from the environment)


wrapt.register_post_import_hook(_arm, "botocore")
