"""Errors a mocked AWS call can raise, and errors in using the mock itself.

Handlers raise :class:`ServiceError`; the transport (the botocore hook in-process, the HTTP
server later) turns it into AWS's error envelope, so the caller sees the same
``client.exceptions.<Code>`` with the same message and HTTP status as against AWS.
"""

from __future__ import annotations

from typing import Any, Iterable


class KvMockError(Exception):
    """Misuse of kv_mock's own API (not an AWS error): bad options, bad preload data."""


class KvMockWarning(UserWarning):
    """kv_mock did something on the user's behalf that they should know about."""


class ServiceError(Exception):
    """An AWS error response: ``code`` and ``message`` exactly as AWS sends them.

    ``fields`` are extra members of the modeled error shape that AWS returns in the body
    (botocore copies them to the top level of the parsed error response).
    """

    def __init__(
        self, code: str, message: str = "", status: int = 400, **fields: Any
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.fields = fields


class ValidationFailure:
    """One failed constraint, in the words of AWS's request validator."""

    __slots__ = ("value", "path", "constraint", "sensitive")

    def __init__(
        self, value: Any, path: str, constraint: str, sensitive: bool = False
    ) -> None:
        self.value = value
        self.path = path
        self.constraint = constraint
        self.sensitive = sensitive

    def render(self) -> str:
        # AWS leaves the value out for members the model marks sensitive:
        # "Value at 'value' failed to satisfy constraint: ...".
        if self.value is None:
            return f"Value null at '{self.path}' failed to satisfy constraint: {self.constraint}"
        if self.sensitive:
            return (
                f"Value at '{self.path}' failed to satisfy constraint: "
                f"{self.constraint}"
            )
        return (
            f"Value '{render_value(self.value)}' at '{self.path}' failed to satisfy "
            f"constraint: {self.constraint}"
        )


def render_value(value: Any) -> str:
    """Render a value the way AWS's (Java) validator prints it: lists as ``[a, b]``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={render_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def validation_exception(failures: Iterable[ValidationFailure]) -> ServiceError:
    """``N validation error(s) detected: …; …`` as one ``ValidationException``."""
    rendered = [f.render() for f in failures]
    noun = "error" if len(rendered) == 1 else "errors"
    return ServiceError(
        "ValidationException",
        f"{len(rendered)} validation {noun} detected: " + "; ".join(rendered),
    )


def validation_error(value: Any, path: str, constraint: str) -> ServiceError:
    """A single-constraint ``ValidationException`` raised by a handler's own checks."""
    return validation_exception([ValidationFailure(value, path, constraint)])
