"""KMS ciphertext blobs: opaque, bound to their key and encryption context, reversible.

A real symmetric KMS ciphertext carries the key it was made with, so Decrypt needs no
``KeyId``, and its encryption context is authenticated data: Decrypt with another context
fails with ``InvalidCiphertextException``. kv_mock's blob does the same with a keystream and
an HMAC derived from the key's ARN — not secure, only opaque, tamper-evident and
deterministic: the nonce comes from the mock's seeded generator. Layout::

    01 02 02 00 78 | len(key id) | key id | nonce (12) | tag (16) | ciphertext

The five leading bytes are those of real KMS ciphertexts (base64 ``AQICAHi…``).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Mapping, Optional

from .kms import Key

HEADER = bytes([1, 2, 2, 0, 0x78])
NONCE_LENGTH = 12
TAG_LENGTH = 16


@dataclass(frozen=True)
class Blob:
    key_id: str
    nonce: bytes
    tag: bytes
    body: bytes


def _material(key: Key) -> bytes:
    return hashlib.sha256(b"kv_mock kms key\0" + key.arn.encode()).digest()


def _keystream(material: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 31) // 32):
        blocks.append(hashlib.sha256(material + nonce + counter.to_bytes(4, "big")).digest())
    return b"".join(blocks)[:length]


def _canonical(context: Mapping[str, str]) -> bytes:
    """The encryption context as authenticated data: order does not matter, content does."""
    return b"\0".join(
        name.encode("utf-8", "surrogatepass") + b"=" + value.encode("utf-8", "surrogatepass")
        for name, value in sorted(context.items())
    )


def _tag(material: bytes, key_id: bytes, nonce: bytes, body: bytes, context: bytes) -> bytes:
    message = HEADER + key_id + nonce + body + b"\1" + context
    return hmac.new(material, message, hashlib.sha256).digest()[:TAG_LENGTH]


def seal(key: Key, plaintext: bytes, context: Mapping[str, str], nonce: bytes) -> bytes:
    material = _material(key)
    body = bytes(a ^ b for a, b in zip(plaintext, _keystream(material, nonce, len(plaintext))))
    key_id = key.key_id.encode("ascii")
    tag = _tag(material, key_id, nonce, body, _canonical(context))
    return HEADER + bytes([len(key_id)]) + key_id + nonce + tag + body


def parse(blob: bytes) -> Optional[Blob]:
    """The parts of a blob kv_mock made, or ``None`` for anything else."""
    if not blob.startswith(HEADER) or len(blob) <= len(HEADER):
        return None
    start = len(HEADER) + 1
    end = start + blob[len(HEADER)]
    if len(blob) < end + NONCE_LENGTH + TAG_LENGTH:
        return None
    try:
        key_id = blob[start:end].decode("ascii")
    except UnicodeDecodeError:
        return None
    nonce = blob[end:end + NONCE_LENGTH]
    tag = blob[end + NONCE_LENGTH:end + NONCE_LENGTH + TAG_LENGTH]
    return Blob(key_id, nonce, tag, blob[end + NONCE_LENGTH + TAG_LENGTH:])


def unseal(key: Key, blob: Blob, context: Mapping[str, str]) -> Optional[bytes]:
    """The plaintext, or ``None`` when the tag does not match (wrong context, tampering)."""
    material = _material(key)
    expected = _tag(material, blob.key_id.encode("ascii"), blob.nonce, blob.body,
                    _canonical(context))
    if not hmac.compare_digest(expected, blob.tag):
        return None
    stream = _keystream(material, blob.nonce, len(blob.body))
    return bytes(a ^ b for a, b in zip(blob.body, stream))
