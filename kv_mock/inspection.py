"""Looking inside a mock: its store as plain data, and as HTML tables for notebooks.

Both views mask what AWS guards — SecureString values, secret values, and the request
members botocore's models mark ``sensitive`` in the call log — unless ``reveal=True``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import html
import itertools
from typing import Any, Iterable, Iterator, Optional

from botocore.model import Shape

from .calllog import Call
from .service_models import operation_model
from .state import MockState

#: What a masked value reads as.
MASK = "********"
#: Store internals left out of the views (a SecureString's stand-in ciphertext).
_HIDDEN_FIELDS = ("ciphertext",)
#: Rows shown per HTML table: a notebook cell stays usable with 10,000 parameters.
HTML_ROW_LIMIT = 200


def dump(state: MockState, *, reveal: bool = False) -> dict:
    """``{account_id: {region: {"parameters": {...}, "secrets": {...}}}}`` of non-empty stores.

    A parameter is ``{"name", "tags", "versions": {number: {...}}}`` (a version with its
    ``value``, ``type``, ``labels``, …); a secret is its fields with ``"versions":
    {version_id: {...}}`` (``stages``, ``secret_string`` / ``secret_binary``, …).
    Timestamps stay ``datetime``; values of SecureStrings and secrets read as
    :data:`MASK` unless ``reveal``.
    """
    accounts: dict[str, dict[str, dict]] = {}
    with state.lock:  # a consistent picture, even while other threads make calls
        for (account_id, region), backend in sorted(state.backends.items()):
            parameters = {p.name: _parameter(p, reveal) for p in backend.parameters}
            secrets = {s.name: _secret(s, reveal) for s in backend.secrets}
            if parameters or secrets:
                accounts.setdefault(account_id, {})[region] = {
                    "parameters": parameters, "secrets": secrets,
                }
    return accounts


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _HIDDEN_FIELDS)


def _plain(value: Any) -> Any:
    """``value`` as plain dicts and lists; leaves (str, datetime, bytes…) shared, not copied.

    ``dataclasses.asdict`` deep-copies every leaf, which made ``dump()`` of 100,000
    parameters take over ten seconds; the leaves are immutable, so sharing them is safe.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _parameter(parameter: Any, reveal: bool) -> dict:
    data = _plain(parameter)
    if not reveal:
        for version in data["versions"].values():
            if version["type"] == "SecureString":
                version["value"] = MASK
    return data


def _secret(secret: Any, reveal: bool) -> dict:
    data = _plain(secret)
    if not reveal:
        for version in data["versions"].values():
            for name in ("secret_string", "secret_binary"):
                if version.get(name) is not None:
                    version[name] = MASK
    return data


def mask_request(call: Call) -> dict:
    """The call's request with its secret values masked.

    What is masked: the members botocore's models mark ``sensitive`` (``SecretString``,
    ``SecretBinary``, a parameter's ``Value``…), except a ``PutParameter`` ``Value`` of
    ``Type`` ``String`` or ``StringList``: AWS returns those in plain text to anyone who
    may read the parameter, so they are no secret. Without ``Type`` (an overwrite keeps
    the old type) the value is masked.
    """
    shape = operation_model(call.service, call.operation).input_shape
    masked = _mask(call.parameters, shape)
    if call.operation == "PutParameter" and call.parameters.get("Type") in _PLAIN_TYPES:
        masked["Value"] = call.parameters.get("Value")
    return masked


#: Parameter types whose values are not secret.
_PLAIN_TYPES = ("String", "StringList")


