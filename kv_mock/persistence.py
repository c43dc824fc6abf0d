"""Opt-in persistence: a mock's state kept in a SQLite file, written as calls change it.

``mock_kayvee(persist="state.db")`` loads the file's state when the mock starts and, after
every call it answers (and every time-driven event), commits what changed before the call
returns: a process killed at any moment loses no acknowledged write, and SQLite's journal
(WAL mode) never leaves a half-written file. Without ``persist`` nothing touches the disk.

The file holds one row per parameter, secret and KMS key, one per backend for the rest of
its data, and one for the state itself (defaults, seed, clock, id generator) — the pieces
of a :mod:`kv_mock.snapshot` document. A call rewrites only the rows it may have changed:
those named by its identifiers (``Name``, ``Names``, ``SecretId``, ``SecretIdList``, …) in
every region of its account, the small per-backend rows (KMS keys, settings) of every
backend — so a key made from Python is saved by the next call — and the state row, each
written only if its JSON differs from what the file has. The state row changes with every
call (request ids come from the id generator); a seeded mock writes it each time, so its
sequence continues exactly after a reload, while an unseeded one writes it with the next
change — its ids are random anyway — so a read costs no disk write. A successful call that
names no resource yet may change some (``BatchGetSecretValue`` by filters) and time-driven
events may change any: both make a full comparison instead.

One process at a time: the file is opened in SQLite's exclusive locking mode, so a second
process gets a clear error rather than silently overwriting the first one's writes.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

from . import codec, snapshot
from .calllog import OK
from .errors import KvMockError

if TYPE_CHECKING:
    from .state import Call, MockState

#: ``FULL``: each commit is on disk (the WAL synced) before the call returns, so even a
#: power loss keeps it; ``NORMAL`` would survive a killed process only.
SYNCHRONOUS = "FULL"
#: How long to wait for another connection's lock before saying the file is in use.
LOCK_TIMEOUT_SECONDS = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    account_id TEXT NOT NULL,
    region TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    UNIQUE (account_id, region, kind, name)
)
"""
_UPSERT = (
    "INSERT INTO resources (account_id, region, kind, name, document) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (account_id, region, kind, name) DO UPDATE SET document = excluded.document"
)
_DELETE = "DELETE FROM resources WHERE account_id = ? AND region = ? AND kind = ? AND name = ?"

#: The row holding the state's own data (account and region left empty).
STATE_KEY = ("", "", "state", "")

#: Request members that name the resources a call may change.
IDENTIFIER_MEMBERS = (
    "Name", "Names", "SecretId", "SecretIdList", "ResourceId", "ResourceArn", "SettingId",
)
#: Operations that change nothing but the id generator, even without identifiers.
_READ_PREFIXES = (
    "Describe", "List", "GetParametersByPath", "GetRandomPassword", "Validate",
    "Encrypt", "Decrypt", "GenerateDataKey",  # KMS keys are small rows, compared every call
)
#: GetParameter on ``/aws/reference/secretsmanager/<id>`` reads (and so touches) a secret.
SECRET_REFERENCE_PREFIX = "/aws/reference/secretsmanager/"
#: Every secret ARN ends in "-" and six random characters.
_ARN_SUFFIX_LENGTH = 7

Key = tuple[str, str, str, str]


class PersistenceError(KvMockError):
    """The persisted state file cannot be used."""


