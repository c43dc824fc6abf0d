"""GetParameterHistory: every kept version, oldest first, a page at a time.

The ``NextToken`` is an opaque cursor: the parameter's name and the last version returned.
A token from another parameter, or one that is not ours at all, gets ``InvalidNextToken``.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Optional

from ...jsontext import parse as parse_json
from ...context import Context
from ...errors import ServiceError
from .. import SSM, operation
from .parameters import lookup
from .public import is_public
from .responses import history_shape

#: "MaxResults … 1–50"; AWS answers 50 versions a page when none is asked for.
DEFAULT_MAX_RESULTS = 50
# The model's description of InvalidNextToken.
INVALID_TOKEN_MESSAGE = "The specified token isn't valid."


def _token(name: str, version: int) -> str:
    cursor = json.dumps({"name": name, "after": version}, separators=(",", ":"))
    return base64.urlsafe_b64encode(cursor.encode()).decode("ascii")


def _after_version(name: str, token: Optional[str]) -> int:
    """The version a ``NextToken`` for parameter ``name`` continues after (0: from the start)."""
    if token is None:
        return 0
    try:
        cursor = parse_json(base64.urlsafe_b64decode(token.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        cursor = None
    if (
        not isinstance(cursor, dict)
        or cursor.get("name") != name
        or type(cursor.get("after")) is not int
    ):
        raise ServiceError("InvalidNextToken", INVALID_TOKEN_MESSAGE)
    return cursor["after"]


@operation(SSM, "GetParameterHistory")
def get_parameter_history(context: Context, request: dict) -> dict:
    parameter, selector, _ = lookup(context, request["Name"], "ssm:GetParameterHistory")
    if is_public(parameter.name):
        # "Public parameters do not support get-parameter-history"; the error is inferred.
        raise ServiceError("ParameterNotFound")
    if selector is not None:
        raise ServiceError("ParameterNotFound")  # inferred: history takes no selector
    after = _after_version(parameter.name, request.get("NextToken"))
    page_size = request.get("MaxResults", DEFAULT_MAX_RESULTS)
    # Versions are numbered without gaps, oldest first: a page is a range of numbers.
    first = max(after + 1, next(iter(parameter.versions)))
    numbers = range(first, parameter.latest.version + 1)
    page = numbers[:page_size]
    with_decryption = bool(request.get("WithDecryption"))
    response: dict = {
        "Parameters": [
            history_shape(
                context, parameter, parameter.versions[number], with_decryption=with_decryption
            )
            for number in page
        ]
    }
    if len(numbers) > page_size:
        response["NextToken"] = _token(parameter.name, page[-1])
    return response
