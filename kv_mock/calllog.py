"""The call log: every operation a mock answered, for tests to assert on.

``kv.calls.count("GetParameter")`` is how a test proves that a caching layer asked AWS once;
``kv.calls.filter(...)`` gives the matching calls themselves. The log keeps request
parameters as sent, secrets included: it lives only as long as the mock.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Union, overload

#: The outcome of a call that succeeded; a failed call's outcome is its AWS error code.
OK = "ok"


@dataclass(frozen=True)
class Call:
    """One intercepted operation, as the call log keeps it."""

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


class CallLog:
    """The calls in the order they were answered; a read-only sequence plus filters."""

    def __init__(self) -> None:
        self._calls: list[Call] = []

    def append(self, call: Call) -> None:
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

    def truncate(self, length: int) -> None:
        """Keep only the first ``length`` calls (preloading hides its own calls this way)."""
        del self._calls[length:]

    def __len__(self) -> int:
        return len(self._calls)

    def __iter__(self) -> Iterator[Call]:
        return iter(self._calls)

    @overload
    def __getitem__(self, index: int) -> Call: ...

    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Call, list[Call]]:
        return self._calls[index]

    def __repr__(self) -> str:
        return f"CallLog({self.operations()!r})"
