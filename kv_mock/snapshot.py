"""The whole state of a mock as one JSON document, and back.

A document holds every account and region's backend — parameters with all their versions,
labels, policies and tags; secrets with versions, stages, tags, deletion dates, rotation,
replication and resource policies; KMS keys; service settings — plus the clock and the id
generator's state, so a seeded sequence continues where it stopped. What it leaves out is
not AWS state: the call log, and Python functions registered with the mock (rotation
functions), which stay as they are across a restore.

Domain objects go through :mod:`kv_mock.codec` (their dataclass fields, so new fields are
kept without this module changing). What this module knows is how to take each store of a
backend apart into items and put it back through the store's own API (``create``, ``add``,
``create_key``), so the store rebuilds its private indexes itself — see
:data:`COLLECTIONS`. A public attribute of a backend or a store (a counter, service
settings) is kept as it is; private ones (``_by_name``…) are indexes, never stored.
Time-driven events are closures; after a restore they are re-derived from the restored
data (:mod:`kv_mock.events`).

The same pieces are rows of the SQLite persistence (:mod:`kv_mock.persistence`): one per
parameter, secret and KMS key, one per backend for the rest, one for the state's own data.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import random
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional

from . import codec, events
from .clock import Clock
from .errors import KvMockError
from .ids import IdSource
from .state import ACCOUNT_ID_PATTERN, REGION_PATTERN
from .store.backend import Backend
from .store.kms import Key, KeyRing
from .store.parameters import Parameter, ParameterStore
from .store.secrets import Secret, SecretStore

if TYPE_CHECKING:
    from .state import MockState

FORMAT = "kv_mock.snapshot"
#: Bumped whenever a document written by this version could not be read by an older one.
FORMAT_VERSION = 1

#: Backend attributes its constructor sets from its identity; never stored.
_IDENTITY_ATTRIBUTES = frozenset({"account_id", "region", "partition"})


class SnapshotError(KvMockError):
    """A document that is not a kv_mock snapshot this version can restore."""


@dataclass(frozen=True)
class Collection:
    """How one store of a backend is taken apart into items and put back together."""

    #: The backend attribute holding the store.
    attribute: str
    #: The name of the items in documents and persistence rows.
    kind: str
    item_type: type
    items: Callable[[Any], Iterable[Any]]
    key: Callable[[Any], str]
    #: The item of a store by key, or ``None``.
    find: Callable[[Any, str], Optional[Any]]
    #: Put the decoded items into a new store, through the store's API.
    load: Callable[[Any, list], None]
    #: What a new store holds before any item is loaded (KMS: the AWS managed keys).
    preset: tuple[str, ...] = ()

    @property
    def plural(self) -> str:
        """The member of a backend document listing the items."""
        return self.kind + "s"


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


def _copy_fields(source: Any, target: Any) -> None:
    kind: type = type(source)
    for name in _field_names(kind):
        object.__setattr__(target, name, getattr(source, name))


def _load_parameters(store: ParameterStore, items: list[Parameter]) -> None:
    for parameter in items:
        _copy_fields(parameter, store.create(parameter.name))


def _load_secrets(store: SecretStore, items: list[Secret]) -> None:
    for secret in items:
        store.add(secret)


def _load_keys(ring: KeyRing, items: list[Key]) -> None:
    for key in items:
        created = ring.create_key(key_id=key.key_id)
        for alias in key.aliases:
            ring.create_key(alias=alias, key_id=key.key_id)
        _copy_fields(key, created)


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "parameters", "parameter", Parameter, iter, lambda item: item.name,
        ParameterStore.get, _load_parameters,
    ),
    Collection(
        "secrets", "secret", Secret, iter, lambda item: item.name,
        SecretStore.by_name, _load_secrets,
    ),
    Collection(
        "kms", "kms_key", Key, lambda ring: ring._keys.values(), lambda item: item.key_id,
        KeyRing.find, _load_keys, preset=("_keys", "_aliases"),
    ),
)
_BY_KIND = {collection.kind: collection for collection in COLLECTIONS}

#: The row kind of a backend's attributes outside its collections.
BACKEND_KIND = "backend"


# -- pieces ---------------------------------------------------------------------------------

def _kept_attributes(holder: Any, skip: Iterable[str]) -> dict:
    """``holder``'s public attributes but ``skip`` and the shared id source."""
    skipped = set(skip)
    return {
        name: value for name, value in vars(holder).items()
        if not name.startswith("_") and name not in skipped and not isinstance(value, IdSource)
    }


