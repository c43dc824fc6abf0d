"""NextToken for SSM listings: an opaque cursor, bound to the query that issued it.

A token carries the name the previous page ended after, plus a fingerprint of the
operation, the query (path, filters…) and the caller's account and region. A token that
does not decode, or that another query or caller was given, gets AWS's
``InvalidNextToken`` instead of a wrong page. Tokens hold no randomness, so a seeded
session repeats byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Optional

from ...jsontext import parse as parse_json
from ...context import Context
from ...errors import ServiceError

#: The model's description of the error (AWS's wire text was not found) [INF].
INVALID_TOKEN_MESSAGE = "The specified token isn't valid."


def _fingerprint(context: Context, operation: str, query: object) -> str:
    material = repr((operation, context.account_id, context.region, query))
    return hashlib.sha256(material.encode()).hexdigest()[:24]


def write_token(context: Context, operation: str, query: object, after: str) -> str:
    payload = json.dumps([_fingerprint(context, operation, query), after])
    return base64.urlsafe_b64encode(payload.encode()).decode()


def read_token(
    context: Context, operation: str, query: object, token: Optional[str]
) -> Optional[str]:
    """The name to continue after, or ``None`` for a first page; a bad token is an error."""
    if token is None:
        return None
    try:
        fingerprint, after = parse_json(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise ServiceError("InvalidNextToken", INVALID_TOKEN_MESSAGE) from None
    if fingerprint != _fingerprint(context, operation, query) or not isinstance(after, str):
        raise ServiceError("InvalidNextToken", INVALID_TOKEN_MESSAGE)
    return after
