"""The connection: one aiosqlite connection, named migrations, WAL, small query helpers.

A leaf of the store package: the repositories hold it (as `self.db`) and reach the
connection only through its helpers and `transaction()`; nothing here imports them back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage import StorageFault, explain
from bot.store.migrations import MIGRATIONS
from bot.timestamps import to_db

log = logging.getLogger(__name__)
T = TypeVar("T")


def _run_migration(
    conn: sqlite3.Connection,
    name: str,
    rewrite: Callable[[sqlite3.Connection], None],
    applied: str,
) -> None:
    """A Python migration and its record, in one transaction (on the database thread)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        rewrite(conn)
        conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, applied))
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


class Database:
    """Opens the file, applies migrations, offers small query helpers to the repositories."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._db: aiosqlite.Connection | None = None
        # One connection is shared by every flow: while a transaction is open, any other
        # statement on it would join that transaction (and vanish with its ROLLBACK), so one
        # task at a time owns the connection. The owner may run further statements itself.
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task | None = None
        # Writes finished through this connection, so far: a value read earlier (roles at a
        # message's arrival, bot/access.py) is still current while this has not moved.
        self.writes = 0
        # (file_stamp, data_version) read on the database thread after the last on_thread
        # write: while the files still show that stamp, nobody has committed since.
        self._noted: tuple[tuple[int, ...], int] | None = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("store is not open")
        return self._db

    async def open(self) -> None:
        """Connect, check the file can be read and written, apply pending migrations.

        Any fault (missing folder, unreadable, read-only, corrupt, disk full) closes the
        connection again and raises StorageFault with an operator's sentence: a half-open
        connection would keep its thread, and the process, alive after the error.
        """
        try:
            await self._open()
        except (sqlite3.Error, OSError) as exc:
            await self.close()
            raise StorageFault(explain(self.path, str(exc))) from None
        except BaseException:
            await self.close()
            raise

    async def _open(self) -> None:
        # Autocommit: a single statement is its own transaction (one round trip to the
        # database thread instead of two); multi-statement work uses `transaction()`.
        connecting = aiosqlite.connect(self.path, isolation_level=None)
        try:
            self._db = await connecting
        except BaseException:
            # aiosqlite stops its worker thread without waiting; let it end before the event
            # loop closes, or it dies with "Event loop is closed" on stderr.
            worker = getattr(connecting, "_thread", None)
            if worker is not None and worker.is_alive():
                await asyncio.to_thread(worker.join, 2)
            raise
        self._db.row_factory = aiosqlite.Row
        if self.path != ":memory:":
            await self._db.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL loses nothing on a crash of the process, only on power loss.
            await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._migrate()
        if self.path != ":memory:":
            await self._probe()

    async def _probe(self) -> None:
        # Reading the schema proves the file is a database; a committed write proves it can be
        # written now (read-only file or folder, full disk) rather than at the first user.
        await self.db.execute("PRAGMA quick_check(1)")
        await self.db.execute(
            "INSERT INTO store_opened (id, at) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET at = excluded.at",
            (to_db(datetime.now(UTC)),),
        )

    async def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def _migrate(self) -> None:
        await self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT "
            "NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        done = {row[0] for row in await self.db.execute_fetchall("SELECT name FROM migrations")}
        for name, script in MIGRATIONS:
            if name in done:
                continue
            log.info("applying migration %s", name)
            applied = to_db(datetime.now(UTC))
            if callable(script):  # a rewrite of existing rows, done in Python
                await self.db._execute(_run_migration, self.db._conn, name, script, applied)
                continue
            await self.db.executescript(
                f"BEGIN;\n{script}\nINSERT INTO migrations (name, applied_at) "
                f"VALUES ('{name}', '{applied}');\nCOMMIT;"
            )

    def file_stamp(self) -> tuple[int, ...]:
        """Sizes and change times of the database file and its WAL, read on the event loop.

        A commit by any connection, this one included, moves it: a few microseconds instead
        of a hop to the database thread, to tell when `data_version` is worth asking.
        """
        stamp: list[int] = []
        for path in (self.path, self.path + "-wal"):
            try:
                st = os.stat(path)
            except OSError:  # no WAL yet (or ":memory:"): nothing to watch in that file
                stamp += (-1, -1)
                continue
            stamp += (st.st_mtime_ns, st.st_size)
        return tuple(stamp)

    async def data_version(self, stamp: tuple[int, ...] | None = None) -> int:
        """Changes whenever another connection (another process) commits to the file.

        `stamp`: the `file_stamp()` the caller has just read. While the files still show
        the one noted after this connection's last on_thread write, nobody has committed
        since and the noted value is the answer, without a hop."""
        noted = self._noted
        if noted is not None and noted[0] == (self.file_stamp() if stamp is None else stamp):
            return noted[1]
        row = await self.fetchone("PRAGMA data_version")
        return int(row[0]) if row else 0

    def _note_version(self, conn: sqlite3.Connection) -> None:
        # The stamp first: a commit by another process between the two reads then leaves
        # the stamp behind the files, so the next look asks again instead of trusting this.
        stamp = self.file_stamp()
        try:
            self._noted = (stamp, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        except sqlite3.Error:  # the work is done and committed: never fail it for a note
            self._noted = None

    async def applied_migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        rows = await self.db.execute_fetchall("SELECT name FROM migrations ORDER BY name")
        return [row[0] for row in rows]

    @contextlib.asynccontextmanager
    async def _turn(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, to this task alone (re-entrant for the task that holds it).

        A fault of the file (disk full, read-only, corrupt, I/O) becomes StorageFault, which
        the engine turns into "not saved" for the user; constraint errors stay what they are.
        """
        task = asyncio.current_task()
        if task is not None and self._owner is task:
            yield self.db
            return
        async with self._lock:
            self._owner = task
            try:
                yield self.db
            except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
                if isinstance(exc, sqlite3.IntegrityError):
                    raise
                raise StorageFault(explain(self.path, str(exc))) from exc
            finally:
                self._owner = None

    async def _one(self, call: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """One statement; straight through when no other task holds the connection."""
        task = asyncio.current_task()
        if (task is not None and self._owner is task) or not self._lock.locked():
            # No transaction is open: aiosqlite runs calls in the order they are queued, so
            # this one is done before any transaction begun after it (no wait on the lock).
            try:
                return await call(self.db)
            except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
                if isinstance(exc, sqlite3.IntegrityError):
                    raise
                raise StorageFault(explain(self.path, str(exc))) from exc
        async with self._turn() as db:
            return await call(db)

    async def fetchall(self, sql: str, params: tuple[Any, ...] = ()) -> list[aiosqlite.Row]:
        return list(await self._one(lambda db: db.execute_fetchall(sql, params)))

    async def fetchone(self, sql: str, params: tuple[Any, ...] = ()) -> aiosqlite.Row | None:
        rows = await self._one(lambda db: db.execute_fetchall(sql, params))
        return next(iter(rows), None)  # one round trip, not three

    async def write(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """Run one statement (committed on its own); returns lastrowid."""
        try:
            cur = await self._one(lambda db: db.execute(sql, params))
        finally:
            self.writes += 1
        return cur.lastrowid or 0

    async def change(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """Run one statement (committed on its own); returns the number of rows changed."""
        try:
            cur = await self._one(lambda db: db.execute(sql, params))
        finally:
            self.writes += 1
        return cur.rowcount

    async def on_thread(self, work: Callable[[sqlite3.Connection], T], writes: bool = True) -> T:
        """Run `work` with the raw connection on the database thread: several statements in
        one hop (aiosqlite queues functions to its thread; `_execute` is how it does so).
        `writes=False` when `work` only reads."""

        def noted(conn: sqlite3.Connection) -> T:
            result = work(conn)
            self._note_version(conn)  # the hot path's hop spares the outbox one of its own
            return result

        try:
            async with self._turn() as db:
                return await db._execute(noted if writes else work, db._conn)
        finally:
            self.writes += writes

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """All or nothing: BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error.

        Transactions (and single statements) of other tasks wait for this one to end, so
        concurrent flows never clash on the connection nor roll back each other's writes.
        """
        async with self._turn() as db:
            if db.in_transaction:  # nested in this task's own transaction: part of it
                yield db
                return
            await db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                await db.rollback()
                raise
            finally:
                self.writes += 1
            await db.commit()

    async def backup_to(self, target: Path) -> None:
        """A consistent copy of the live database (SQLite online backup)."""
        async with aiosqlite.connect(str(target)) as dest, self._turn() as db:
            await db.backup(dest)
