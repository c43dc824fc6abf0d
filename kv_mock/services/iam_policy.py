"""IAM policy documents: their grammar, and whether a resource policy lets an account act.

:func:`statements` checks a document against IAM's grammar (both services refuse a policy
that breaks it, each with its own error). For a cross-account call:

Both services share AWS's rule for cross-account calls: the owner's resource-based policy
must allow the calling account the action on the resource (the caller's own identity policy
is taken to allow it: kv_mock plays whole accounts, not IAM users). A statement applies when
its ``Principal`` names the account (its id, ``arn:…:iam::<id>:root`` or ``*``), its
``Action`` matches (wildcards allowed) and its ``Resource`` matches; a ``Deny`` wins.
``Condition`` is not evaluated, and ``NotPrincipal`` / ``NotAction`` statements never match.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any, Iterable

from ..errors import ServiceError
from ..jsontext import parse as parse_json

#: Policy language versions IAM accepts.
POLICY_VERSIONS = ("2012-10-17", "2008-10-17")
_DOCUMENT_KEYS = {"Version", "Id", "Statement"}
_STATEMENT_KEYS = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
    "NotResource", "Condition",
}
_EFFECTS = ("Allow", "Deny")


class MalformedPolicy(Exception):
    """The text is not a policy document IAM's grammar accepts."""


def statements(text: str) -> list[dict]:
    """The statements of a well-formed policy document; :class:`MalformedPolicy` otherwise."""
    try:
        document = parse_json(text)  # nesting too deep is malformed too (kv_mock.jsontext)
    except ValueError:
        raise MalformedPolicy() from None
    if not isinstance(document, dict) or not set(document) <= _DOCUMENT_KEYS:
        raise MalformedPolicy()
    if document.get("Version", POLICY_VERSIONS[0]) not in POLICY_VERSIONS:
        raise MalformedPolicy()
    found = document.get("Statement")
    if isinstance(found, dict):
        found = [found]
    if not isinstance(found, list) or not found:
        raise MalformedPolicy()
    for statement in found:
        _check_statement(statement)
    return found


def _check_statement(statement: Any) -> None:
    """Effect, an action element and a principal element, each of the right JSON type."""
    if not isinstance(statement, dict) or not set(statement) <= _STATEMENT_KEYS:
        raise MalformedPolicy()
    if statement.get("Effect") not in _EFFECTS:
        raise MalformedPolicy()
    if ("Action" in statement) == ("NotAction" in statement):
        raise MalformedPolicy()
    if ("Principal" in statement) == ("NotPrincipal" in statement):
        raise MalformedPolicy()
    for key in ("Action", "NotAction", "Resource", "NotResource"):
        if key in statement and not _strings(statement[key]):
            raise MalformedPolicy()
    if "Condition" in statement and not isinstance(statement["Condition"], dict):
        raise MalformedPolicy()


def _strings(value: Any) -> bool:
    """A policy element holding one string or a non-empty list of strings."""
    if isinstance(value, str):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


class NotAuthorized(ServiceError):
    """IAM's denial of a cross-account call: it fails the whole call (GetParameters too)."""


def allows(policies: Iterable[str], account_id: str, action: str, resource_arn: str) -> bool:
    """Whether the (stored, so well-formed) policy documents ``policies`` let ``account_id``
    do ``action`` on ``resource_arn``."""
    allowed = False
    for text in policies:
        for statement in statements(text):
            if not _applies(statement, account_id, action, resource_arn):
                continue
            if statement["Effect"] == "Deny":
                return False
            allowed = True
    return allowed


def not_authorized(partition: str, account_id: str, action: str, resource_arn: str) -> NotAuthorized:
    """IAM's denial, as AWS words it for a call no resource-based policy allows."""
    return NotAuthorized(
        "AccessDeniedException",
        f"User: arn:{partition}:iam::{account_id}:root is not authorized to perform: "
        f"{action} on resource: {resource_arn} because no resource-based policy allows the "
        f"{action} action",
    )


def _applies(statement: dict, account_id: str, action: str, resource_arn: str) -> bool:
    if "Principal" not in statement or "Action" not in statement:
        return False  # NotPrincipal / NotAction: not modelled, never matches
    if not _names_account(statement["Principal"], account_id):
        return False
    actions = _listed(statement["Action"])
    if not any(fnmatchcase(action.lower(), pattern.lower()) for pattern in actions):
        return False
    resources = _listed(statement.get("Resource", "*"))
    return any(fnmatchcase(resource_arn, pattern) for pattern in resources)


def _names_account(principal: Any, account_id: str) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    for named in _listed(principal.get("AWS", [])):
        if named == "*" or named == account_id:
            return True
        if re.fullmatch(rf"arn:[\w-]+:iam::{account_id}:root", named):
            return True
    return False


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
