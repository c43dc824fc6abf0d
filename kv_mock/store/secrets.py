"""Secrets Manager state: secrets, their versions and staging labels.

Secrets are indexed by name in sorted order (name-prefix filters and paging are ranges)
and by ARN. A staging label is on at most one version of a secret; :meth:`Secret.move_stage`
is the one place that moves it. A secret's versions are indexed too — by stage, by creation
order, labelled or not — so no per-call operation scans them (a secret may have thousands:
every version of the last 24 hours is kept); versions are added and removed through
:meth:`Secret.add_version` and :meth:`Secret.remove_version`, which keep that index.
"""

from __future__ import annotations

import datetime as _dt
import heapq
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sortedcontainers import SortedDict, SortedList

from ..codec import DERIVED

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
    #: Derived from ``versions`` when first needed (see :meth:`_index`); never stored.
    version_index: Optional["_VersionIndex"] = field(
        default=None, repr=False, compare=False, metadata=DERIVED
    )

    # -- versions and stages: every change goes through these methods, which keep the
    # -- secret's version index (see _VersionIndex) in step with ``versions``.

    def _index(self) -> "_VersionIndex":
        """The version index, built from ``versions`` the first time it is needed.

        Snapshots and persistence store ``versions`` only: a secret decoded from a document
        (or given another ``versions`` dict, as a replica's sync does) builds it again, once.
        """
        index = self.version_index
        if index is None or index.versions is not self.versions:
            index = self.version_index = _VersionIndex(self.versions)
        return index

    def version_with_stage(self, stage: str) -> Optional[SecretVersion]:
        """The version that holds ``stage``: O(1), a lookup in the stage index."""
        return self._index().holders.get(stage)

    def add_version(self, version: SecretVersion) -> None:
        """Hold ``version`` as the newest version, with the stages it carries.

        Each of its stages leaves the version that held it. If it carries AWSCURRENT, the
        old current version keeps only AWSPREVIOUS: a version that was ``[AWSCURRENT,
        AWSPENDING]`` becomes ``[AWSPREVIOUS]`` (recorded: localstack's AWS-validated
        ``test_update_secret_version_stages_current_pending``, after PutSecretValue;
        UpdateSecretVersionStage, :meth:`make_current`, leaves AWSPENDING where it is).
        One step, so the new version never sits in the index unlabelled.
        """
        self.remove_version(version.version_id)  # a version id names one version
        index = self._index()
        if version.stages:
            old = index.holders.get(AWSCURRENT)
            if old is not None and AWSCURRENT in version.stages:
                if AWSPENDING in old.stages:
                    index.unstage(old, AWSPENDING)  # keeps AWSCURRENT until it moves below
                self.move_stage(AWSPREVIOUS, old)
            for stage in version.stages:
                holder = index.holders.get(stage)
                if holder is not None:
                    index.unstage(holder, stage)
        self.versions[version.version_id] = version
        index.added(version)

    def remove_version(self, version_id: str) -> Optional[SecretVersion]:
        """Forget a version and the stages on it; returns it (``None`` if there was none)."""
        index = self._index()
        version = self.versions.pop(version_id, None)
        if version is not None:
            index.removed(version)
        return version

    def move_stage(self, stage: str, to: Optional[SecretVersion]) -> Optional[SecretVersion]:
        """Put ``stage`` on ``to`` (or nowhere); returns the version that held it before."""
        index = self._index()
        holder = index.holders.get(stage)
        if holder is to:
            return holder
        if holder is not None:
            index.unstage(holder, stage)
        if to is not None:
            index.stage(to, stage)
        return holder

    def make_current(self, version: SecretVersion) -> None:
        """AWSCURRENT to ``version``; the version that had it becomes AWSPREVIOUS.

        AWSPREVIOUS moves first, so the old current version is never left without a stage
        in between (which would queue it for retention, to be skipped later).
        """
        old = self._index().holders.get(AWSCURRENT)
        if old is not None and old is not version:
            self.move_stage(AWSPREVIOUS, old)
        self.move_stage(AWSCURRENT, version)

    def labelled_versions(self) -> list[SecretVersion]:
        """Versions with at least one stage, oldest first.

        Sorted when asked for: there are only as many as there are stages in use, and
        every caller returns them all (DescribeSecret's stage map).
        """
        index = self._index()
        return sorted(index.labelled.values(), key=lambda v: index.order[v.version_id])

    def drop_deprecated(self, created_before: _dt.datetime, at_most: int) -> int:
        """Drop up to ``at_most`` unlabelled versions created before ``created_before``,
        oldest first; returns how many went. O(log n) per version dropped (plus one peek).
        """
        index = self._index()
        heap = index.deprecated
        dropped = 0
        while dropped < at_most and heap and heap[0][0] < created_before:
            _, ordinal, version_id = heapq.heappop(heap)
            version = self.versions.get(version_id)
            if version is None or version.stages or index.order[version_id] != ordinal:
                continue  # an entry left behind: the version was labelled or removed since
            self.remove_version(version_id)
            dropped += 1
        return dropped

    def versions_after(
        self, version_id: Optional[str], *, include_deprecated: bool
    ) -> Optional[Iterator[SecretVersion]]:
        """Versions created after version ``version_id`` (all, if ``None``), oldest first.

        ``None`` if ``version_id`` is not among the versions listed (gone, or deprecated
        when deprecated versions are left out). With deprecated versions: O(log n) to the
        first version, then O(1) each; without: the labelled versions, sorted.
        """
        index = self._index()
        if not include_deprecated:
            labelled = self.labelled_versions()
            if version_id is None:
                return iter(labelled)
            if version_id not in index.labelled:
                return None
            return iter(labelled[labelled.index(index.labelled[version_id]) + 1:])
        if version_id is None:
            return iter(index.by_ordinal.values())
        if version_id not in index.order:
            return None
        ordinals = index.ordinals().irange(minimum=index.order[version_id],
                                           inclusive=(False, True))
        return (index.by_ordinal[ordinal] for ordinal in ordinals)


