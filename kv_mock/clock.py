"""The one clock of a mock: every timestamp kv_mock writes comes from here.

It reads real time through ``datetime.datetime.now`` looked up at call time, so
``freezegun`` and ``time-machine`` move it too; on top of that a test can freeze it or
move it forward (``kv.clock.advance(days=8)``) to make time-driven AWS behaviour happen:
expiring parameters, scheduled deletions, due rotations.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Callable, Generic, Optional, TypeVar, Union

from .errors import KvMockError
from .isotime import parse_instant

Delta = Union[_dt.timedelta, int, float]
#: What ``freeze`` accepts: a datetime (naive = UTC) or an ISO 8601 date or date-time string.
Instant = Union[_dt.datetime, str]

#: The clock never goes past this instant. Handlers add up to a few years to "now"
#: (a rotation every 1000 days, a 30-day recovery window, a policy's interval), and
#: ``datetime`` ends at year 9999: a clock near that end would make every later call
#: overflow. Nothing a test means to model lies this far out.
LATEST = _dt.datetime(9000, 1, 1, tzinfo=_dt.timezone.utc)


class ClockError(KvMockError, ValueError):
    """A clock operation refused, with the clock left as it was."""


def _to_delta(delta: Optional[Delta], kwargs: dict) -> _dt.timedelta:
    """The step ``advance`` was given, or :class:`ClockError` (nothing has changed yet)."""
    for value in (delta, *kwargs.values()):
        if isinstance(value, bool) or not (
            value is None or isinstance(value, (_dt.timedelta, int, float))
        ):
            raise ClockError(f"advance() takes a timedelta or a number of seconds, got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ClockError(f"advance() needs a finite amount of time, got {value!r}")
    try:
        step = _dt.timedelta(**kwargs)
        if isinstance(delta, _dt.timedelta):
            return delta + step
        return step if delta is None else _dt.timedelta(seconds=delta) + step
    except TypeError as error:  # an unknown keyword
        raise ClockError(f"advance(): {error}") from None
    except OverflowError:
        raise _step_too_large() from None


def _step_too_large() -> ClockError:
    return ClockError(
        f"advance() step too large: the mock's clock cannot go past {LATEST.isoformat()}"
    )


def _aware(instant: _dt.datetime) -> _dt.datetime:
    """Naive datetimes are taken as UTC, as boto3 does when it serialises them."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=_dt.timezone.utc)
    return instant.astimezone(_dt.timezone.utc)


def _instant(at: Instant) -> _dt.datetime:
    """``at`` as an aware UTC datetime, or :class:`ClockError`."""
    if isinstance(at, str):
        try:
            at = parse_instant(at)
        except ValueError:
            raise ClockError(f"not an ISO 8601 date or date-time: {at!r}") from None
    if not isinstance(at, _dt.datetime):
        raise ClockError(f"freeze() takes a datetime or an ISO 8601 string, got {at!r}")
    try:
        return _aware(at)
    except OverflowError:  # year 1 or 9999 moved off the calendar by its offset
        raise ClockError(f"{at!r} is outside the mock's clock") from None


def _within_range(instant: _dt.datetime) -> _dt.datetime:
    if instant > LATEST:
        raise ClockError(
            f"the mock's clock cannot go past {LATEST.isoformat()} (asked for {instant.isoformat()})"
        )
    return instant


def _real_datetime_class(instant: _dt.datetime) -> type:
    # Looked up through the MRO, not ``_dt.datetime``: while freezegun is active that name
    # (and every module-level alias of it) is its ``FakeDatetime`` subclass.
    return next(
        klass for klass in type(instant).__mro__
        if klass.__module__ == "datetime" and klass.__name__ == "datetime"
    )


#: The real ``datetime.datetime`` class (``min`` is an instance of it, even when this module
#: is imported under a freeze), held in a tuple: freezegun swaps module attributes that
#: *are* the class for its ``FakeDatetime`` while a freeze is active.
_REAL_DATETIME = (type(_dt.datetime.min),)


#: ``timedelta(microseconds=n)`` for n < 1000: subtracting one is ten times quicker than
#: ``replace(microsecond=…)``, and every mocked call truncates one instant.
_SUB_MILLISECOND = tuple(_dt.timedelta(microseconds=n) for n in range(1000))


