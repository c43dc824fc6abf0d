"""ISO 8601 instants as AWS's Java services read them, the same on every supported Python.

``datetime.fromisoformat`` is not one parser: before Python 3.11 it reads only what
``isoformat()`` writes (no ``Z``, no fraction other than 3 or 6 digits), from 3.11 on it
reads most of ISO 8601 (``20300101T000000Z``, week dates…), which Java's
``DateTimeFormatter.ISO_OFFSET_DATE_TIME`` — what Parameter Store's policy docs require of
an ``Expiration`` timestamp — refuses. This module reads exactly that form:
``YYYY-MM-DDTHH:MM[:SS[.fffffffff]]`` and ``Z`` or ``±HH:MM[:SS]``, case-insensitively as
``ISO_LOCAL_DATE_TIME`` parses; and, for kv_mock's own API (``kv.clock.freeze("…")``),
anything ``fromisoformat`` reads plus a trailing ``Z``.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

_OFFSET_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)",
    re.IGNORECASE | re.ASCII,
)
#: java.time.ZoneOffset's range.
_MAX_OFFSET = _dt.timedelta(hours=18)


def parse_offset_date_time(text: str) -> Optional[_dt.datetime]:
    """``text`` as Java's ISO_OFFSET_DATE_TIME reads it (aware); ``None`` if it does not."""
    match = _OFFSET_DATE_TIME.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute = (int(part) for part in match.groups()[:5])
    second = int(match[6] or 0)
    # Java keeps nanoseconds; Python microseconds (AWS timestamps carry milliseconds).
    microsecond = int((match[7] or "").ljust(9, "0")[:6])
    try:
        return _dt.datetime(
            year, month, day, hour, minute, second, microsecond, tzinfo=_offset(match[8])
        )
    except ValueError:  # 2030-02-30, 25:00, an offset of 18 hours or more
        return None


def _offset(text: str) -> _dt.timezone:
    if text in ("Z", "z"):
        return _dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    hours, minutes, *seconds = (int(part) for part in text[1:].split(":"))
    offset = _dt.timedelta(hours=hours, minutes=minutes, seconds=seconds[0] if seconds else 0)
    if minutes > 59 or (seconds and seconds[0] > 59) or offset > _MAX_OFFSET:
        raise ValueError(f"bad offset {text!r}")
    return _dt.timezone(sign * offset)


def parse_instant(text: str) -> _dt.datetime:
    """An ISO 8601 date or date-time given to kv_mock's API; naive results are the caller's.

    Raises ``ValueError`` for text that is not one.
    """
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    found = parse_offset_date_time(text)
    return found if found is not None else _dt.datetime.fromisoformat(text)
