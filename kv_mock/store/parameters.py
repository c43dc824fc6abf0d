"""Parameter Store state: parameters, their versions and labels, in a sorted name index.

Names are kept sorted so that paths, ``BeginsWith`` filters and page tokens are ranges of
the index: a page costs O(log n + page size), however many parameters there are.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterator, Optional

from sortedcontainers import SortedDict

from ..codec import DERIVED


@dataclass(frozen=True)
class ParameterPolicy:
    """One parameter policy: its type, its JSON text as AWS echoes it, and its time rule.

    ``timestamp`` is an ``Expiration``'s instant; ``interval`` is how long before it an
    ``ExpirationNotification`` fires, or how long after a change a ``NoChangeNotification``
    fires.
    """

    type: str
    text: str
    timestamp: Optional[_dt.datetime] = None
    interval: Optional[_dt.timedelta] = None


@dataclass(slots=True)
class ParameterVersion:
    """One version of a parameter: everything ``PutParameter`` set, frozen at that time."""

    version: int
    value: str
    type: str
    last_modified_date: _dt.datetime
    last_modified_user: str
    tier: str
    data_type: str = "text"
    key_id: Optional[str] = None
    #: The opaque value a SecureString read without decryption returns.
    ciphertext: Optional[str] = None
    description: Optional[str] = None
    allowed_pattern: Optional[str] = None
    #: The parameter policies in force from this version on, in the order given.
    policies: list["ParameterPolicy"] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


@dataclass
class ServiceSettingChange:
    """A Parameter Store service setting a caller changed from its default."""

    value: str
    last_modified_date: _dt.datetime
    last_modified_user: str


@dataclass(frozen=True)
class ResourcePolicy:
    """A resource policy attached to a parameter (PutResourcePolicy): how it is shared.

    ``hash`` names this version of the policy; an update or a deletion must quote it.
    """

    policy_id: str
    hash: str
    text: str


@dataclass(slots=True)
class Parameter:
    name: str
    #: Versions oldest first, numbered without gaps (new ones get the next number, and
    #: AWS's limit of 100 drops the oldest).
    versions: dict[int, ParameterVersion] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    #: Resource policies by policy id, in the order they were first attached.
    resource_policies: dict[str, ResourcePolicy] = field(default_factory=dict)
    #: label → the version holding it (a label is on at most one version); derived from
    #: the versions' labels when first needed, never stored. Labels change through
    #: :meth:`move_label` / :meth:`remove_label`, versions go through :meth:`drop_version`.
    label_index: Optional[dict[str, ParameterVersion]] = field(
        default=None, repr=False, compare=False, metadata=DERIVED
    )

    @property
    def latest(self) -> ParameterVersion:
        # Versions are only ever added with a higher number (and dropped from the oldest),
        # so the dict's last key is the latest: O(1) on every read, not a scan of 100.
        return self.versions[next(reversed(self.versions))]

    def _labels(self) -> dict[str, ParameterVersion]:
        index = self.label_index
        if index is None:
            index = self.label_index = {
                label: version for version in self.versions.values() for label in version.labels
            }
        return index

    def version_with_label(self, label: str) -> Optional[ParameterVersion]:
        """The version holding ``label``: O(1), a lookup in the label index."""
        return self._labels().get(label)

    def move_label(self, label: str, to: ParameterVersion) -> None:
        """Put ``label`` on version ``to``, taking it off the version that had it."""
        index = self._labels()
        holder = index.get(label)
        if holder is to:
            return
        if holder is not None:
            holder.labels.remove(label)
        to.labels.append(label)
        index[label] = to

    def remove_label(self, version: ParameterVersion, label: str) -> bool:
        """Take ``label`` off ``version``; False if ``version`` did not hold it."""
        if label not in version.labels:
            return False
        version.labels.remove(label)
        del self._labels()[label]
        return True

    def drop_version(self, number: int) -> None:
        """Forget version ``number`` and its labels."""
        version = self.versions.pop(number)
        index = self._labels()
        for label in version.labels:
            index.pop(label, None)


class ParameterStore:
    """All parameters of one account and region, by name."""

    def __init__(self) -> None:
        self._by_name: SortedDict = SortedDict()
        #: How many parameters are in the Standard tier: AWS caps them per account and
        #: region, so the count is kept as parameters are added, upgraded and deleted.
        self.standard_count = 0

    def get(self, name: str) -> Optional[Parameter]:
        """The parameter ``name`` denotes.

        A single-level name is one parameter with or without its leading slash: ``/db`` and
        ``db`` share one ARN (``…:parameter/db``), and AWS answers either spelling for a
        parameter created with the other (verified against AWS by moto's maintainers).
        """
        found = self._by_name.get(name)
        if found is None and name.count("/") == (1 if name.startswith("/") else 0):
            found = self._by_name.get(name[1:] if name.startswith("/") else "/" + name)
        return found

    def create(self, name: str) -> Parameter:
        parameter = self._by_name[name] = Parameter(name)
        return parameter

    def add_version(self, parameter: Parameter, version: ParameterVersion) -> None:
        """Make ``version`` the latest version of ``parameter`` (which this store holds)."""
        was_standard = bool(parameter.versions) and parameter.latest.tier == "Standard"
        parameter.versions[version.version] = version
        if version.labels:  # PutParameter makes none; anything else: index again
            parameter.label_index = None
        self.standard_count += (version.tier == "Standard") - was_standard

    def delete(self, name: str) -> Optional[Parameter]:
        parameter = self.get(name)
        if parameter is None:
            return None
        del self._by_name[parameter.name]
        if parameter.versions and parameter.latest.tier == "Standard":
            self.standard_count -= 1
        return parameter

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` is in the index exactly as spelled (no slash equivalence)."""
        return name in self._by_name

    def names_from(self, start: str, inclusive: bool = True) -> Iterator[str]:
        """Names in order from ``start`` on: the range scan behind paths and paging."""
        return self._by_name.irange(minimum=start, inclusive=(inclusive, True))

    def names_with_prefix(self, prefix: str, after: Optional[str] = None) -> Iterator[str]:
        """Names starting with ``prefix``, in order, optionally only those after ``after``."""
        start = prefix if after is None or after < prefix else after
        for name in self._by_name.irange(minimum=start, inclusive=(after is None or after < prefix, True)):
            if not name.startswith(prefix):
                return
            yield name

    def slashless_names(self, after: Optional[str] = None) -> Iterator[str]:
        """Names without a leading slash (all single-level), in order, after ``after``.

        They sort in two ranges around the ``/…`` names: those starting ``-`` or ``.``
        (below ``/``) and those starting with a digit, a letter or ``_`` (from ``0``).
        """
        for low, high in ((None, "/"), ("0", None)):
            from_low = after is None or (low is not None and after < low)
            yield from self._by_name.irange(
                minimum=low if from_low else after, maximum=high, inclusive=(from_low, False)
            )

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._by_name.values())

    # -- Index scans for GetParametersByPath and DescribeParameters (one-level paths).

    def child_names(self, prefix: str, after: Optional[str] = None) -> Iterator[str]:
        """Names directly under ``prefix`` (which ends in ``/``), in order, after ``after``.

        A deeper name ``prefix + "x/…"`` skips its whole subtree with one O(log n) jump:
        every name starting ``prefix + "x/"`` sorts before ``prefix + "x0"`` (``"0"``
        follows ``"/"``), so a page costs O(log n) per result or skipped folder.
        """
        names = self.names_with_prefix(prefix, after)
        while True:
            name = next(names, None)
            if name is None:
                return
            slash = name.find("/", len(prefix))
            if slash < 0:
                yield name
            else:
                names = self._names_from_with_prefix(name[:slash] + "0", prefix)

    def _names_from_with_prefix(self, start: str, prefix: str) -> Iterator[str]:
        """Names from ``start`` on (inclusive) while they start with ``prefix``."""
        for name in self._by_name.irange(minimum=start):
            if not name.startswith(prefix):
                return
            yield name