class _VersionIndex:
    """What finds a secret's versions without scanning them all.

    * ``holders``: stage → the version holding it (a stage is on at most one version);
    * ``order``: version id → its creation ordinal; ``by_ordinal``: every version by
      ordinal, in that order (ordinals only grow, and a dict keeps insertion order);
      :meth:`ordinals`, the sorted ordinals, finds where a ListSecretVersionIds page
      starts. It is made on the first such page, then kept: writes, which far outnumber
      pages, pay nothing for it until then;
    * ``labelled``: version id → version, for those with a stage;
    * ``deprecated``: a heap of (creation date, ordinal, id) of the unlabelled versions,
      oldest first — what retention drops. Entries are pushed when a version loses its
      last stage and left behind when it gains one; :meth:`Secret.drop_deprecated`
      skips those.

    Every change is O(1) or O(log n) in the number of versions, and mostly C-level dict
    and heap work: a write moves up to three stages.
    """

    def __init__(self, versions: dict[str, SecretVersion]) -> None:
        self.versions = versions
        self.holders: dict[str, SecretVersion] = {}
        self.order: dict[str, int] = {}
        self._ordinals: Optional[SortedList] = None
        self.by_ordinal: dict[int, SecretVersion] = {}
        self.labelled: dict[str, SecretVersion] = {}
        self.deprecated: list[tuple[_dt.datetime, int, str]] = []
        self._next = 0
        for version in versions.values():
            self.added(version)

    def added(self, version: SecretVersion) -> None:
        ordinal = self.order[version.version_id] = self._next
        self._next += 1
        if self._ordinals is not None:
            self._ordinals.add(ordinal)
        self.by_ordinal[ordinal] = version
        if version.stages:
            self.labelled[version.version_id] = version
            for stage in version.stages:
                self.holders[stage] = version
        else:
            self._deprecate(version)

    def removed(self, version: SecretVersion) -> None:
        for stage in version.stages:
            if self.holders.get(stage) is version:
                del self.holders[stage]
        self.labelled.pop(version.version_id, None)
        ordinal = self.order.pop(version.version_id)
        if self._ordinals is not None:
            self._ordinals.remove(ordinal)
        del self.by_ordinal[ordinal]

    def ordinals(self) -> SortedList:
        """Every version's ordinal, sorted: made from ``by_ordinal`` when first asked for."""
        if self._ordinals is None:
            self._ordinals = SortedList(self.by_ordinal)
        return self._ordinals

    def stage(self, version: SecretVersion, stage: str) -> None:
        if not version.stages:
            self.labelled[version.version_id] = version
        version.stages.append(stage)
        self.holders[stage] = version

    def unstage(self, version: SecretVersion, stage: str) -> None:
        version.stages.remove(stage)
        del self.holders[stage]
        if not version.stages:
            del self.labelled[version.version_id]
            self._deprecate(version)

    def _deprecate(self, version: SecretVersion) -> None:
        entry = (version.created_date, self.order[version.version_id], version.version_id)
        heapq.heappush(self.deprecated, entry)


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