def backend_extras(backend: Backend) -> dict:
    """A backend's state outside the collections' items, as JSON data."""
    extras = {
        "backend": _kept_attributes(
            backend, _IDENTITY_ATTRIBUTES | {c.attribute for c in COLLECTIONS}
        )
    }
    for collection in COLLECTIONS:
        store = getattr(backend, collection.attribute)
        extras[collection.attribute] = _kept_attributes(store, _IDENTITY_ATTRIBUTES)
    return {name: codec.encode(values) for name, values in extras.items() if values}


def backend_items(backend: Backend) -> Iterator[tuple[str, str, Any]]:
    """``(kind, key, document)`` for every parameter, secret and KMS key of ``backend``."""
    for collection in COLLECTIONS:
        encode = codec.encoder(collection.item_type)
        for item in collection.items(getattr(backend, collection.attribute)):
            yield collection.kind, collection.key(item), encode(item)


def state_document(state: "MockState") -> dict:
    """The state's own data: defaults, seed, clock and the id generator's position."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "default_account_id": state.default_account_id,
        "default_region": state.default_region,
        "seed": state.seed,
        "clock": state.clock.state(),
        "ids": _rng_document(state.ids),
    }


def _rng_document(ids: IdSource) -> dict:
    version, internal, gauss_next = ids.state()
    packed = struct.pack(f"<{len(internal)}I", *internal)
    return {
        "version": version,
        "state": base64.b64encode(packed).decode("ascii"),
        "gauss_next": gauss_next,
    }


def _rng_state(document: dict) -> tuple:
    """The ``random.Random`` state in ``document``, checked by loading it into a spare one."""
    packed = base64.b64decode(document["state"], validate=True)
    internal = struct.unpack(f"<{len(packed) // 4}I", packed)
    state = (document["version"], internal, document["gauss_next"])
    random.Random().setstate(state)
    return state


# -- the whole document ---------------------------------------------------------------------

def snapshot(state: "MockState") -> dict:
    """A JSON-serialisable document of everything ``state`` holds."""
    with state.lock:
        backends = []
        for (account_id, region), backend in sorted(state.backends.items()):
            document = backend_document(account_id, region)
            for kind, _key, item in backend_items(backend):
                document[_BY_KIND[kind].plural].append(item)
            document["extras"] = backend_extras(backend)
            backends.append(document)
        return {**state_document(state), "backends": backends}


def backend_document(account_id: str, region: str) -> dict:
    """A backend's document with no items yet: items are appended to its lists."""
    document: dict[str, Any] = {"account_id": account_id, "region": region}
    document.update({collection.plural: [] for collection in COLLECTIONS})
    document["extras"] = {}
    return document


def restore(state: "MockState", document: dict) -> None:
    """Make ``state`` hold exactly what ``document`` (from :func:`snapshot`) describes.

    Backends, clock, seed and id generator are replaced; due and pending time-driven events
    are re-derived from the data. The call log and registered functions stay.

    All or nothing: the whole document is decoded and checked (types, and the invariants
    the stores rely on, :func:`check_backend`) before anything changes, and the swap
    happens under the lock, undone if re-deriving the events fails. A bad document raises
    :class:`SnapshotError` and leaves the state exactly as it was.
    """
    check_document(document)
    with state.lock:
        # Building backends draws ids for their default keys: put those back on failure.
        position = state.ids.state()
        try:
            backends = _build_backends(state, document["backends"])
            Clock().load_state(document["clock"])
            rng = _rng_state(document["ids"])
            defaults = (
                document["default_account_id"], document["default_region"], document["seed"]
            )
            _check_defaults(*defaults)
        except _MALFORMED as error:
            state.ids.load_state(position)
            raise SnapshotError(f"malformed kv_mock snapshot: {_describe(error)}") from error
        before = (
            state.backends, state.default_account_id, state.default_region, state.seed,
            state.clock.state(), position, state.scheduler,
        )
        try:
            state.backends = backends
            state.default_account_id, state.default_region, state.seed = defaults
            state.ids.seed = state.seed
            state.clock.load_state(document["clock"])
            state.ids.load_state(rng)
            events.reschedule_all(state)
        except Exception as error:  # data the checks let through: undo the swap
            (state.backends, state.default_account_id, state.default_region, state.seed,
             clock, ids, state.scheduler) = before
            state.ids.seed = state.seed
            state.clock.load_state(clock)
            state.ids.load_state(ids)
            raise SnapshotError(f"malformed kv_mock snapshot: {_describe(error)}") from error


