"""Looking inside a mock: its store as plain data, and as HTML tables for notebooks.

Both views mask what AWS guards — SecureString values, secret values, and the request
members botocore's models mark ``sensitive`` in the call log — unless ``reveal=True``.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any, Iterable, Optional

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


def _plain(record: Any) -> dict:
    data = dataclasses.asdict(record)
    for name in _HIDDEN_FIELDS:
        data.pop(name, None)
    for version in data.get("versions", {}).values():
        for name in _HIDDEN_FIELDS:
            version.pop(name, None)
    return data


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
    """The call's request with the members its input shape marks ``sensitive`` masked."""
    shape = operation_model(call.service, call.operation).input_shape
    return _mask(call.parameters, shape)


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

def to_html(state: MockState, *, reveal: bool = False) -> str:
    """Three tables — parameter versions, secret versions, calls — every cell escaped."""
    stores = dump(state, reveal=reveal)
    parameter_rows = [
        (account, region, name, number, v["type"], v["value"], ", ".join(v["labels"]),
         v["last_modified_date"])
        for account, regions in stores.items()
        for region, store in regions.items()
        for name, parameter in store["parameters"].items()
        for number, v in parameter["versions"].items()
    ]
    secret_rows = [
        (account, region, name, version_id, ", ".join(v["stages"]),
         v["secret_string"] if v.get("secret_string") is not None else v.get("secret_binary"),
         v["created_date"], "scheduled for deletion" if secret.get("deleted_date") else "")
        for account, regions in stores.items()
        for region, store in regions.items()
        for name, secret in store["secrets"].items()
        for version_id, v in secret["versions"].items()
    ]
    call_rows = [
        (index, call.service, call.operation, call.region,
         call.parameters if reveal else mask_request(call), call.outcome)
        for index, call in enumerate(state.calls)
    ]
    return "\n".join((
        _table("Parameters", ("Account", "Region", "Name", "Version", "Type", "Value",
                              "Labels", "Last modified"), parameter_rows),
        _table("Secrets", ("Account", "Region", "Name", "Version id", "Stages", "Value",
                           "Created", "State"), secret_rows),
        _table("Calls", ("#", "Service", "Operation", "Region", "Parameters", "Outcome"),
               call_rows),
    ))


def _table(title: str, headers: Iterable[str], rows: list[tuple]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>"
        for row in rows[:HTML_ROW_LIMIT]
    )
    shown = f", first {HTML_ROW_LIMIT} shown" if len(rows) > HTML_ROW_LIMIT else ""
    return (
        f"<table><caption>{html.escape(title)} ({len(rows)}{shown})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return html.escape(value.isoformat())
    return html.escape(str(value))
