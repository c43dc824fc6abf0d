"""JSON text that a caller sent (policies, page tokens, files): nesting too deep is malformed.

``json.loads`` raises ``RecursionError`` for deeply nested arrays or objects (about a
thousand levels, fewer when the stack is already deep), which a handler would turn into an
HTTP 500. AWS's Java services parse with Jackson, whose ``StreamReadConstraints`` refuse
nesting deeper than 1000 levels as malformed input, so AWS answers its "malformed" error;
here such text is malformed too: :func:`parse` and :func:`decode` raise ``ValueError``
like any other bad JSON.
No policy grammar AWS accepts nests more than a few levels, so the outcome of a policy call
is the same whichever of the two limits applies.
"""

from __future__ import annotations

import json
from typing import Any, Union


def parse(text: Union[str, bytes]) -> Any:
    """``json.loads(text)``; ``ValueError`` for bad JSON, nesting too deep included."""
    if isinstance(text, str):
        return decode(PLAIN, text)
    try:
        return json.loads(text)  # bytes: json.loads detects their encoding
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


#: The decoder ``json.loads`` uses.
PLAIN = json.JSONDecoder()


def decode(decoder: json.JSONDecoder, text: str) -> Any:
    """``decoder.decode(text)``, at half the cost for compact JSON such as botocore sends;
    ``ValueError`` for bad JSON, nesting too deep included.

    The decoder's C scanner (``scan_once``, what ``decode`` runs after skipping
    whitespace) reads a text that is one JSON value from its first character to its
    last; any other text (whitespace around the value, more after it, not JSON) goes to
    ``decode``, which reads it or raises the error ``json.loads`` would.
    """
    try:
        try:
            value, end = decoder.scan_once(text, 0)  # type: ignore[attr-defined]  # not in typeshed
        except StopIteration:
            return decoder.decode(text)
        return value if end == len(text) else decoder.decode(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
