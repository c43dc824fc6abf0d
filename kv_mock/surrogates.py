"""Lone UTF-16 surrogates in requests: stored as ``?``, as AWS's Java services store them.

JSON can spell a string no Unicode text holds: ``"a\\ud800b"``, half of a surrogate pair.
Python decodes it to a ``str`` with a lone surrogate, which then cannot be encoded as
UTF-8: persisting it, exporting it to a ``.env`` file or sending it back over HTTP failed
with ``UnicodeEncodeError`` on every later call. AWS's services are Java: their JSON parser
(Jackson) reads the escape into a Java ``String`` as it is, and a Java ``String`` becomes
bytes through a UTF-8 encoder that "always replaces malformed-input and unmappable-character
sequences with this charset's default replacement byte array" (``String.getBytes``), ``?``
for UTF-8. So kv_mock replaces each lone surrogate of a request with ``?`` as the request
is decoded — once, before validation, so memory, persistence, snapshots and exports all
hold the same text. Inferred from Java's behaviour; no recorded AWS response shows it.
Length checks are unchanged by it: a lone surrogate and ``?`` are one UTF-16 unit each.
"""

from __future__ import annotations

import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "?"


def may_hold_lone_surrogates(text: str) -> bool:
    """Cheap and conservative: False only for a request text that cannot hold one.

    One can come as a JSON escape (``\\ud800``, which needs a backslash) or as the raw
    character (from UTF-8 bytes the request decoder lets through, which is not ASCII).
    botocore's bodies are ASCII JSON and rarely hold a backslash: two C-level scans,
    a few dozen nanoseconds, tell most of them apart.
    """
    if "\\" not in text and text.isascii():
        return False
    return "\\ud" in text or "\\uD" in text or _LONE_SURROGATE.search(text) is not None


def replace_lone_surrogates(value: Any) -> Any:
    """``value`` (decoded JSON) with every lone surrogate of every string, keys too, as ``?``."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [replace_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            replace_lone_surrogates(key): replace_lone_surrogates(item)
            for key, item in value.items()
        }
    return value
