"""AllowedPattern: a caller's regular expression, matched with a time bound, outside the lock.

A pattern is the caller's code: ``^(a|a)*$`` on 30 characters backtracks for minutes, and
Python's ``re`` holds the GIL while it matches, freezing every thread of the process. So
the match uses the ``regex`` package, which releases the GIL while matching a ``str``, stops
after :data:`MATCH_TIMEOUT_SECONDS`, and avoids much of ``re``'s exponential backtracking
(``^(a+)+$`` fails at once). Its syntax is Java's where kv_mock needs it: ``\\p{L}``,
possessive quantifiers and atomic groups, which Parameter Store's Java regex engine reads.
PutParameter matches before it takes the state lock (:mod:`.put`).

A match that runs out of time is answered as a value the pattern does not validate,
``ParameterPatternMismatchException`` ("cannot be validated against allowedPattern") —
inferred: AWS documents no limit, and its message for a mismatch says exactly that the
value could not be validated.
"""

from __future__ import annotations

import functools
from typing import Optional

import regex

from ...errors import ServiceError

#: The longest a match may run. Generous (a real pattern on a 32 KB value takes well under a
#: millisecond), so only a pathological pattern ever reaches it.
MATCH_TIMEOUT_SECONDS = 1.0
# The model's description of InvalidAllowedPatternException.
INVALID_PATTERN_MESSAGE = "The request doesn't meet the regular expression requirement."


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


def _fullmatch(compiled: "regex.Pattern[str]", value: str) -> bool:
    return compiled.fullmatch(value, timeout=MATCH_TIMEOUT_SECONDS) is not None


def check(pattern: str, value: str) -> Optional[ServiceError]:
    """The error PutParameter answers for ``value`` under ``pattern``; ``None`` if it matches."""
    try:
        compiled = _compiled(pattern)
    except (regex.error, OverflowError, ValueError):  # a{99999999999} overflows
        return ServiceError("InvalidAllowedPatternException", INVALID_PATTERN_MESSAGE)
    try:
        if _fullmatch(compiled, value):
            return None
    except TimeoutError:
        pass
    return ServiceError(
        "ParameterPatternMismatchException",
        f"Parameter value, cannot be validated against allowedPattern: {pattern}",
    )
