"""Operation handlers, one function per AWS operation, found by (service, operation).

A handler takes the :class:`~kv_mock.context.Context` and the request (input members by
their AWS names, already decoded and validated against the model) and returns the output
members as a plain dict, or raises :class:`~kv_mock.errors.ServiceError`. It knows nothing
of HTTP or botocore: the in-process hook and the HTTP server both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ..context import Context

Handler = Callable[[Context, dict], dict]

#: botocore's service names (``client.meta.service_model.service_name``).
SSM = "ssm"
SECRETS_MANAGER = "secretsmanager"
KMS = "kms"


@dataclass(frozen=True)
class Operation:
    handler: Handler
    #: Most handlers run under the state lock; those that call user code (rotation) take
    #: it themselves around their store work.
    locked: bool


_OPERATIONS: dict[tuple[str, str], Operation] = {}


def operation(service: str, name: str, *, locked: bool = True) -> Callable[[Handler], Handler]:
    """Register ``handler`` as the implementation of ``service``'s operation ``name``."""

    def register(handler: Handler) -> Handler:
        _OPERATIONS[(service, name)] = Operation(handler, locked)
        return handler

    return register


def find_operation(service: str, name: str) -> Optional[Operation]:
    return _OPERATIONS.get((service, name))


def implemented_operations(service: str) -> list[str]:
    return sorted(name for (svc, name) in _OPERATIONS if svc == service)


def _load_handlers() -> None:
    # Importing the modules registers their handlers.
    from . import kms, secretsmanager, ssm  # noqa: F401


_load_handlers()
