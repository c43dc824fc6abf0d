"""Parameter policies: parsing ``PutParameter``'s ``Policies``, their status, and expiry.

A ``Policies`` value is a JSON array of ``Expiration``, ``ExpirationNotification`` and
``NoChangeNotification`` policies (advanced tier only, at most 10). AWS enforces them by
periodic scans; kv_mock enforces ``Expiration`` with the mock's clock: once it passes the
timestamp, the parameter is deleted, as AWS deletes it.

The error texts below are quoted by a public CDK lint rule as what PutParameter answers;
they were not seen in a recorded AWS response.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any, Optional

from ...jsontext import parse as parse_json
from ...context import Context
from ...errors import ServiceError
from ...events import register_rescheduler
from ...isotime import parse_offset_date_time
from ...state import MockState
from ...store.parameters import ParameterPolicy, ParameterStore

#: "You specified more than the maximum number of allowed policies … The maximum is 10."
MAX_POLICIES = 10
POLICY_VERSION = "1.0"
EXPIRATION = "Expiration"
EXPIRATION_NOTIFICATION = "ExpirationNotification"
NO_CHANGE_NOTIFICATION = "NoChangeNotification"
#: Each type's interval attribute ("Before" the expiration / "After" the last change).
INTERVAL_ATTRIBUTES = {EXPIRATION_NOTIFICATION: "Before", NO_CHANGE_NOTIFICATION: "After"}
#: Interval units; AWS reads them case-insensitively.
UNITS = {"days": _dt.timedelta(days=1), "hours": _dt.timedelta(hours=1)}
#: Instants past the calendar's ends (a huge interval, a year-9999 timestamp moved to UTC):
#: the mock's clock never reaches them, so they stand for "never" and "long ago".
_LATEST = _dt.datetime.max.replace(tzinfo=_dt.timezone.utc)
_EARLIEST = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
#: The longest interval kept (``timedelta``'s bound in whole days, so it can be negated).
_LONGEST = _dt.timedelta(days=999_999_999)
_POSITIVE = re.compile(r"[1-9][0-9]*")


def _attribute_error(message: str) -> ServiceError:
    return ServiceError("InvalidPolicyAttributeException", message)


def parse_policies(raw: str, now: _dt.datetime) -> list[ParameterPolicy]:
    """The policies ``raw`` states, or AWS's error; ``[]`` and ``[{}]`` state none."""
    try:
        document = parse_json(raw)
    except ValueError:
        document = None
    if not isinstance(document, list) or not all(isinstance(p, dict) for p in document):
        raise ServiceError("ValidationException", f"Invalid policies input: {raw}.")
    document = [policy for policy in document if policy]
    if len(document) > MAX_POLICIES:
        raise ServiceError(
            "PoliciesLimitExceededException",
            f"Number of policies attached to a parameter cannot exceed {MAX_POLICIES}",
        )
    policies = [_parse_policy(policy, now) for policy in document]
    _check_compatible(policies)
    return policies


def _parse_policy(document: dict, now: _dt.datetime) -> ParameterPolicy:
    policy_type = document.get("Type")
    if policy_type not in (EXPIRATION, EXPIRATION_NOTIFICATION, NO_CHANGE_NOTIFICATION):
        raise ServiceError(
            "InvalidPolicyTypeException", f"Policy type {policy_type} is not supported."
        )
    if document.get("Version") != POLICY_VERSION:
        raise _attribute_error("Unsupported policy version.")
    attributes = document.get("Attributes")
    if not isinstance(attributes, dict):
        raise _attribute_error("Mandatory policy attribute Attributes is missing.")
    text = json.dumps(document, separators=(",", ":"))
    if policy_type == EXPIRATION:
        return ParameterPolicy(policy_type, text, timestamp=_timestamp(attributes, now))
    return ParameterPolicy(
        policy_type, text, interval=_interval(attributes, INTERVAL_ATTRIBUTES[policy_type])
    )