def _mask(value: Any, shape: Optional[Shape]) -> Any:
    if shape is None:
        return value
    if shape.metadata.get("sensitive"):
        return MASK
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: _mask(v, shape.members.get(k)) for k, v in value.items()}
    if shape.type_name == "list" and isinstance(value, list):
        return [_mask(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: _mask(v, shape.value) for k, v in value.items()}
    return value


# -- HTML --------------------------------------------------------------------------------

def to_html(
    state: MockState,
    *,
    reveal: bool = False,
    active: Optional[bool] = None,
    limit: Optional[int] = None,
) -> str:
    """A status line, then three tables — parameter versions, secret versions, the latest
    calls first — of at most ``limit`` rows each, every cell escaped.

    Only the rows shown are built: with 100,000 parameters the view costs what 200 rows
    cost plus one count. ``active`` says whether the mock is on (``None``: not said);
    ``limit`` defaults to :data:`HTML_ROW_LIMIT`.
    """
    limit = HTML_ROW_LIMIT if limit is None else limit
    with state.lock:
        parameter_total = sum(
            len(p.versions) for b in state.backends.values() for p in b.parameters
        )
        secret_total = sum(len(s.versions) for b in state.backends.values() for s in b.secrets)
        parameter_rows = list(itertools.islice(_parameter_rows(state, reveal), limit))
        secret_rows = list(itertools.islice(_secret_rows(state, reveal), limit))
    calls = state.calls
    newest_first = reversed(calls[-limit:]) if limit else ()
    latest = [(len(calls) - offset, call) for offset, call in enumerate(newest_first)]
    call_rows = [
        (number, call.at, call.service, call.operation, call.account_id, call.region,
         call.parameters if reveal else mask_request(call), call.outcome)
        for number, call in latest
    ]
    return "\n".join((
        _status(state, active),
        _table("Parameters", ("Account", "Region", "Name", "Version", "Type", "Value",
                              "Labels", "Last modified"), parameter_rows, parameter_total),
        _table("Secrets", ("Account", "Region", "Name", "Version id", "Stages", "Value",
                           "Created", "State"), secret_rows, secret_total),
        _table("Calls, latest first", ("#", "At", "Service", "Operation", "Account",
                                       "Region", "Parameters", "Outcome"),
               call_rows, len(calls)),
    ))


def _parameter_rows(state: MockState, reveal: bool) -> Iterator[tuple]:
    for (account, region), backend in sorted(state.backends.items()):
        for parameter in backend.parameters:
            for number, v in parameter.versions.items():
                value = v.value if reveal or v.type != "SecureString" else MASK
                yield (account, region, parameter.name, number, v.type, value,
                       ", ".join(v.labels), v.last_modified_date)


def _secret_rows(state: MockState, reveal: bool) -> Iterator[tuple]:
    for (account, region), backend in sorted(state.backends.items()):
        for secret in backend.secrets:
            deleted = "scheduled for deletion" if secret.deleted_date else ""
            for version_id, v in secret.versions.items():
                value = v.secret_string if v.secret_string is not None else v.secret_binary
                if value is not None and not reveal:
                    value = MASK
                yield (account, region, secret.name, version_id, ", ".join(v.stages), value,
                       v.created_date, deleted)


def status(state: MockState, active: Optional[bool] = None) -> str:
    """One line on the mock: on or off, region, account, seed, clock."""
    clock = state.clock.state()
    if clock["frozen_at"]:
        time = f"frozen at {clock['frozen_at']}"
    elif clock["offset_seconds"]:
        time = f"real time {_dt.timedelta(seconds=clock['offset_seconds'])} ahead"
    else:
        time = "real time"
    switch = "" if active is None else ("on, " if active else "off, ")
    seed = "none" if state.seed is None else str(state.seed)
    return (f"kv_mock {switch}region {state.default_region}, account "
            f"{state.default_account_id}, seed {seed}, clock {time}")


def _status(state: MockState, active: Optional[bool]) -> str:
    return f"<p>{html.escape(status(state, active))}</p>"


def _table(title: str, headers: Iterable[str], rows: list[tuple], total: int) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    shown = f", {len(rows)} shown" if total > len(rows) else ""
    return (
        f"<table><caption>{html.escape(title)} ({total}{shown})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return html.escape(value.isoformat())
    return html.escape(str(value))
