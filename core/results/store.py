"""The result store: one SQLite file per workspace (``ergebnisse.sqlite``).

Reliability rules, all in this module:

- stdlib :mod:`sqlite3`, WAL journal, ``synchronous=FULL``, foreign keys on, a busy timeout so
  that several processes can write at once (they queue; none fails with "database is locked").
- Every write runs in one ``BEGIN IMMEDIATE`` transaction: an import of a file stores all of its
  results or none, also when the process is killed half way (SQLite rolls the unfinished
  transaction back on the next open).
- The schema has a version (table ``schema_version``); :data:`MIGRATIONS` lists the steps from
  one version to the next and :class:`ResultStore` applies the missing ones when it opens a file.
  A file written by a newer werkzeugkoffer is refused, never altered.
- One result per *part* of a session: the whole session, or one station and/or one day of it
  (``station`` is the station's venue id, ``day`` an ISO date; ``''`` when not given). The
  parts of a session never overlap (a result for the whole session covers every station and
  day, one for a station all of its days, one for a day all stations on it), so that adding
  them up never counts anything twice.
- Each result carries a content hash (session, part, participants, values): storing the same
  content again changes nothing, so importing a file twice stores nothing twice. A *different*
  result for a part that already has one, or a part that overlaps stored ones, is refused
  unless ``replace=True``.
- Nothing recorded is ever lost: a replaced or deleted result is moved to the table
  ``history`` (with the reason and the time), in the same transaction.

Tables (schema version 2)::

    imports(id, file_name, file_hash, imported_at, results, rows)
    results(id, session, station, day, municipality, phase, format, participants JSON,
            "values" JSON, recorded_by, source, file_hash, content_hash,
            import_id -> imports.id, recorded_at; UNIQUE(session, station, day))
    history(id, session, municipality, phase, format, participants, "values", recorded_by,
            source, file_hash, content_hash, recorded_at, reason, archived_at, station, day)
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from attrs import frozen

from ..conversion import structure
from ..errors import InputError, OutputError, ResultError, WerkzeugkofferError
from ..i18n import N_, _, ngettext
from ..model import Result
from ..workspace import RESULTS_FILE

if TYPE_CHECKING:
    from ..workspace import Workspace

BUSY_TIMEOUT_MS = 60_000

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # version 1
    (
        """CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            results INTEGER NOT NULL,
            rows INTEGER NOT NULL
        )""",
        "CREATE INDEX imports_hash ON imports(file_hash)",
        """CREATE TABLE results (
            id INTEGER PRIMARY KEY,
            session TEXT NOT NULL UNIQUE,
            municipality TEXT NOT NULL,
            phase INTEGER NOT NULL,
            format TEXT NOT NULL,
            participants TEXT NOT NULL,
            "values" TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            file_hash TEXT,
            content_hash TEXT NOT NULL,
            import_id INTEGER REFERENCES imports(id) ON DELETE RESTRICT,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX results_scope ON results(municipality, phase)",
        "CREATE INDEX results_import ON results(import_id)",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            session TEXT NOT NULL,
            municipality TEXT NOT NULL,
            phase INTEGER NOT NULL,
            format TEXT NOT NULL,
            participants TEXT NOT NULL,
            "values" TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            source TEXT NOT NULL,
            file_hash TEXT,
            content_hash TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            archived_at TEXT NOT NULL
        )""",
        "CREATE INDEX history_session ON history(session)",
    ),
    # version 2: a session may have one result per station and/or day. SQLite cannot drop a
    # UNIQUE constraint, so the table is copied (every row, with its id) into a new one.
    (
        """CREATE TABLE results_v2 (
            id INTEGER PRIMARY KEY,
            session TEXT NOT NULL,
            station TEXT NOT NULL DEFAULT '',
            day TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL,
            phase INTEGER NOT NULL,
            format TEXT NOT NULL,
            participants TEXT NOT NULL,
            "values" TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            file_hash TEXT,
            content_hash TEXT NOT NULL,
            import_id INTEGER REFERENCES imports(id) ON DELETE RESTRICT,
            recorded_at TEXT NOT NULL,
            UNIQUE (session, station, day)
        )""",
        """INSERT INTO results_v2 (id, session, municipality, phase, format, participants,
            "values", recorded_by, source, file_hash, content_hash, import_id, recorded_at)
           SELECT id, session, municipality, phase, format, participants, "values",
            recorded_by, source, file_hash, content_hash, import_id, recorded_at FROM results""",
        "DROP TABLE results",
        "ALTER TABLE results_v2 RENAME TO results",
        "CREATE INDEX results_scope ON results(municipality, phase)",
        "CREATE INDEX results_import ON results(import_id)",
        "ALTER TABLE history ADD COLUMN station TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE history ADD COLUMN day TEXT NOT NULL DEFAULT ''",
    ),
)
"""``MIGRATIONS[n]`` holds the statements that take the schema from version ``n`` to ``n + 1``.

