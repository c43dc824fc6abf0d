"""Parameter names, ARNs and selectors, with AWS's rules and messages."""

from __future__ import annotations

import re
from typing import Optional

from ... import arns
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
#: The start of any parameter's ARN.
PARAMETER_ARN = re.compile(
    r"arn:(?P<partition>[\w-]+):ssm:(?P<region>[\w-]+):(?P<account>\d{12}):parameter/"
)
#: Where AWS keeps its own parameters: readable, never writable.
RESERVED_ROOT = "/aws/"


def parameter_arn(context: Context, name: str) -> str:
    """``arn:…:parameter/a/b`` for ``/a/b`` and ``arn:…:parameter/a`` for ``a``."""
    return arn("ssm", context.region, context.account_id, "parameter/" + name.lstrip("/"))


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def reserved_name_denied(name: str) -> ServiceError:
    """AWS's answer for a name it keeps for itself (``/aws/…``, ``aws…``)."""
    return ServiceError("AccessDeniedException", f"No access to reserved parameter name: {name}.")


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

    A name starting ``aws`` (after any leading slash, case-insensitively) is AWS's own:
    ``AccessDeniedException`` "No access to reserved parameter name: <name>." with the
    name *without* its leading slash, for reads and writes alike (a read of AWS's public
    ``/aws/…`` parameters excepted). Recorded: PutParameter ``/awssec/lab01/vpc_id`` →
    "…name: awssec/lab01/vpc_id." (a Terraform apply's log), the console's PutParameter of
    ``/aws/test`` → "…name: aws/test." (aws-cloudformation/cfn-lint#4089), PutParameter
    ``/AWS/…`` and ``/Aws/…`` denied while ``/SSM/…`` gets the generic message (a project's
    measured notes), DeleteParameter ``aws-cdk-playground``
    (awslabs/aws-deployment-framework#119), a Lambda's reads of ``awslimitschecker``
    (aws-solutions/quota-monitor-for-aws#30). The check comes before the relative-path one
    (``aws/test``). ``ssm…`` keeps the generic message, which names "ssm".

    A relative path (``a/b/c``) is "must be a fully qualified name" when written
    (PutParameter ``gh-runner/ami/id``, aws-samples/cdk-image-pipeline#148, 2024) and the
    generic message when read (GetParameter ``xxx/yyy``, aws/aws-sdk-js-v3#5005, 2023;
    ``test/some-config``, localstack/localstack#11538, 2025).
    """
    name = raw.strip(" ")
    if not _NAME_CHARACTERS.fullmatch(name):
        raise _invalid(INVALID_NAME_MESSAGE)
    bare = name.lstrip("/")
    if bare.lower().startswith("aws") and (writing or not name.startswith(RESERVED_ROOT)):
        raise reserved_name_denied(bare)
    if "/" in name and not name.startswith("/"):
        raise _invalid(NOT_FULLY_QUALIFIED_MESSAGE if writing else INVALID_NAME_MESSAGE)
    if "//" in name or (name.endswith("/") and len(name) > 1) or name == "/":
        raise _invalid(INVALID_NAME_MESSAGE)
    if bare.lower().startswith("ssm"):
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
        reference = name_from_arn(context, reference)
    name, colon, selector = reference.partition(":")
    if colon and (not selector or ":" in selector):
        raise _invalid(BAD_SELECTOR_MESSAGE.format(name=name))
    return name, (selector if colon else None)


def foreign_account(context: Context, reference: str) -> Optional[str]:
    """The account of ``reference`` when it is another account's parameter ARN in the
    caller's partition and region (a parameter that account may share), else ``None``."""
    return arns.foreign_account(
        reference, "ssm", "parameter/", region=context.region, account_id=context.account_id
    )


def name_from_arn(context: Context, reference: str) -> str:
    """The name in the caller's parameter ARN ``reference`` (``…:parameter/a/b`` → ``/a/b``)."""
    prefix = parameter_arn(context, "")
    if not reference.startswith(prefix):
        raise _invalid(INVALID_NAME_MESSAGE)
    resource = reference[len(prefix):]
    return "/" + resource if "/" in resource else resource
