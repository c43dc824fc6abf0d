"""Parameter names, ARNs and selectors, with AWS's rules and messages."""

from __future__ import annotations

import re
from typing import Optional

from ...arns import arn
from ...context import Context
from ...errors import ServiceError

#: "The maximum length constraint … is 1011 characters, including the … ARN prefix".
NAME_MAX_WITH_ARN_PREFIX = 1011
#: "A hierarchy can have a maximum of 15 levels."
HIERARCHY_MAX_LEVELS = 15

#: AWS sends this one message for reserved prefixes *and* for bad characters.
INVALID_NAME_MESSAGE = (
    'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, '
    "it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a "
    "mix of letters, numbers and the following 3 symbols .-_"
)
NOT_FULLY_QUALIFIED_MESSAGE = "Parameter name must be a fully qualified name"
HIERARCHY_LIMIT_MESSAGE = (
    "A hierarchy can have a maximum of 15 levels. For more information, see Requirements "
    "and constraints for parameter names in the Amazon Web Services Systems Manager User "
    "Guide."
)
BAD_SELECTOR_MESSAGE = (
    "Invalid parameter name. Please use correct syntax for referencing a version/label  "
    "{name}:<version/label>"
)

_NAME_CHARACTERS = re.compile(r"[a-zA-Z0-9_.\-/]+")
#: Where AWS keeps its own parameters: readable, never writable.
RESERVED_ROOT = "/aws/"


def parameter_arn(context: Context, name: str) -> str:
    """``arn:…:parameter/a/b`` for ``/a/b`` and ``arn:…:parameter/a`` for ``a``."""
    return arn("ssm", context.region, context.account_id, "parameter/" + name.lstrip("/"))


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


#: Names that passed :func:`check_name`, by everything its answer depends on: it runs on
#: every Parameter Store call, and most calls name a parameter seen before. Bounded: it
#: starts over once full. Refused names are not kept (they raise every time).
_CHECKED_NAMES: dict[tuple[str, bool, str, str], str] = {}
_CHECKED_NAMES_MAX = 4096


def check_name(context: Context, raw: str, *, writing: bool) -> str:
    """The parameter name ``raw`` denotes, or AWS's error for it (see :func:`_check_name`)."""
    key = (raw, writing, context.region, context.account_id)
    name = _CHECKED_NAMES.get(key)
    if name is None:
        name = _check_name(context, raw, writing=writing)
        if len(_CHECKED_NAMES) >= _CHECKED_NAMES_MAX:
            _CHECKED_NAMES.clear()
        _CHECKED_NAMES[key] = name
    return name


def _check_name(context: Context, raw: str, *, writing: bool) -> str:
    """The parameter name ``raw`` denotes, or AWS's error for it.

    Leading and trailing spaces are trimmed, as AWS does; anything else outside
    ``a-zA-Z0-9_.-/``, a reserved ``aws``/``ssm`` prefix, a relative path, more than 15
    levels or more than 1011 characters with the ARN prefix is refused.
    """
    name = raw.strip(" ")
    if "/" in name and not name.startswith("/"):
        raise _invalid(NOT_FULLY_QUALIFIED_MESSAGE)
    if (
        not _NAME_CHARACTERS.fullmatch(name)
        or "//" in name
        or (name.endswith("/") and len(name) > 1)
        or name == "/"
    ):
        raise _invalid(INVALID_NAME_MESSAGE)
    if name.startswith(RESERVED_ROOT):
        if writing:
            # As another emulator answers; AWS's text for this was not found.
            raise ServiceError(
                "AccessDeniedException", f"No access to reserved parameter name: {name}."
            )
    elif name.lstrip("/").lower().startswith(("aws", "ssm")):
        raise _invalid(INVALID_NAME_MESSAGE)
    if len(name.strip("/").split("/")) > HIERARCHY_MAX_LEVELS:
        raise ServiceError("HierarchyLevelLimitExceededException", HIERARCHY_LIMIT_MESSAGE)
    longest = NAME_MAX_WITH_ARN_PREFIX - len(parameter_arn(context, ""))
    if len(name.lstrip("/")) > longest:
        # Inferred: AWS's text for a name within 2048 but over 1011 with its ARN was not found.
        raise _invalid(
            f"1 validation error detected: Value '{name}' at 'name' failed to satisfy "
            f"constraint: Member must have length less than or equal to {longest}"
        )
    return name


def split_selector(context: Context, raw: str) -> tuple[str, Optional[str]]:
    """``name:3`` → (``name``, ``3``); a parameter ARN → its name, keeping any selector."""
    reference = raw.strip(" ")
    if reference.startswith("arn:"):
        reference = _name_from_arn(context, reference)
    name, colon, selector = reference.partition(":")
    if colon and (not selector or ":" in selector):
        raise _invalid(BAD_SELECTOR_MESSAGE.format(name=name))
    return name, (selector if colon else None)


def _name_from_arn(context: Context, reference: str) -> str:
    prefix = parameter_arn(context, "")
    if not reference.startswith(prefix):
        raise _invalid(INVALID_NAME_MESSAGE)
    resource = reference[len(prefix):]
    return "/" + resource if "/" in resource else resource
