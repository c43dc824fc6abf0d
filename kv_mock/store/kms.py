"""The KMS keys an account has, as far as the two services need them.

SecureString parameters and secrets name a KMS key; AWS refuses one that does not exist.
Each account and region starts with the AWS managed keys ``alias/aws/ssm`` and
``alias/aws/secretsmanager``; tests add customer keys with :meth:`KeyRing.create_key`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Optional

from ..arns import arn
from ..ids import IdSource

AWS_MANAGED_ALIASES = ("alias/aws/ssm", "alias/aws/secretsmanager")


@dataclass
class Key:
    key_id: str
    arn: str
    aliases: list[str] = field(default_factory=list)


class KeyRing:
    """Keys by id and aliases by name, for one account and region."""

    def __init__(self, account_id: str, region: str, ids: IdSource) -> None:
        self.account_id = account_id
        self.region = region
        self._ids = ids
        self._keys: dict[str, Key] = {}
        self._aliases: dict[str, Key] = {}
        for alias in AWS_MANAGED_ALIASES:
            self.create_key(alias=alias)

    def create_key(self, alias: Optional[str] = None, key_id: Optional[str] = None) -> Key:
        """Add a key (a random UUID id unless given), optionally under an ``alias/…`` name."""
        key_id = key_id or self._ids.uuid4()
        key = self._keys.get(key_id)
        if key is None:
            key = self._keys[key_id] = Key(
                key_id, arn("kms", self.region, self.account_id, f"key/{key_id}")
            )
        if alias is not None:
            if not alias.startswith("alias/"):
                alias = f"alias/{alias}"
            key.aliases.append(alias)
            self._aliases[alias] = key
        return key

    def find(self, reference: str) -> Optional[Key]:
        """The key a key id, key ARN, alias name or alias ARN names; ``None`` if none."""
        if reference.startswith("arn:"):
            resource = reference.split(":", 5)[-1]
            if not reference.startswith(
                arn("kms", self.region, self.account_id, "")
            ):
                return None
            reference = resource
        if reference.startswith("alias/"):
            return self._aliases.get(reference)
        if reference.startswith("key/"):
            reference = reference[4:]
        return self._keys.get(reference)

    def not_found_message(self, reference: str) -> str:
        """KMS's own ``NotFoundException`` text, which SSM passes through in ``InvalidKeyId``."""
        if reference.startswith("arn:"):
            full = reference
        elif reference.startswith("alias/"):
            full = arn("kms", self.region, self.account_id, reference)
        else:
            full = arn("kms", self.region, self.account_id, f"key/{reference}")
        what = "Alias" if "alias/" in full else "Key"
        return f"{what} '{full}' does not exist"

    def encrypt(self, plaintext: bytes) -> str:
        """An opaque, base64 ciphertext blob in the layout of a KMS ciphertext.

        The plaintext is kept by the store, and the key was checked when it was named; the
        blob only has to look like KMS output and never reveal the value, as a SecureString
        read without decryption must not.
        """
        body = bytes([1, 2, 2, 0, 0x78]) + self._ids.rng.randbytes(32 + len(plaintext))
        return base64.b64encode(body).decode("ascii")
