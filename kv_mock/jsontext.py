"""JSON text that a caller sent (policies, page tokens, files): nesting too deep is malformed.

``json.loads`` raises ``RecursionError`` for deeply nested arrays or objects (about a
thousand levels, fewer when the stack is already deep), which a handler would turn into an
HTTP 500. AWS's Java services parse with Jackson, whose ``StreamReadConstraints`` refuse
nesting deeper than 1000 levels as malformed input, so AWS answers its "malformed" error;
here such text is malformed too: :func:`parse` raises ``ValueError`` like any other bad JSON.
No policy grammar AWS accepts nests more than a few levels, so the outcome of a policy call
is the same whichever of the two limits applies.
"""

from __future__ import annotations

import json
from typing import Any, Union


def parse(text: Union[str, bytes]) -> Any:
    """``json.loads(text)``; ``ValueError`` for bad JSON, nesting too deep included."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