#: What decoding a malformed document raises (each turned into a SnapshotError).
_MALFORMED = (
    SnapshotError, codec.CodecError, KeyError, TypeError, ValueError, AttributeError,
    struct.error, binascii.Error,
)


def _describe(error: BaseException) -> str:
    """The error for a message: our own errors' text (no stored value in it), else its repr."""
    if isinstance(error, (SnapshotError, codec.CodecError)):
        return str(error)
    return repr(error)


def _build_backends(state: "MockState", items: Any) -> dict[tuple[str, str], Backend]:
    if not isinstance(items, list):
        raise SnapshotError("'backends' is not a list")
    backends: dict[tuple[str, str], Backend] = {}
    for item in items:
        place = (item["account_id"], item["region"])
        _check_defaults(*place, None)
        if place in backends:
            raise SnapshotError(f"two backends for account {place[0]}, region {place[1]}")
        backends[place] = build_backend(
            state, *place, {c.kind: item[c.plural] for c in COLLECTIONS}, item.get("extras", {}),
        )
    return backends


def _check_defaults(account_id: Any, region: Any, seed: Any) -> None:
    if not isinstance(account_id, str) or not ACCOUNT_ID_PATTERN.fullmatch(account_id):
        raise SnapshotError("an account id is not 12 digits")
    if not isinstance(region, str) or not REGION_PATTERN.fullmatch(region):
        raise SnapshotError("a region is not a region name")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise SnapshotError("the seed is not an integer")


def check_backend(backend: Backend, items: dict[str, list]) -> None:
    """What every handler relies on, checked on a backend just built from a document.

    Every item became one entry of its store (no two with one name), a parameter has at
    least one version, numbered as its key says and kept oldest first, and a label or a
    staging label is on at most one version. Messages name items, never values.
    """
    for collection in COLLECTIONS:
        held = len(list(collection.items(getattr(backend, collection.attribute))))
        given = len(items.get(collection.kind, []))
        if held != given:
            raise SnapshotError(
                f"{backend.account_id}/{backend.region}: {given} {collection.plural} "
                f"give {held} distinct ones (a name or id twice)"
            )
    for parameter in backend.parameters:
        numbers = list(parameter.versions)
        if not numbers:
            raise SnapshotError(f"parameter {parameter.name!r} has no version")
        if numbers != sorted(numbers) or any(
            version.version != number for number, version in parameter.versions.items()
        ):
            raise SnapshotError(f"parameter {parameter.name!r}: versions out of order")
        _check_unique_labels(
            f"parameter {parameter.name!r}", [v.labels for v in parameter.versions.values()]
        )
    for secret in backend.secrets:
        if any(key != version.version_id for key, version in secret.versions.items()):
            raise SnapshotError(f"secret {secret.name!r}: a version under another id")
        _check_unique_labels(
            f"secret {secret.name!r}", [v.stages for v in secret.versions.values()]
        )


def _check_unique_labels(item: str, labels_per_version: list[list[str]]) -> None:
    labels = [label for labels in labels_per_version for label in labels]
    if len(labels) != len(set(labels)):
        raise SnapshotError(f"{item}: a label on two versions")


def check_document(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError("not a kv_mock snapshot (no 'format': 'kv_mock.snapshot')")
    if document.get("version") != FORMAT_VERSION:
        raise SnapshotError(
            f"kv_mock snapshot version {document.get('version')!r} is not supported "
            f"(this kv_mock reads version {FORMAT_VERSION})"
        )


def build_backend(
    state: "MockState", account_id: str, region: str, items: dict[str, list], extras: dict
) -> Backend:
    """A backend holding ``items`` (documents by kind) and ``extras`` (from the document)."""
    backend = Backend(account_id, region, state.ids)
    for collection in COLLECTIONS:
        store = getattr(backend, collection.attribute)
        for preset in collection.preset:
            getattr(store, preset).clear()
        decode = codec.decoder(collection.item_type)
        collection.load(store, [decode(item) for item in items.get(collection.kind, [])])
    for name, attributes in extras.items():
        holder = backend if name == "backend" else getattr(backend, name)
        for attribute, value in codec.decode(attributes).items():
            setattr(holder, attribute, value)
    check_backend(backend, items)
    return backend


def collection_of(kind: str) -> Collection:
    return _BY_KIND[kind]