Append a tuple to change the schema; never edit a step that has been released.
"""

SCHEMA_VERSION = len(MIGRATIONS)


def content_hash(result: Result) -> str:
    """A hash of what a result says (session, part, participants, values), not who typed it.

    A result of a whole session hashes as in schema version 1.
    """
    data = {
        "session": result.session,
        "participants": _participants_json(result.participants),
        "values": result.values,
    }
    if result.station is not None:
        data["station"] = result.station
    if result.day is not None:
        data["day"] = result.day.isoformat()
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _participants_json(participants: dict) -> dict[str, int]:
    return {getattr(k, "value", k): v for k, v in participants.items()}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def part_key(result: Result) -> tuple[str, str, str]:
    """``(session, station, day)`` as stored (``''`` for a part not given)."""
    return (result.session, result.station or "",
            result.day.isoformat() if result.day is not None else "")


def part_label(session: str, station: str = "", day: str = "") -> str:
    """A part of a session for messages: ``lohra-p1-01``, ``... at station v1 on 2027-03-06``."""
    if station and day:
        return _("{session} at station {station} on {day}").format(
            session=session, station=station, day=day)
    if station:
        return _("{session} at station {station}").format(session=session, station=station)
    if day:
        return _("{session} on {day}").format(session=session, day=day)
    return session


def overlap(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Two different parts of one session that cover a common station and day (the whole
    session covers everything, a station all its days, a day all stations)."""
    return (a != b and a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])
            and (not a[2] or not b[2] or a[2] == b[2]))


@frozen(kw_only=True)
class Record:
    """A validated result ready to be stored, with where its session belongs."""

    result: Result
    municipality: str
    phase: int
    format: str
    file_hash: str | None = None

    @property
    def session(self) -> str:
        return self.result.session

    @property
    def key(self) -> tuple[str, str, str]:
        return part_key(self.result)

    @property
    def label(self) -> str:
        return part_label(*self.key)


@frozen(kw_only=True)
class StoredResult:
    """A result as stored, with its bookkeeping."""

    id: int
    result: Result
    municipality: str
    phase: int
    format: str
    content_hash: str
    file_hash: str | None
    import_id: int | None
    recorded_at: str

    @property
    def session(self) -> str:
        return self.result.session

    @property
    def key(self) -> tuple[str, str, str]:
        return part_key(self.result)

    @property
    def label(self) -> str:
        return part_label(*self.key)


@frozen(kw_only=True)
class SaveSummary:
    """What one write did: results added, left unchanged (same content) and replaced, each
    named by :func:`part_label` (the session id for a result of a whole session)."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    import_id: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


@frozen(kw_only=True)
class ImportRecord:
    id: int
    file_name: str
    file_hash: str
    imported_at: str
    results: int
    rows: int


_RESULT_COLUMNS = (
    'id, session, municipality, phase, format, participants, "values", recorded_by, source, '
    "file_hash, content_hash, import_id, recorded_at, station, day"
)


def _reads(method):
    """Turn SQLite errors of a reading method into domain errors."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from None

    return wrapper


