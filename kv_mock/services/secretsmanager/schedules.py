"""Rotation schedules: checking ``RotationRules`` and finding the next rotation window.

AWS's rules (RotateSecret, RotationRulesType): ``AutomaticallyAfterDays`` (1–1000, checked
by the model) *or* ``ScheduleExpression`` (``rate()`` / ``cron()`` in UTC, "as often as every
four hours"), and an optional ``Duration`` (``[0-9]+h``) for the window. A window in days
starts at midnight and closes at the end of the UTC day; a window in hours closes after one
hour; ``Duration`` changes either, but "the window must not extend into the next rotation
window or the next UTC day". ``NextRotationDate`` is the last second of the next window (a
real DescribeSecret for ``cron(0 0 ? * 2 *)`` reads ``…T23:59:59Z``).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Optional

from ...errors import ServiceError

#: "You can rotate a secret as often as every four hours."
MIN_ROTATION_INTERVAL_HOURS = 4
HOURS_PER_DAY = 24
#: The longest rate() interval: inferred from AutomaticallyAfterDays' 1–1000 (the model),
#: the same schedule in days; the guide only says "a positive integer".
MAX_RATE_DAYS = 1000
#: How far ahead a cron() schedule is searched for its next window.
CRON_SEARCH_DAYS = 5 * 366

BOTH_SCHEDULES_MESSAGE = (
    "You cannot specify both rotation frequency and schedule expression together."
)
# Inferred (AWS's texts for these were not found): InvalidParameterException as for the
# other RotationRules errors.
BAD_EXPRESSION_MESSAGE = "Invalid ScheduleExpression format."
TOO_FREQUENT_MESSAGE = (
    "The schedule expression must specify a rotation interval of at least four hours."
)
BAD_DURATION_MESSAGE = (
    "The rotation window can't extend into the next rotation window or the next UTC day."
)

_RATE = re.compile(r"rate\((\d+) (hours?|days?)\)")
_CRON = re.compile(r"cron\((.+)\)")
_MONTHS = {
    name: i for i, name in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)
}
_WEEKDAYS = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}


def _invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


@dataclass(frozen=True)
class Schedule:
    """When windows start (``next_start``) and how long they stay open."""

    rules: dict

    def next_window_end(self, after: _dt.datetime) -> Optional[_dt.datetime]:
        """``NextRotationDate`` for a rotation that happened at ``after``."""
        start, hourly = self._next_start(after)
        if start is None:
            return None
        duration = self.rules.get("Duration")
        if duration is not None:
            length = _dt.timedelta(hours=int(duration[:-1]))
        elif hourly:
            length = _dt.timedelta(hours=1)
        else:
            length = _midnight(start) + _dt.timedelta(days=1) - start
        return start + length - _dt.timedelta(seconds=1)

    def _next_start(self, after: _dt.datetime) -> tuple[Optional[_dt.datetime], bool]:
        days = self.rules.get("AutomaticallyAfterDays")
        if days is not None:
            return _midnight(after) + _dt.timedelta(days=days), False
        expression = self.rules.get("ScheduleExpression")
        if expression is None:
            return None, False
        rate = _RATE.fullmatch(expression)
        if rate is not None:
            count, unit = int(rate.group(1)), rate.group(2)
            if unit.startswith("day"):
                return _midnight(after) + _dt.timedelta(days=count), False
            hour = after.replace(minute=0, second=0, microsecond=0)
            return hour + _dt.timedelta(hours=count), True
        cron = Cron.parse(expression)
        return cron.next_after(after), len(cron.hours) > 1


def _midnight(instant: _dt.datetime) -> _dt.datetime:
    return instant.replace(hour=0, minute=0, second=0, microsecond=0)


def check_rotation_rules(rules: dict) -> Schedule:
    """The schedule ``rules`` describe; AWS's InvalidParameterException if they are wrong."""
    expression = rules.get("ScheduleExpression")
    if expression is not None and rules.get("AutomaticallyAfterDays") is not None:
        raise _invalid(BOTH_SCHEDULES_MESSAGE)
    window_hours = HOURS_PER_DAY
    if expression is not None:
        window_hours = _check_expression(expression)
    duration = rules.get("Duration")
    if duration is not None:
        hours = int(duration[:-1])
        if not 1 <= hours <= window_hours:
            raise _invalid(BAD_DURATION_MESSAGE)
        if expression is not None and expression.startswith("cron("):
            cron = Cron.parse(expression)
            if max(cron.hours) + hours > HOURS_PER_DAY:
                raise _invalid(BAD_DURATION_MESSAGE)
    return Schedule(dict(rules))