class Persistence:
    """The SQLite file behind one persisted mock."""

    def __init__(self, path: Union[str, os.PathLike]) -> None:
        self.path = os.fspath(path)
        try:
            self._connection = sqlite3.connect(
                self.path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None,
                check_same_thread=False,
            )
            self._connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
            self._connection.execute(_SCHEMA)
            rows = self._connection.execute(
                "SELECT account_id, region, kind, name, document FROM resources ORDER BY rowid"
            ).fetchall()
        except sqlite3.Error as error:
            raise PersistenceError(f"cannot use {self.path!r} as kv_mock state: {error}") from error
        #: What the file holds, row by row, as JSON text: a write happens only on a change.
        self._written: dict[Key, str] = {tuple(row[:4]): row[4] for row in rows}
        self._events_seen = 0

    # -- reading ------------------------------------------------------------------------
    def document(self) -> Optional[dict]:
        """The persisted state as a snapshot document; ``None`` for a new, empty file."""
        if STATE_KEY not in self._written:
            return None
        document = json.loads(self._written[STATE_KEY])
        backends: dict[tuple[str, str], dict] = {}
        for (account_id, region, kind, _name), text in self._written.items():
            if kind == "state":
                continue
            backend = backends.get((account_id, region))
            if backend is None:
                backend = backends[account_id, region] = snapshot.backend_document(
                    account_id, region
                )
            if kind == snapshot.BACKEND_KIND:
                backend["extras"] = json.loads(text)
            else:
                backend[snapshot.collection_of(kind).plural].append(json.loads(text))
        document["backends"] = [backends[key] for key in sorted(backends)]
        return document

    # -- writing ------------------------------------------------------------------------
    def attach(self, state: "MockState", *, save: bool = True) -> None:
        """Write ``state`` after every call it answers from here on (and now, if ``save``).

        A state just loaded from this file needs no first save: it is what the file holds.
        """
        self._events_seen = state.events_applied
        state.observers.append(self.observe)
        if save:
            self.save(state)

    def detach(self, state: "MockState") -> None:
        """Write what is left, stop observing and close the file."""
        if self.observe in state.observers:
            state.observers.remove(self.observe)
        try:
            self.save(state)
        finally:
            self.close()

    def close(self) -> None:
        self._connection.close()

    def save(self, state: "MockState") -> None:
        """Compare every row with the state and write the differences in one transaction."""
        with state.lock:
            rows = dict(_all_rows(state))
            gone = [key for key in self._written if key not in rows]
            self._write(self._changes(rows.items()), gone)
            self._events_seen = state.events_applied

    def observe(self, state: "MockState", call: "Call") -> None:
        """After ``call``: write what it (and any event that ran before it) may have changed."""
        identifiers = list(_identifiers(call.parameters))
        unidentified_write = call.outcome == OK and not (
            identifiers or call.operation.startswith(_READ_PREFIXES)
        )
        if unidentified_write or state.events_applied != self._events_seen:
            self.save(state)
            return
        rows: dict[Key, Any] = {}
        gone: list[Key] = []
        # A call changes its caller's account, or the one an ARN names (cross-account).
        accounts = {call.account_id, *_arn_accounts(identifiers)}
        for (account_id, region), backend in list(state.backends.items()):
            rows.update(_small_rows(backend))
            if account_id not in accounts:
                continue
            for kind, name in _candidates(identifiers):
                key = (account_id, region, kind, name)
                item = _find(backend, kind, name)
                if item is not None:
                    rows[key] = item
                elif key in self._written:
                    gone.append(key)
        changed = self._changes(rows.items())
        if changed or gone or state.seed is not None:
            changed += self._changes([(STATE_KEY, snapshot.state_document(state))])
        self._write(changed, gone)

    def _changes(self, rows: Iterable[tuple[Key, Any]]) -> list[tuple[Key, str]]:
        """The rows whose JSON differs from what the file holds, as JSON text."""
        changed = []
        for key, document in rows:
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            if self._written.get(key) != text:
                changed.append((key, text))
        return changed

    def _write(self, changed: list[tuple[Key, str]], gone: list[Key]) -> None:
        """One transaction: committed (on disk) when this returns."""
        if not changed and not gone:
            return
        try:
            with self._connection:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(_UPSERT, [(*key, text) for key, text in changed])
                self._connection.executemany(_DELETE, gone)
        except sqlite3.Error as error:
            raise PersistenceError(
                f"cannot write kv_mock state to {self.path!r}: {error}"
            ) from error
        for key, text in changed:
            self._written[key] = text
        for key in gone:
            self._written.pop(key, None)


def _small_rows(backend: Any) -> Iterator[tuple[Key, Any]]:
    """The backend's extras and KMS keys: few and small, so compared on every call."""
    place = (backend.account_id, backend.region)
    yield (*place, snapshot.BACKEND_KIND, ""), snapshot.backend_extras(backend)
    kms = snapshot.collection_of("kms_key")
    for key in kms.items(backend.kms):
        yield (*place, kms.kind, kms.key(key)), codec.encode(key, kms.item_type)


def _all_rows(state: "MockState") -> Iterator[tuple[Key, Any]]:
    yield STATE_KEY, snapshot.state_document(state)
    for (account_id, region), backend in state.backends.items():
        yield (account_id, region, snapshot.BACKEND_KIND, ""), snapshot.backend_extras(backend)
        for kind, name, document in snapshot.backend_items(backend):
            yield (account_id, region, kind, name), document


def _identifiers(parameters: dict) -> Iterator[str]:
    for member in IDENTIFIER_MEMBERS:
        value = parameters.get(member)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


def _arn_accounts(identifiers: list[str]) -> Iterator[str]:
    """The account of every ARN among ``identifiers`` (``arn:partition:service:region:account:…``)."""
    for identifier in identifiers:
        if identifier.startswith("arn:"):
            parts = identifier.split(":", 5)
            if len(parts) > 4:
                yield parts[4]


def _candidates(identifiers: list[str]) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` of every parameter or secret an identifier may name."""
    for identifier in identifiers:
        yield "parameter", identifier
        yield "secret", identifier
        if identifier.startswith(SECRET_REFERENCE_PREFIX):
            yield "secret", identifier[len(SECRET_REFERENCE_PREFIX):]
        if ":parameter/" in identifier:  # a parameter ARN names "/a/b" and "a" alike
            name = identifier.split(":parameter/", 1)[1]
            yield "parameter", name
            yield "parameter", "/" + name
        elif ":secret:" in identifier:  # a full or partial secret ARN
            name = identifier.split(":secret:", 1)[1]
            yield "secret", name
            yield "secret", name[:-_ARN_SUFFIX_LENGTH]
        elif ":" in identifier:  # a parameter selector, name:version or name:label
            yield "parameter", identifier.rsplit(":", 1)[0]


def _find(backend: Any, kind: str, name: str) -> Optional[Any]:
    """The document of the ``kind`` item named ``name`` in ``backend``, or ``None``."""
    collection = snapshot.collection_of(kind)
    item = collection.find(getattr(backend, collection.attribute), name)
    return None if item is None else codec.encode(item, collection.item_type)
