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
from typing import Any, Union

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: What a JSON escape of a surrogate starts with (hex digits in either case), and the lead
#: byte of a surrogate encoded as UTF-8 bytes (which the request decoder lets through).
_ESCAPES = (b"\\ud", b"\\uD", b"\xed")
REPLACEMENT = "?"


def may_hold_lone_surrogates(body: Union[bytes, str]) -> bool:
    """Cheap and conservative: False only for a body that cannot hold one."""
    if isinstance(body, bytes):
        return _ESCAPES[0] in body or _ESCAPES[1] in body or _ESCAPES[2] in body
    return "\\ud" in body or "\\uD" in body or _LONE_SURROGATE.search(body) is not None


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
