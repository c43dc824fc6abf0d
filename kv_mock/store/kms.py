"""The KMS keys and aliases of one account and region: what the KMS API, SSM and Secrets
Manager see.

SecureString parameters and secrets name a KMS key; AWS refuses one that does not exist or
cannot be used. Each account and region has the *predefined* aliases ``alias/aws/ssm`` and
``alias/aws/secretsmanager``: AWS lists them before their AWS managed key exists ("aliases
that have no TargetKeyId field … predefined aliases that Amazon Web Services has created but
has not yet associated with a KMS key", botocore's ListAliases documentation) and creates the
key on first use. Here the key object exists from the start (its id drawn from the seeded
generator, so seeded sequences do not depend on use) with ``creation_date=None`` until used.

Ciphertext blobs (:mod:`kv_mock.store.ciphertext`) name their key by id; keys and aliases
are kept in sorted maps, so a page of ListKeys / ListAliases costs O(log n + page size).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sortedcontainers import SortedDict

from ..arns import arn
from ..ids import IdSource

AWS_MANAGED_ALIASES = ("alias/aws/ssm", "alias/aws/secretsmanager")
#: The AWS managed keys' descriptions (wording as the KMS console shows them; inferred).
AWS_MANAGED_DESCRIPTIONS = {
    "alias/aws/ssm": "Default key that protects my SSM parameters when no other key is defined",
    "alias/aws/secretsmanager": (
        "Default key that protects my Secrets Manager data when no other key is defined"
    ),
}
ALIAS_PREFIX = "alias/"
AWS_ALIAS_PREFIX = "alias/aws/"

ENABLED = "Enabled"
DISABLED = "Disabled"
PENDING_DELETION = "PendingDeletion"

CUSTOMER = "CUSTOMER"
AWS = "AWS"


@dataclass
class Key:
    key_id: str
    arn: str
    aliases: list[str] = field(default_factory=list)
    key_manager: str = CUSTOMER
    description: str = ""
    #: ``None``: an AWS managed key AWS has not created yet (no service used it).
    creation_date: Optional[_dt.datetime] = None
    key_state: str = ENABLED
    deletion_date: Optional[_dt.datetime] = None
    pending_window_days: Optional[int] = None
    tags: dict[str, str] = field(default_factory=dict)
    #: Alias name → when it was created and last pointed at a key.
    alias_created: dict[str, _dt.datetime] = field(default_factory=dict)
    alias_updated: dict[str, _dt.datetime] = field(default_factory=dict)

    @property
    def created(self) -> bool:
        return self.creation_date is not None


class KeyRing:
    """Keys by id and aliases by name, for one account and region."""

    def __init__(self, account_id: str, region: str, ids: IdSource) -> None:
        self.account_id = account_id
        self.region = region
        self._ids = ids
        self._keys: SortedDict = SortedDict()
        self._aliases: SortedDict = SortedDict()
        for alias in AWS_MANAGED_ALIASES:
            key = self.create_key(alias=alias)
            key.key_manager = AWS
            key.description = AWS_MANAGED_DESCRIPTIONS[alias]

    # -- building -------------------------------------------------------------------
    def create_key(
        self,
        alias: Optional[str] = None,
        key_id: Optional[str] = None,
        now: Optional[_dt.datetime] = None,
    ) -> Key:
        """Add a key (a random UUID id unless given), optionally under an ``alias/…`` name.

        ``now`` is its creation date; without it the key is not created yet (AWS managed).
        """
        key_id = key_id or self._ids.uuid4()
        key = self._keys.get(key_id)
        if key is None:
            key = self._keys[key_id] = Key(key_id, self.key_arn(key_id), creation_date=now)
        if alias is not None:
            if not alias.startswith(ALIAS_PREFIX):
                alias = ALIAS_PREFIX + alias
            self.point_alias(alias, key, now)
        return key

    def point_alias(self, alias: str, key: Key, now: Optional[_dt.datetime]) -> None:
        """Make ``alias`` name ``key`` (CreateAlias, or UpdateAlias moving it)."""
        previous = self._aliases.get(alias)
        created = None
        if previous is not None:
            previous.aliases.remove(alias)
            created = previous.alias_created.pop(alias, None)
            previous.alias_updated.pop(alias, None)
        key.aliases.append(alias)
        self._aliases[alias] = key
        if now is not None:
            key.alias_created[alias] = created or now
            key.alias_updated[alias] = now

    def delete_alias(self, alias: str) -> None:
        key = self._aliases.pop(alias)
        key.aliases.remove(alias)
        key.alias_created.pop(alias, None)
        key.alias_updated.pop(alias, None)

    def use(self, key: Key, now: _dt.datetime) -> Key:
        """``key`` as a service uses it: an AWS managed key is created on first use."""
        if key.creation_date is None:
            key.creation_date = now
            for alias in key.aliases:
                key.alias_created[alias] = key.alias_updated[alias] = now
        return key

    # -- finding --------------------------------------------------------------------
    def key_arn(self, key_id: str) -> str:
        return arn("kms", self.region, self.account_id, f"key/{key_id}")

    def alias_arn(self, alias: str) -> str:
        return arn("kms", self.region, self.account_id, alias)

    def find(
        self, reference: str, now: Optional[_dt.datetime] = None, *, aliases: bool = True
    ) -> Optional[Key]:
        """The key a key id, key ARN, alias name or alias ARN names; ``None`` if none.

        ``aliases=False``: only a key id or key ARN names a key (EnableKey, TagResource, …).
        With ``now``, a key whose deletion date has passed is deleted first, as AWS deletes
        it when the waiting period ends.
        """
        if reference.startswith("arn:"):
            prefix = arn("kms", self.region, self.account_id, "")
            if not reference.startswith(prefix):
                return None
            reference = reference[len(prefix):]
            if not reference.startswith(("key/", ALIAS_PREFIX)):
                return None
        if reference.startswith(ALIAS_PREFIX):
            key = self._aliases.get(reference) if aliases else None
        else:
            key = self._keys.get(reference[4:] if reference.startswith("key/") else reference)
        if key is not None and now is not None and self._deletion_due(key, now):
            self._delete_key(key)
            return None
        return key

    def alias_target(self, alias: str) -> Optional[Key]:
        return self._aliases.get(alias)

    def _deletion_due(self, key: Key, now: _dt.datetime) -> bool:
        return key.deletion_date is not None and key.deletion_date <= now

    def _delete_key(self, key: Key) -> None:
        for alias in list(key.aliases):
            self.delete_alias(alias)
        del self._keys[key.key_id]

    def keys_after(self, key_id: str, now: _dt.datetime) -> Iterator[Key]:
        """Created keys in key-id order, after ``key_id`` ("" for the first); a key whose
        deletion date has passed is skipped (and deleted when next named)."""
        for found in self._keys.irange(minimum=key_id, inclusive=(False, False)):
            key = self._keys[found]
            if key.created and not self._deletion_due(key, now):
                yield key

    def aliases_after(self, alias: str, now: _dt.datetime) -> Iterator[tuple[str, Key]]:
        for name in self._aliases.irange(minimum=alias, inclusive=(False, False)):
            key = self._aliases[name]
            if not self._deletion_due(key, now):
                yield name, key

    def not_found_message(self, reference: str) -> str:
        """KMS's ``NotFoundException`` text as SSM passes it through in ``InvalidKeyId``."""
        full = self.full_arn(reference)
        what = "Alias" if ":alias/" in full else "Key"
        return f"{what} '{full}' does not exist"

    def full_arn(self, reference: str) -> str:
        """The ARN a key id, alias name or ARN stands for in this account and region."""
        if reference.startswith("arn:"):
            return reference
        if reference.startswith(ALIAS_PREFIX):
            return self.alias_arn(reference)
        if reference.startswith("key/"):
            reference = reference[4:]
        return self.key_arn(reference)