def _check_expression(expression: str) -> int:
    """Validate a rate()/cron() expression; returns the longest window it allows, in hours."""
    rate = _RATE.fullmatch(expression)
    if rate is not None:
        count, unit = int(rate.group(1)), rate.group(2)
        hours_apart = count * (1 if unit.startswith("hour") else HOURS_PER_DAY)
        if count < 1 or hours_apart > MAX_RATE_DAYS * HOURS_PER_DAY:
            raise _invalid(BAD_EXPRESSION_MESSAGE)
        if unit.startswith("hour"):
            if count < MIN_ROTATION_INTERVAL_HOURS:
                raise _invalid(TOO_FREQUENT_MESSAGE)
            return min(count, HOURS_PER_DAY)
        return HOURS_PER_DAY
    cron = Cron.parse(expression)
    if len(cron.minutes) > 1:
        raise _invalid(TOO_FREQUENT_MESSAGE)
    hours = sorted(cron.hours)
    gaps = [b - a for a, b in zip(hours, hours[1:])] + [hours[0] + HOURS_PER_DAY - hours[-1]]
    if min(gaps) < MIN_ROTATION_INTERVAL_HOURS:
        raise _invalid(TOO_FREQUENT_MESSAGE)
    return min(gaps)


@dataclass(frozen=True)
class Cron:
    """An AWS cron() expression: minutes hours day-of-month month day-of-week year.

    Supported: ``*``, ``?``, numbers, ranges, lists, ``/`` steps, month and weekday names
    (weekdays 1–7 are SUN–SAT, as in EventBridge). ``L``, ``W`` and ``#`` are refused.
    """

    minutes: frozenset
    hours: frozenset
    days: Optional[frozenset]
    months: frozenset
    weekdays: Optional[frozenset]
    years: frozenset

    @classmethod
    def parse(cls, expression: str) -> "Cron":
        match = _CRON.fullmatch(expression)
        fields = match.group(1).split() if match else []
        if len(fields) != 6:
            raise _invalid(BAD_EXPRESSION_MESSAGE)
        minute, hour, day, month, weekday, year = fields
        days = None if day == "?" else _field(day, 1, 31, {})
        weekdays = None if weekday == "?" else _field(weekday, 1, 7, _WEEKDAYS)
        if (days is None) == (weekdays is None):
            # AWS requires exactly one of day-of-month and day-of-week to be "?".
            raise _invalid(BAD_EXPRESSION_MESSAGE)
        return cls(
            _field(minute, 0, 59, {}), _field(hour, 0, 23, {}), days,
            _field(month, 1, 12, _MONTHS), weekdays, _field(year, 1970, 2199, {}),
        )

    def next_after(self, after: _dt.datetime) -> Optional[_dt.datetime]:
        """The first instant strictly after ``after`` the expression matches."""
        day = _midnight(after)
        for _ in range(CRON_SEARCH_DAYS):
            if self._matches_day(day):
                for hour in sorted(self.hours):
                    for minute in sorted(self.minutes):
                        candidate = day.replace(hour=hour, minute=minute)
                        if candidate > after:
                            return candidate
            day += _dt.timedelta(days=1)
        return None

    def _matches_day(self, day: _dt.datetime) -> bool:
        if day.year not in self.years or day.month not in self.months:
            return False
        if self.days is not None:
            return day.day in self.days
        # Python: Monday=0 … Sunday=6; AWS: Sunday=1 … Saturday=7.
        return (day.weekday() + 1) % 7 + 1 in self.weekdays  # type: ignore[operator]


def _field(text: str, low: int, high: int, names: dict) -> frozenset:
    values: set[int] = set()
    for part in text.upper().split(","):
        values.update(_part(part, low, high, names))
    return frozenset(values)


def _part(part: str, low: int, high: int, names: dict) -> range:
    base, _, step_text = part.partition("/")
    step = _number(step_text, names, 1, high) if step_text else 1
    if base == "*":
        first, last = low, high
    elif "-" in base:
        start, _, end = base.partition("-")
        first, last = _number(start, names, low, high), _number(end, names, low, high)
    else:
        first = _number(base, names, low, high)
        last = high if step_text else first
    if first > last:
        raise _invalid(BAD_EXPRESSION_MESSAGE)
    return range(first, last + 1, step)


def _number(text: str, names: dict, low: int, high: int) -> int:
    value = names.get(text)
    if value is None:
        if not text.isdigit():
            raise _invalid(BAD_EXPRESSION_MESSAGE)
        value = int(text)
    if not low <= value <= high:
        raise _invalid(BAD_EXPRESSION_MESSAGE)
    return value
