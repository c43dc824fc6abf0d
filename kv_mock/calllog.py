"""The call log: every operation a mock answered, for tests to assert on.

``kv.calls.count("GetParameter")`` is how a test proves that a caching layer asked AWS once;
``kv.calls.filter(...)`` gives the matching calls themselves. The log keeps request
parameters as sent, secrets included: it lives only as long as the mock, and its ``repr``
masks what the models mark sensitive, as the notebook view does. It is bounded: beyond
``call_log_limit`` calls (``mock_kayvee(call_log_limit=…)``) the oldest are dropped, and
``dropped`` counts them, so a long-running mock does not grow without end.

An operation name is checked against the services' models: ``count("get_parameter")``
raises, naming ``GetParameter``, instead of counting nothing.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
from collections import deque
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Union, overload

from .errors import KvMockError

#: The outcome of a call that succeeded; a failed call's outcome is its AWS error code.
OK = "ok"


@dataclass(slots=True)
class Call:
    """One intercepted operation, as the call log keeps it: a record to read, not to change.

    Not a frozen dataclass: every mocked call makes one, and a frozen one costs four times
    as much to make (its ``parameters`` dict made it unhashable anyway).
    """

    service: str
    operation: str
    region: str
    account_id: str
    parameters: dict
    #: ``"ok"`` or the AWS error code the call got.
    outcome: str
    at: _dt.datetime

    @property
    def ok(self) -> bool:
        return self.outcome == OK

    def __repr__(self) -> str:
        from .inspection import mask_request

        return (
            f"Call({self.service}.{self.operation}, region={self.region!r}, "
            f"account_id={self.account_id!r}, parameters={mask_request(self)!r}, "
            f"outcome={self.outcome!r}, at={self.at.isoformat()!r})"
        )

    __str__ = __repr__


@functools.lru_cache(maxsize=None)
def _operation_names() -> frozenset[str]:
    from .intercept import MOCKED_SERVICES
    from .service_models import service_model

    return frozenset(
        name for service in MOCKED_SERVICES for name in service_model(service).operation_names
    )


def check_operation(operation: str) -> None:
    """Refuse a name that is no operation of the mocked services, suggesting the spelling."""
    names = _operation_names()
    if operation in names:
        return
    folded = {name.lower(): name for name in names}
    guess = folded.get(operation.replace("_", "").replace("-", "").lower())
    if guess is None:
        close = difflib.get_close_matches(operation, sorted(names), n=1)
        guess = close[0] if close else None
    hint = f"; did you mean {guess!r}?" if guess else ""
    raise KvMockError(
        f"{operation!r} is not an operation of the mocked services (names are AWS's, "
        f"as in the call log: 'GetParameter', 'GetSecretValue'){hint}"
    )


class CallLog:
    """The calls in the order they were answered; a read-only sequence plus filters."""

    def __init__(self, limit: Optional[int] = None) -> None:
        self._calls: deque[Call] = deque(maxlen=limit)
        #: How many of the oldest calls were dropped beyond the limit.
        self.dropped = 0

    @property
    def limit(self) -> Optional[int]:
        return self._calls.maxlen

    def append(self, call: Call) -> None:
        if len(self._calls) == self._calls.maxlen:
            self.dropped += 1
        self._calls.append(call)

    def filter(
        self,
        operation: Optional[str] = None,
        *,
        service: Optional[str] = None,
        outcome: Optional[str] = None,
        **parameters: Any,
    ) -> list[Call]:
        """The calls of ``operation`` (any, if ``None``) matching every criterion given.

        ``service`` is botocore's name (``"ssm"``, ``"secretsmanager"``); ``outcome`` is
        ``"ok"`` or an error code; keyword ``parameters`` must equal the request's members,
        e.g. ``kv.calls.filter("GetParameter", Name="/app/db/host")``.
        """
        if operation is not None:
            check_operation(operation)
        return [
            call for call in self._calls
            if (operation is None or call.operation == operation)
            and (service is None or call.service == service)
            and (outcome is None or call.outcome == outcome)
            and all(
                key in call.parameters and call.parameters[key] == value
                for key, value in parameters.items()
            )
        ]

    def count(
        self,
        operation: Optional[str] = None,
        *,
        service: Optional[str] = None,
        outcome: Optional[str] = None,
        **parameters: Any,
    ) -> int:
        """How many calls :meth:`filter` would return."""
        return len(self.filter(operation, service=service, outcome=outcome, **parameters))

    def operations(self) -> list[str]:
        """The operation names in call order: ``["PutParameter", "GetParameter", …]``."""
        return [call.operation for call in self._calls]

    def clear(self) -> None:
        """Forget the calls so far (e.g. after a test's set-up)."""
        self._calls.clear()
        self.dropped = 0

    def truncate(self, length: int) -> None:
        """Keep only the first ``length`` calls (preloading hides its own calls this way)."""
        while len(self._calls) > length:
            self._calls.pop()

    def __len__(self) -> int:
        return len(self._calls)

    def __iter__(self) -> Iterator[Call]:
        return iter(self._calls)

    @overload
    def __getitem__(self, index: int) -> Call: ...

    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Call, list[Call]]:
        if isinstance(index, slice):
            return list(self._calls)[index]
        return self._calls[index]

    def __repr__(self) -> str:
        dropped = f", {self.dropped} older dropped" if self.dropped else ""
        return f"CallLog({self.operations()!r}{dropped})"