_WRITING_COMMANDS = N_("results import, add and delete need a writable workspace; reading "
                       "(results list, export, report) works without")
#: what a store was doing when SQLite failed, for messages ("cannot store results: ...")
_DOING = {
    "read": N_("read the result database"),
    "open": N_("open the result database"),
    "store results": N_("store results"),
    "delete results": N_("delete results"),
}


def database_error(exc: sqlite3.Error, path: Path, doing: str) -> WerkzeugkofferError:
    """The domain error for an SQLite error: what failed, where, and the right advice.

    A full disk or a read-only file or folder is an :class:`~werkzeugkoffer.OutputError`
    (nothing was stored); only a damaged file gets the advice to restore a backup.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    folder = path.parent
    doing = _(_DOING.get(doing, doing))
    writing = _(_WRITING_COMMANDS)
    if name.startswith("SQLITE_FULL") or "full" in text:
        return OutputError(_("{path}: cannot {doing}: no space left on device (database or disk "
                             "is full); nothing was stored; free some space and run again")
                           .format(path=path, doing=doing))
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in text:
        return OutputError(_("{path}: cannot {doing}: the database cannot be written (read-only "
                             "file or folder); {advice}").format(path=path, doing=doing,
                                                                 advice=writing))
    if name.startswith("SQLITE_CANTOPEN"):
        if not os.access(folder, os.W_OK | os.X_OK) or (path.exists()
                                                        and not os.access(path, os.W_OK)):
            return OutputError(_("{path}: cannot {doing}: its folder or the file is read-only; "
                                 "{advice}").format(path=path, doing=doing, advice=writing))
        return OutputError(_("{path}: cannot {doing} ({problem}); check that the folder exists "
                             "and can be read").format(path=path, doing=doing, problem=text))
    if name.startswith("SQLITE_IOERR"):
        return OutputError(_("{path}: cannot {doing}: disk input/output error ({problem}); "
                             "nothing was stored; check the disk (is it full or removed?) and "
                             "run again").format(path=path, doing=doing, problem=name))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return ResultError(_("{path}: cannot {doing}: the database is busy (another "
                             "werkzeugkoffer is writing to it); try again in a moment").format(
                                 path=path, doing=doing))
    damaged = name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        type(exc) is sqlite3.DatabaseError)
    if damaged:
        return ResultError(_("{path}: not a readable result database ({problem}); restore it "
                             "from a backup or move it away to start a new one").format(
                                 path=path, problem=text))
    return ResultError(_("{path}: cannot {doing}: database error: {problem}").format(
        path=path, doing=doing, problem=text))


class ResultStore:
    """The SQLite result store of a workspace. Use as a context manager, or call :meth:`close`.

    :param path: the database file (created with the current schema when missing).
    :param timeout: seconds to wait for another writer before giving up.
    """

    def __init__(self, path: str | Path, *, timeout: float = BUSY_TIMEOUT_MS / 1000,
                 read_only: bool = False):
        self.path = Path(path)
        self.where = self.path.name
        self.read_only = read_only
        self._empty = False
        if self.path.exists() and self.path.is_dir():
            raise ResultError(_("{path}: is a folder, expected the result database").format(
                path=self.path))
        try:
            self._conn = self._connect(timeout)
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from None
        try:
            self._setup(timeout)
            self._migrate()
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._error(exc, "open") from None
        except BaseException:
            self._conn.close()
            raise

    def _connect(self, timeout: float) -> sqlite3.Connection:
        kw = dict(timeout=timeout, isolation_level=None, check_same_thread=False)
        if not self.read_only:
            return sqlite3.connect(str(self.path), **kw)
        uri = "file:" + urllib.parse.quote(str(self.path.absolute()))
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, **kw)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if not getattr(exc, "sqlite_errorname", "").startswith(
                    ("SQLITE_CANTOPEN", "SQLITE_IOERR")):
                raise
        # A WAL database in a read-only folder (or on a full disk): SQLite cannot make the
        # shared-memory file (-shm) that mode=ro needs. Without a pending write-ahead log the
        # file holds everything: read it as immutable.
        wal = Path(f"{self.path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise ResultError(
                _("{path}: cannot read the result database in this read-only folder: its "
                  "write-ahead log ({wal}) holds results not yet in the file; open it once "
                  "where it can be written (e.g. a copy of the workspace folder)").format(
                      path=self.path, wal=wal.name)
            )
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, **kw)

    def _error(self, exc: sqlite3.Error, doing: str) -> WerkzeugkofferError:
        """A domain error for an SQLite error: what failed, where, and the right advice."""
        return database_error(exc, self.path, doing)

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc, doing) from None

    @classmethod
    def for_workspace(cls, workspace: Workspace | str | Path) -> "ResultStore":
        """The store of a workspace (a :class:`Workspace` or its folder), created when missing."""
        return cls(results_path(workspace))

    @classmethod
    @contextmanager
    def reading(cls, workspace: Workspace | str | Path) -> Iterator["ResultStore | None"]:
        """The store of a workspace for reading, or ``None`` when nothing was recorded yet.

        Reading never creates the database file. A store that cannot be written (a read-only
        file or folder) is opened read-only.
        """
        path = results_path(workspace)
        if not path.exists():
            yield None
            return
        store = None
        if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            try:
                store = cls(path)  # may bring the schema up to date
            except OutputError:  # a full disk, a read-only mount: reading needs no writing
                store = None
        if store is None:
            store = cls(path, read_only=True)
        with store:
            yield None if store._empty else store

    # -- connection ------------------------------------------------------------------------

    def _setup(self, timeout: float) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.read_only:
            return
        # Switching to WAL needs a moment alone with the file; retry while another process
        # holds it (the busy handler does not cover every case of this pragma).
        deadline = time.monotonic() + timeout
        while True:
            try:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        if str(mode).lower() != "wal":
            raise ResultError(_("{path}: cannot switch the database to WAL mode ({mode})").format(
                path=self.path, mode=mode))
        conn.execute("PRAGMA synchronous = FULL")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): everything in it is stored, or nothing.

        A failed COMMIT (a full disk) rolls back too; SQLite errors are raised as they are (the
        public methods turn them into domain errors).
        """
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:  # the original error says more
                    pass
            raise

    # -- schema ----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self._version(self._conn)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        row = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if row is None:
            return 0
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        # cheap check first, without a write lock
        version = self._version(self._conn)
        if version == len(MIGRATIONS):
            return
        if self.read_only:
            if version == 0:
                self._empty = True  # an empty file: nothing recorded yet
                return
            if version < len(MIGRATIONS):
                raise ResultError(
                    _("{path}: the database has schema version {version} and needs an update "
                      "to {newest}, but it cannot be written here; run werkzeugkoffer once "
                      "where the workspace can be written").format(
                          path=self.path, version=version, newest=len(MIGRATIONS))
                )
        with self.transaction() as conn:
            current = self._version(conn)
            if current > len(MIGRATIONS):
                raise ResultError(
                    _("{path}: the database has schema version {version}, this werkzeugkoffer "
                      "knows up to {newest}; update werkzeugkoffer to read it").format(
                          path=self.path, version=current, newest=len(MIGRATIONS))
                )
            if current == 0:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            for version in range(current, len(MIGRATIONS)):
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version + 1, _now()),
                )

    @_reads
    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: ``"ok"`` for a sound file."""
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    # -- writing ---------------------------------------------------------------------------

    def save(
        self,
        records: Sequence[Record],
        *,
        replace: bool = False,
        file_name: str | None = None,
        file_hash: str | None = None,
        rows: int = 0,
        where: str | None = None,
    ) -> SaveSummary:
        """Store results in one transaction: all of them, or none.

        A result whose part (session, station, day) already has the same content is left as it
        is. A different result for such a part, or a part of another shape than the ones the
        session has (see the module docstring), is refused (:class:`ResultError`, nothing
        stored) unless ``replace`` is true; the old ones then move to ``history``. When
        ``file_name`` and ``file_hash`` are given and something changed, the import is logged
        in ``imports``.
        """
        where = where or file_name or self.where
        keys = [rec.key for rec in records]
        if len(set(keys)) != len(keys):
            seen: set = set()
            twice = sorted({k for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
            raise ResultError(
                ngettext("{where}: more than one result for session {sessions}; a session (or a "
                         "station or day of it) has one result sheet",
                         "{where}: more than one result for sessions {sessions}; a session (or "
                         "a station or day of it) has one result sheet", len(twice)).format(
                             where=where, sessions=", ".join(part_label(*k) for k in twice))
            )
        by_key: dict[str, list[tuple[str, str, str]]] = {}
        for key in keys:
            by_key.setdefault(key[0], []).append(key)
        clashes = [(a, b) for parts in by_key.values() if len(parts) > 1
                   for i, a in enumerate(parts) for b in parts[i + 1:] if overlap(a, b)]
        if clashes:
            a, b = clashes[0]
            raise ResultError(
                _("{where}: results of session {session} overlap: {first} and {second} cover "
                  "the same station and day; give each station or day one result (a result "
                  "for the whole session, or for a station, covers all of its days), so that "
                  "nothing is counted twice").format(where=where, session=a[0],
                                                     first=part_label(*a), second=part_label(*b)),
                details=[_("{first} and {second}").format(first=part_label(*x),
                                                          second=part_label(*y))
                         for x, y in clashes[1:20]],
            )
        prepared = []
        for rec in records:
            res = rec.result
            prepared.append(
                (
                    rec,
                    content_hash(res),
                    json.dumps(_participants_json(res.participants), ensure_ascii=False,
                               sort_keys=True),
                    json.dumps(res.values, ensure_ascii=False),
                )
            )
        added: list[str] = []
        unchanged: list[str] = []
        replaced: list[str] = []
        conflicts: list[str] = []
        import_id = None
        now = _now()
        with self._guard("store results"), self.transaction() as conn:
            # every stored part of the sessions in this write: (session, station, day) -> row
            existing: dict[tuple[str, str, str], tuple[int, str, str]] = {}
            by_session: dict[str, list[tuple[str, str, str]]] = {}
            names = sorted(by_key)
            for start in range(0, len(names), 500):
                chunk = names[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    f"SELECT session, station, day, id, content_hash, source FROM results "
                    f"WHERE session IN ({marks})",
                    chunk,
                ):
                    key = (row[0], row[1], row[2])
                    existing[key] = (row[3], row[4], row[5])
                    by_session.setdefault(row[0], []).append(key)
            to_insert = []
            archived: set[tuple[str, str, str]] = set()
            for rec, chash, participants, values in prepared:
                key = rec.key
                # stored parts it overlaps (a whole-session result when parts come in, ...)
                other = [k for k in by_session.get(key[0], ())
                         if overlap(k, key) and k not in archived]
                if other:
                    if replace:
                        for k in other:
                            self._archive(conn, existing[k][0], "replaced", now)
                            archived.add(k)
                    else:
                        conflicts.append(
                            ngettext("session {session}: overlaps the stored result of {parts}",
                                     "session {session}: overlaps the stored results of {parts}",
                                     len(other)).format(
                                session=rec.label,
                                parts=", ".join(part_label(*k) for k in other[:3])
                                + (" ..." if len(other) > 3 else ""))
                        )
                        continue
                old = existing.get(key)
                if old is None:
                    to_insert.append((rec, chash, participants, values))
                    (replaced if other else added).append(rec.label)
                elif old[1] == chash:
                    unchanged.append(rec.label)
                elif replace:
                    self._archive(conn, old[0], "replaced", now)
                    to_insert.append((rec, chash, participants, values))
                    replaced.append(rec.label)
                else:
                    if old[2]:
                        conflicts.append(_("session {session}: already has a different result "
                                           "(from {file})").format(session=rec.label,
                                                                   file=old[2]))
                    else:
                        conflicts.append(_("session {session}: already has a different result")
                                         .format(session=rec.label))
            if conflicts:
                raise ResultError(
                    ngettext("{where}: nothing stored: {n} session already has a different "
                             "result; use --replace to overwrite it (the old result is kept in "
                             "the history) or delete it first",
                             "{where}: nothing stored: {n} sessions already have a different "
                             "result; use --replace to overwrite them (the old results are kept "
                             "in the history) or delete them first", len(conflicts)).format(
                                 where=where, n=len(conflicts)),
                    details=conflicts[:20]
                    + ([_("... and {n} more").format(n=len(conflicts) - 20)]
                       if len(conflicts) > 20 else []),
                )
            if file_name is not None and file_hash is not None and (added or replaced):
                cur = conn.execute(
                    "INSERT INTO imports (file_name, file_hash, imported_at, results, rows) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (file_name, file_hash, now, len(added) + len(replaced), rows),
                )
                import_id = cur.lastrowid
            conn.executemany(
                'INSERT INTO results (session, station, day, municipality, phase, format, '
                'participants, "values", recorded_by, source, file_hash, content_hash, '
                "import_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        *rec.key, rec.municipality, rec.phase, rec.format, participants,
                        values, rec.result.recorded_by, rec.result.source,
                        rec.file_hash or file_hash, chash, import_id, now,
                    )
                    for rec, chash, participants, values in to_insert
                ],
            )
        return SaveSummary(
            added=tuple(added), unchanged=tuple(unchanged), replaced=tuple(replaced),
            import_id=import_id,
        )

    @staticmethod
    def _archive(conn: sqlite3.Connection, result_id: int, reason: str, now: str) -> None:
        conn.execute(
            'INSERT INTO history (session, station, day, municipality, phase, format, '
            'participants, "values", recorded_by, source, file_hash, content_hash, recorded_at, '
            "reason, archived_at) "
            'SELECT session, station, day, municipality, phase, format, participants, "values", '
            "recorded_by, source, file_hash, content_hash, recorded_at, ?, ? FROM results "
            "WHERE id = ?",
            (reason, now, result_id),
        )
        conn.execute("DELETE FROM results WHERE id = ?", (result_id,))

    def delete(self, sessions: Iterable[str], *, station: str | None = None,
               day: dt.date | str | None = None) -> list[str]:
        """Delete the results of sessions (moved to ``history``); return the sessions that had
        one. ``station`` and/or ``day`` delete only the results of that part."""
        done = []
        now = _now()
        sql = "SELECT id FROM results WHERE session = ?"
        extra: list[str] = []
        if station is not None:
            sql += " AND station = ?"
            extra.append(station)
        if day is not None:
            sql += " AND day = ?"
            extra.append(day.isoformat() if isinstance(day, dt.date) else day)
        with self._guard("delete results"), self.transaction() as conn:
            for session in sessions:
                rows = conn.execute(sql, (session, *extra)).fetchall()
                for row in rows:
                    self._archive(conn, row[0], "deleted", now)
                if rows:
                    done.append(session)
        return done

    # -- reading ---------------------------------------------------------------------------

    @_reads
    def get(self, session: str, station: str | None = None,
            day: dt.date | str | None = None) -> StoredResult | None:
        """The stored result of a session (of one station and/or day of it, when given)."""
        key = (session, station or "",
               day.isoformat() if isinstance(day, dt.date) else (day or ""))
        row = self._conn.execute(
            f"SELECT {_RESULT_COLUMNS} FROM results WHERE session = ? AND station = ? "
            "AND day = ?", key
        ).fetchone()
        return _stored(row) if row is not None else None

    @_reads
    def parts(self, session: str) -> list[StoredResult]:
        """Every stored result of a session (one, or one per station and/or day)."""
        rows = self._conn.execute(
            f"SELECT {_RESULT_COLUMNS} FROM results WHERE session = ? ORDER BY station, day",
            (session,),
        ).fetchall()
        return [_stored(r) for r in rows]

    @_reads
    def results(
        self,
        *,
        municipality: str | Iterable[str] | None = None,
        phase: int | None = None,
        sessions: Iterable[str] | None = None,
    ) -> list[StoredResult]:
        """Stored results, optionally only of some municipalities, a phase or sessions."""
        sql = f"SELECT {_RESULT_COLUMNS} FROM results"
        where: list[str] = []
        args: list[Any] = []
        if municipality is not None:
            names = [municipality] if isinstance(municipality, str) else list(municipality)
            where.append(f"municipality IN ({','.join('?' * len(names))})")
            args.extend(names)
        if phase is not None:
            where.append("phase = ?")
            args.append(int(phase))
        rows = self._conn.execute(
            sql + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY municipality, phase, session, station, day",
            args,
        ).fetchall()
        out = [_stored(r) for r in rows]
        if sessions is not None:
            wanted = set(sessions)
            out = [r for r in out if r.session in wanted]
        return out

    @_reads
    def sessions_with_results(self, sessions: Iterable[str] | None = None) -> set[str]:
        """The sessions (of ``sessions``, or all) that have a current result.

        Replaced and deleted results (the history) do not count.
        """
        have = {row[0] for row in self._conn.execute("SELECT DISTINCT session FROM results")}
        return have if sessions is None else have & set(sessions)

    @_reads
    def count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])

    @_reads
    def imports(self) -> list[ImportRecord]:
        return [
            ImportRecord(id=r[0], file_name=r[1], file_hash=r[2], imported_at=r[3],
                         results=r[4], rows=r[5])
            for r in self._conn.execute(
                "SELECT id, file_name, file_hash, imported_at, results, rows FROM imports "
                "ORDER BY id"
            )
        ]

    @_reads
    def history(self, session: str | None = None) -> list[dict[str, Any]]:
        """Replaced and deleted results (newest last)."""
        sql = (
            'SELECT session, station, day, municipality, phase, format, participants, "values", '
            "recorded_by, source, recorded_at, reason, archived_at FROM history"
        )
        args: tuple = ()
        if session is not None:
            sql += " WHERE session = ?"
            args = (session,)
        keys = ("session", "station", "day", "municipality", "phase", "format", "participants",
                "values", "recorded_by", "source", "recorded_at", "reason", "archived_at")
        out = []
        for row in self._conn.execute(sql + " ORDER BY id", args):
            item = dict(zip(keys, row, strict=True))
            item["participants"] = json.loads(item["participants"])
            item["values"] = json.loads(item["values"])
            out.append(item)
        return out


def _stored(row: tuple) -> StoredResult:
    (rid, session, municipality, phase, fmt, participants, values, recorded_by, source,
     fhash, chash, import_id, recorded_at, station, day) = row
    data = {"session": session, "participants": json.loads(participants),
            "values": json.loads(values), "recorded_by": recorded_by, "source": source}
    if station:
        data["station"] = station
    if day:
        data["day"] = day
    try:
        result = structure(data, Result,
                           where=_("{file}: result of {session}").format(
                               file=RESULTS_FILE, session=part_label(session, station, day)))
    except (InputError, ValueError) as exc:
        raise ResultError(_("{problem}; the stored row is kept as it is").format(
            problem=exc)) from None
    return StoredResult(
        id=rid,
        result=result,
        municipality=municipality,
        phase=phase,
        format=fmt,
        content_hash=chash,
        file_hash=fhash,
        import_id=import_id,
        recorded_at=recorded_at,
    )


def results_path(workspace: Workspace | str | Path) -> Path:
    """The result database of a workspace (a :class:`Workspace` or its folder)."""
    return Path(getattr(workspace, "root", workspace)) / RESULTS_FILE


def recorded_sessions(workspace: Workspace | str | Path, sessions: Iterable[str]) -> list[str]:
    """Those of ``sessions`` that have a current result in the workspace's store, sorted."""
    wanted = set(sessions)
    if not wanted:
        return []
    with ResultStore.reading(workspace) as store:
        return sorted(store.sessions_with_results(wanted)) if store is not None else []