def _timestamp(attributes: dict, now: _dt.datetime) -> _dt.datetime:
    """An ISO_INSTANT or ISO_OFFSET_DATE_TIME instant, as the policy docs require."""
    if "Timestamp" not in attributes:
        raise _attribute_error("A valid Expiration policy must have an attribute of Timestamp.")
    raw = attributes["Timestamp"]
    instant = parse_offset_date_time(raw) if isinstance(raw, str) else None
    if instant is None:
        raise _attribute_error("Invalid timestamp format")
    try:
        instant = instant.astimezone(_dt.timezone.utc)
    except OverflowError:  # year 1 or 9999 with an offset that moves it off the calendar
        instant = _EARLIEST if instant.year == _dt.MINYEAR else _LATEST
    if instant <= now:
        # Inferred: AWS's text for an expiration already past was not found.
        raise _attribute_error("Expiration timestamp must be in the future.")
    return instant


def _interval(attributes: dict, name: str) -> _dt.timedelta:
    for required in (name, "Unit"):
        if required not in attributes:
            raise _attribute_error(f"Mandatory policy attribute {required} is missing.")
    count: Any = attributes[name]
    if isinstance(count, bool) or not (
        (isinstance(count, int) and count >= 1)
        or (isinstance(count, str) and _POSITIVE.fullmatch(count))
    ):
        raise _attribute_error(f"Attribute {name} must be a positive integer.")
    unit = attributes["Unit"]
    if not isinstance(unit, str) or unit.lower() not in UNITS:
        raise _attribute_error("Supported time units: DAYS HOURS")
    try:
        return int(count) * UNITS[unit.lower()]
    except OverflowError:  # longer than any interval the clock can span
        return _LONGEST


def _check_compatible(policies: list[ParameterPolicy]) -> None:
    types = [policy.type for policy in policies]
    if types.count(EXPIRATION) > 1:
        raise ServiceError(
            "IncompatiblePolicyException", "There can be only one expiration policy"
        )
    if EXPIRATION_NOTIFICATION in types and EXPIRATION not in types:
        raise ServiceError(
            "IncompatiblePolicyException",
            "Expiration notification policies are missing expiration policy",
        )


def expiration_of(policies: list[ParameterPolicy]) -> Optional[_dt.datetime]:
    for policy in policies:
        if policy.type == EXPIRATION:
            return policy.timestamp
    return None


def policy_status(
    policy: ParameterPolicy,
    policies: list[ParameterPolicy],
    changed_at: _dt.datetime,
    now: _dt.datetime,
) -> str:
    """``Pending`` until the policy's moment comes, ``Finished`` after it."""
    if policy.type == EXPIRATION:
        due = policy.timestamp
    elif policy.type == EXPIRATION_NOTIFICATION:
        expiration = expiration_of(policies)
        due = _shifted(expiration, -policy.interval) if expiration and policy.interval else None
    else:
        due = _shifted(changed_at, policy.interval) if policy.interval else None
    return "Finished" if due is not None and due <= now else "Pending"


def _shifted(instant: _dt.datetime, delta: _dt.timedelta) -> _dt.datetime:
    """``instant + delta``, or the calendar's end it runs past (intervals can be huge)."""
    try:
        return instant + delta
    except OverflowError:
        return _EARLIEST if delta < _dt.timedelta(0) else _LATEST


def schedule_expiration(context: Context, name: str, policies: list[ParameterPolicy]) -> None:
    """Delete parameter ``name`` when the clock passes its ``Expiration`` timestamp."""
    expires_at = expiration_of(policies)
    if expires_at is not None:
        _schedule(context.state, context.backend.parameters, name, expires_at)


def _schedule(
    state: MockState, store: ParameterStore, name: str, expires_at: _dt.datetime
) -> None:
    """By then the parameter may have been deleted, re-created or given another expiration:
    the event deletes it only if its latest version still carries this expiration.
    """

    def expire() -> None:
        parameter = store.get(name)
        if parameter is not None and expiration_of(parameter.latest.policies) == expires_at:
            store.delete(name)

    state.schedule(expires_at, expire)


@register_rescheduler
def _reschedule_expirations(state: MockState) -> None:
    """After a restore or reload, schedule again every expiration still in force."""
    for backend in state.backends.values():
        for parameter in backend.parameters:
            expires_at = expiration_of(parameter.latest.policies)
            if expires_at is not None:
                _schedule(state, backend.parameters, parameter.name, expires_at)
