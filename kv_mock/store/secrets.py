"""Secrets Manager state: secrets, their versions and staging labels.

Secrets are indexed by name in sorted order (name-prefix filters and paging are ranges)
and by ARN. A staging label is on at most one version of a secret; :meth:`Secret.move_stage`
is the one place that moves it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sortedcontainers import SortedDict

AWSCURRENT = "AWSCURRENT"
AWSPREVIOUS = "AWSPREVIOUS"
AWSPENDING = "AWSPENDING"


@dataclass
class SecretVersion:
    version_id: str
    created_date: _dt.datetime
    secret_string: Optional[str] = None
    secret_binary: Optional[bytes] = None
    stages: list[str] = field(default_factory=list)
    last_accessed_date: Optional[_dt.datetime] = None
    #: The KMS key the value was encrypted with, as the caller named it (None: the default).
    kms_key_id: Optional[str] = None

    def same_value(self, secret_string: Optional[str], secret_binary: Optional[bytes]) -> bool:
        return self.secret_string == secret_string and self.secret_binary == secret_binary

    @property
    def has_value(self) -> bool:
        """False for the AWSPENDING version a rotation creates before its createSecret step."""
        return self.secret_string is not None or self.secret_binary is not None


@dataclass
class Secret:
    name: str
    arn: str
    created_date: _dt.datetime
    last_changed_date: _dt.datetime
    description: Optional[str] = None
    kms_key_id: Optional[str] = None
    #: Tags in the order they were added, as AWS lists them.
    tags: dict[str, str] = field(default_factory=dict)
    #: Versions oldest first.
    versions: dict[str, SecretVersion] = field(default_factory=dict)
    last_accessed_date: Optional[_dt.datetime] = None
    #: When a scheduled deletion happens (DescribeSecret's ``DeletedDate``); None if not scheduled.
    deleted_date: Optional[_dt.datetime] = None
    #: DescribeSecret omits ``Tags`` until a secret is first tagged, then shows even ``[]``.
    tagged: bool = False
    #: The AWS service that manages the secret; the mock creates none, so always None.
    owning_service: Optional[str] = None
    # Rotation (services/secretsmanager/rotation.py). ``rotation_enabled`` stays ``None``
    # until rotation is first configured: DescribeSecret omits it until then.
    rotation_enabled: Optional[bool] = None
    rotation_lambda_arn: Optional[str] = None
    #: RotationRules as the caller set them (AWS member names).
    rotation_rules: Optional[dict] = None
    last_rotated_date: Optional[_dt.datetime] = None
    next_rotation_date: Optional[_dt.datetime] = None
    #: The resource policy JSON text (services/secretsmanager/policies.py): the one named
    #: ``default``, the only one a caller can put or delete.
    resource_policy: Optional[str] = None
    #: Policies Secrets Manager attaches itself (``cross-account-replication`` on a
    #: cross-account replica), by name.
    managed_policies: dict[str, str] = field(default_factory=dict)
    # Replication (services/secretsmanager/replication.py): ``primary_region`` is set on a
    # replicated primary and on its replicas; ``replicas`` (on the primary only) maps each
    # replica region to its ReplicationStatus entry.
    primary_region: Optional[str] = None
    replicas: dict[str, dict] = field(default_factory=dict)
    # Cross-account replication (services/secretsmanager/cross_account.py), in AWS's
    # shapes: on a replica, its CrossAccountPrimary entry; on a primary, its
    # CrossAccountReplicas entries by replica ARN.
    cross_account_primary: Optional[dict] = None
    cross_account_replicas: dict[str, dict] = field(default_factory=dict)
    #: The order of creation in its store (1, 2, …): ListSecrets lists secrets created in the
    #: same millisecond in the order they were created. Given by ``SecretStore.add``.
    creation_number: int = 0

    def version_with_stage(self, stage: str) -> Optional[SecretVersion]:
        for version in self.versions.values():
            if stage in version.stages:
                return version
        return None

    def move_stage(self, stage: str, to: Optional[SecretVersion]) -> Optional[SecretVersion]:
        """Put ``stage`` on ``to`` (or nowhere); returns the version that held it before."""
        holder = self.version_with_stage(stage)
        if holder is to:
            return holder
        if holder is not None:
            holder.stages.remove(stage)
        if to is not None:
            to.stages.append(stage)
        return holder

    def make_current(self, version: SecretVersion) -> None:
        """AWSCURRENT to ``version``; the version that had it becomes AWSPREVIOUS."""
        old = self.move_stage(AWSCURRENT, version)
        if old is not None and old is not version:
            self.move_stage(AWSPREVIOUS, old)


class SecretStore:
    """All secrets of one account and region."""

    def __init__(self) -> None:
        self._by_name: SortedDict = SortedDict()
        self._by_arn: dict[str, Secret] = {}
        #: (CreatedDate, creation number) → secret: ListSecrets' default order. Neither
        #: part ever changes, so the key made on ``add`` is still right on ``remove``.
        self._by_creation: SortedDict = SortedDict()
        self._created = 0

    def add(self, secret: Secret) -> Secret:
        """Hold ``secret``; a new one gets the next creation number, a restored one keeps its."""
        if not secret.creation_number:
            secret.creation_number = self._created + 1
        self._created = max(self._created, secret.creation_number)
        self._by_name[secret.name] = secret
        self._by_arn[secret.arn] = secret
        self._by_creation[_creation_key(secret)] = secret
        return secret

    def remove(self, secret: Secret) -> None:
        self._by_name.pop(secret.name, None)
        self._by_arn.pop(secret.arn, None)
        self._by_creation.pop(_creation_key(secret), None)

    def by_name(self, name: str) -> Optional[Secret]:
        return self._by_name.get(name)

    def by_arn(self, arn: str) -> Optional[Secret]:
        """By full ARN, or by partial ARN: the ARN without the ``-xxxxxx`` suffix."""
        found = self._by_arn.get(arn)
        if found is not None:
            return found
        prefix, _, name = arn.partition(":secret:")
        candidate = self._by_name.get(name)
        if candidate is not None and candidate.arn.startswith(prefix + ":secret:"):
            return candidate
        return None

    def __len__(self) -> int:
        return len(self._by_name)

    def __iter__(self) -> Iterator[Secret]:
        return iter(self._by_name.values())

    def in_name_range(
        self,
        minimum: Optional[str] = None,
        maximum: Optional[str] = None,
        *,
        inclusive: tuple[bool, bool] = (True, True),
        reverse: bool = False,
    ) -> Iterator[Secret]:
        """Secrets whose names fall between ``minimum`` and ``maximum``, in name order.

        A range of the sorted index: O(log n) to the first secret, then O(1) each.
        """
        for name in self._by_name.irange(minimum, maximum, inclusive=inclusive, reverse=reverse):
            yield self._by_name[name]

    def in_creation_order(
        self, after: Optional[tuple[_dt.datetime, int]] = None, *, reverse: bool = False
    ) -> Iterator[Secret]:
        """Secrets in creation order, starting just past ``after`` (CreatedDate, creation
        number) in that direction.

        O(log n) to the first secret, then O(1) each.
        """
        if reverse:
            keys = self._by_creation.irange(maximum=after, inclusive=(True, False), reverse=True)
        else:
            keys = self._by_creation.irange(minimum=after, inclusive=(False, True))
        for key in keys:
            yield self._by_creation[key]


def _creation_key(secret: Secret) -> tuple[_dt.datetime, int]:
    return (secret.created_date, secret.creation_number)
