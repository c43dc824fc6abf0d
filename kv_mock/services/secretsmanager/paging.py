"""NextToken for Secrets Manager listings: an opaque cursor on the last item returned.

The token is base64 of a small JSON document: which listing it belongs to and the sort key
of the last item. The next page starts strictly after that key, so a page costs a seek plus
its own items, and secrets created or deleted between pages never shift the cursor. A token
that does not decode, or belongs to another listing (another sort), is
``InvalidNextTokenException``.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ...jsontext import parse as parse_json
from ...errors import ServiceError

#: The model's description of InvalidNextTokenException; AWS's runtime text was not captured.
INVALID_TOKEN_MESSAGE = "The NextToken value is invalid."


def encode_token(listing: str, cursor: Any) -> str:
    document = json.dumps({"l": listing, "c": cursor}, separators=(",", ":"))
    return base64.urlsafe_b64encode(document.encode("utf-8")).decode("ascii")


def decode_token(listing: str, token: str) -> Any:
    """The cursor in ``token``, which must have been made for ``listing``."""
    try:
        document = parse_json(base64.urlsafe_b64decode(token.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError):
        raise invalid_token() from None
    if not isinstance(document, dict) or document.get("l") != listing or "c" not in document:
        raise invalid_token()
    return document["c"]


def invalid_token() -> ServiceError:
    return ServiceError("InvalidNextTokenException", INVALID_TOKEN_MESSAGE)