def _to_millis(instant: _dt.datetime) -> _dt.datetime:
    """A plain ``datetime.datetime`` in UTC, truncated to milliseconds.

    AWS timestamps carry millisecond precision; keeping ours the same makes the in-process
    answer identical to what the wire (epoch seconds, 3 decimals) can say. freezegun's
    ``FakeDatetime`` is turned back into the real class so that stored state outlives the
    freeze unchanged and ``type(now) is datetime.datetime`` holds.
    """
    if type(instant) is _REAL_DATETIME[0] and instant.tzinfo is _dt.timezone.utc:
        return instant - _SUB_MILLISECOND[instant.microsecond % 1000]  # the usual case
    real = _real_datetime_class(instant)
    return real(
        instant.year, instant.month, instant.day, instant.hour, instant.minute,
        instant.second, instant.microsecond // 1000 * 1000, tzinfo=_dt.timezone.utc,
    )


T = TypeVar("T")


class PerPeriod(Generic[T]):
    """``derive(start)`` for the period (a second, a day) an instant falls in, made once
    per period: mocked calls ask about the same second or day over and over, and the
    two comparisons that recognise it cost a tenth of the ``datetime.replace`` that
    finds its start. The last answer is one tuple, replaced whole: no lock is needed.
    """

    def __init__(
        self,
        start_of: Callable[[_dt.datetime], _dt.datetime],
        length: _dt.timedelta,
        derive: Callable[[_dt.datetime], T],
    ) -> None:
        self._start_of = start_of
        self._length = length
        self._derive = derive
        self._last: Optional[tuple[_dt.datetime, _dt.datetime, T]] = None

    def __call__(self, instant: _dt.datetime) -> T:
        last = self._last
        if last is not None and last[0] <= instant < last[1]:
            return last[2]
        start = self._start_of(instant)
        value = self._derive(start)
        self._last = (start, start + self._length, value)
        return value


class Clock:
    """Real time, optionally frozen at an instant or shifted by an offset.

    "Real time" is ``datetime.datetime.now`` at each call, so an active ``freezegun``
    freeze or ``time-machine`` travel moves this clock too (with any offset added on top);
    ``freeze()`` overrides both until ``real()``.
    """

    def __init__(self) -> None:
        self._frozen_at: Optional[_dt.datetime] = None
        self._offset = _dt.timedelta(0)

    def now(self) -> _dt.datetime:
        """The current instant: timezone-aware UTC, millisecond precision."""
        if self._frozen_at is not None:
            return self._frozen_at
        instant = _dt.datetime.now(_dt.timezone.utc)
        if self._offset:
            instant += self._offset
        if type(instant) is _REAL_DATETIME[0] and instant.tzinfo is _dt.timezone.utc:
            # the usual case, without a call (see _to_millis)
            return instant - _SUB_MILLISECOND[instant.microsecond % 1000]
        return _to_millis(instant)

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def freeze(self, at: Optional[Instant] = None) -> _dt.datetime:
        """Stop the clock at ``at`` (default: now); returns the frozen instant.

        ``at`` is a datetime (naive: UTC) or an ISO 8601 string (``"2030-01-01"``,
        ``"2030-01-01T12:00:00Z"``); a bad one is refused and the clock left as it was.
        """
        instant = _within_range(_instant(at) if at is not None else self.now())
        self._frozen_at = _to_millis(instant)
        return self._frozen_at

    def advance(self, delta: Optional[Delta] = None, **kwargs: float) -> _dt.datetime:
        """Move time forward by a ``timedelta``, seconds, or ``timedelta`` keywords.

        A step backwards, or one that would take the clock past :data:`LATEST`, is refused
        before anything changes.
        """
        step = _to_delta(delta, kwargs)
        if step < _dt.timedelta(0):
            raise ClockError("the mock's clock only moves forward")
        try:
            target = self.now() + step
        except OverflowError:
            target = _dt.datetime.max.replace(tzinfo=_dt.timezone.utc)
        if target > LATEST:
            raise _step_too_large()
        if self._frozen_at is not None:
            self._frozen_at = _to_millis(target)
        else:
            self._offset += step
        return self.now()

    def real(self) -> None:
        """Back to real time: no freeze, no offset."""
        self._frozen_at = None
        self._offset = _dt.timedelta(0)

    def state(self) -> dict:
        """What a snapshot needs to bring this clock back."""
        return {
            "frozen_at": self._frozen_at.isoformat() if self._frozen_at else None,
            "offset_seconds": self._offset.total_seconds(),
        }

    def load_state(self, doc: dict) -> None:
        frozen = doc.get("frozen_at")
        self._frozen_at = _to_millis(_aware(_dt.datetime.fromisoformat(frozen))) if frozen else None
        self._offset = _dt.timedelta(seconds=doc.get("offset_seconds", 0))
