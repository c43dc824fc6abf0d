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
process gets a clear error rather than silently overwriting the first one's writes. A
process forked while the mock is on (``multiprocessing``'s default on Linux) inherits the
connection, which SQLite forbids using across a fork: the child never writes through it nor
closes it. Its calls that would change stored data raise :class:`PersistenceError` (the
write is refused, not acknowledged and lost); calls that change nothing work. A child that
needs persisted state of its own starts its own mock with its own file.

What is opened is checked before anything is read or written: an SQLite file marked as a
kv_mock store (``PRAGMA application_id``) of a format this version reads
(``PRAGMA user_version``), that passes SQLite's ``quick_check``, holding only the
``resources`` table, with a state row whenever it holds any row, every row's kind known and
its document JSON. Anything else — a foreign database, a newer format, a damaged file, a
row that is not JSON — is refused with :class:`PersistenceError`, never adopted or wiped.
A new or empty file becomes a store. Error messages name rows by their keys, never quote a
stored value.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

from . import codec, jsontext, snapshot
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
#: ``PRAGMA application_id`` of a kv_mock store ("kvmk"): SQLite's own slot for saying what
#: application a database file belongs to.
APPLICATION_ID = 0x6B766D6B
#: ``PRAGMA user_version``: the layout of the file (table and rows). Files written before the
#: marks existed have both at 0 and are recognised by their table and state row.
STORE_FORMAT = 1

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
        #: The process that opened the connection: the only one that may use it.
        self._pid = os.getpid()
        try:
            self._connection = sqlite3.connect(
                self.path, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise self._refusal(str(error)) from error
        try:
            rows = self._open()
        except BaseException:
            self._connection.close()
            raise
        #: What the file holds, row by row, as JSON text: a write happens only on a change.
        self._written: dict[Key, str] = {tuple(row[:4]): row[4] for row in rows}
        self._events_seen = 0

    def _open(self) -> list[tuple]:
        """Lock the file, check it is a kv_mock store (or make a new one), read its rows.

        The checks only read: a file refused is left byte for byte as it was (WAL mode,
        which rewrites the header, is switched on only once the file is known to be ours).
        """
        connection = self._connection
        try:
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            tables = {
                name for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            rows: list[tuple] = []
            marked = False
            if tables:
                marked = self._check_marks(tables)
                damage = connection.execute("PRAGMA quick_check").fetchall()
                if damage != [("ok",)]:
                    raise self._refusal(f"the file is damaged ({damage[0][0]})")
                rows = connection.execute(
                    "SELECT account_id, region, kind, name, document FROM resources ORDER BY rowid"
                ).fetchall()
                self._check_rows(rows)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
            if not tables:
                connection.execute(_SCHEMA)
            if not marked:  # new, or written before the marks existed: mark it
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {STORE_FORMAT}")
        except sqlite3.Error as error:
            raise self._refusal(str(error)) from error
        return rows

    def _check_marks(self, tables: set[str]) -> bool:
        """Whether the file carries kv_mock's marks (False: a store older than the marks)."""
        application_id = self._connection.execute("PRAGMA application_id").fetchone()[0]
        version = self._connection.execute("PRAGMA user_version").fetchone()[0]
        if application_id not in (APPLICATION_ID, 0) or tables != {"resources"}:
            raise self._refusal("it is not a kv_mock store (another application's database)")
        if version > STORE_FORMAT:
            raise self._refusal(
                f"it is a kv_mock store of format {version}, written by a newer kv_mock "
                f"(this one reads format {STORE_FORMAT})"
            )
        columns = [row[1] for row in self._connection.execute("PRAGMA table_info(resources)")]
        if columns != ["account_id", "region", "kind", "name", "document"]:
            raise self._refusal("it is not a kv_mock store (its table has other columns)")
        return application_id == APPLICATION_ID

    def _check_rows(self, rows: list[tuple]) -> None:
        """Every row readable before any is used: a known kind, a JSON document."""
        kinds = {"state", snapshot.BACKEND_KIND, *(c.kind for c in snapshot.COLLECTIONS)}
        for account_id, region, kind, name, document in rows:
            key = (account_id, region, kind, name)
            if not all(isinstance(part, str) for part in key) or kind not in kinds:
                raise self._refusal(f"row {key!r} is of a kind this kv_mock does not know")
            try:
                jsontext.parse(document)
            except (TypeError, ValueError):
                raise self._refusal(f"row {key!r} does not hold a JSON document") from None
        if rows and not any(tuple(row[:4]) == STATE_KEY for row in rows):
            raise self._refusal(
                f"it has {len(rows)} rows but no state row (a kv_mock store always has one)"
            )

    def _refusal(self, reason: str) -> PersistenceError:
        return PersistenceError(
            f"cannot use {self.path!r} as kv_mock state: {reason}; the file is left as it is"
        )

    # -- reading ------------------------------------------------------------------------
    def load_into(self, state: "MockState") -> Optional[dict]:
        """Restore the persisted state into ``state``; its document, ``None`` for a new file.

        A state row the snapshot reader refuses (a newer document version, bad data) is
        this file's refusal: PersistenceError, ``state`` and the file left as they were.
        """
        document = self.document()
        if document is not None:
            try:
                snapshot.restore(state, document)
            except snapshot.SnapshotError as error:
                raise self._refusal(str(error)) from None
        return document

    def document(self) -> Optional[dict]:
        """The persisted state as a snapshot document; ``None`` for a new, empty file."""
        if STATE_KEY not in self._written:
            return None
        try:
            return self._document()
        except (TypeError, ValueError, KeyError, AttributeError):
            raise self._refusal("its rows do not make a kv_mock state") from None

    def _document(self) -> dict:
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
        """Write what is left, stop observing and close the file.

        In a forked child, only stop observing: the file is the parent's.
        """
        if self.observe in state.observers:
            state.observers.remove(self.observe)
        if self._forked():
            self.close()
            return
        try:
            self.save(state)
        finally:
            self.close()

    def close(self) -> None:
        """Close the connection; in a forked child, leave it to the parent.

        Closing it in the child would run SQLite's last-connection clean-up (checkpoint,
        WAL removal) under the parent's feet: the child's copy is kept, unused, until it
        exits.
        """
        if self._forked():
            _INHERITED_CONNECTIONS.append(self._connection)
        else:
            self._connection.close()

    def _forked(self) -> bool:
        return os.getpid() != self._pid

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
        if self._forked():
            self._refuse_forked_write(changed, gone)
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


    def _refuse_forked_write(self, changed: list[tuple[Key, str]], gone: list[Key]) -> None:
        """A forked child: stored data changed → PersistenceError; only the id position → nothing.

        The in-memory state has changed (the child's own copy), but the call is not
        acknowledged: its caller gets this error instead of a write that would be lost.
        """
        if not gone and all(key == STATE_KEY for key, _text in changed):
            return
        raise PersistenceError(
            f"kv_mock: {self.path!r} is persisted by process {self._pid}, which started the "
            f"mock; process {os.getpid()} is a fork of it and must not write through its "
            "SQLite connection (the write is refused; it is not persisted). Start a mock "
            "with its own persist file in the child, or make the write in the parent."
        )


#: Connections inherited through ``fork``: kept referenced so that the child never closes
#: (and so never cleans up) the parent's database.
_INHERITED_CONNECTIONS: list[sqlite3.Connection] = []


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
