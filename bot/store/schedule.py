"""The campaign's tasks and completions (`store.tasks`) and the nudges queued with their
idempotency keys (`store.nudges`); broadcasts are `store.broadcasts`, people `store.people`."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.chat import Recipient
from bot.nudges.campaign import Task
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database


def _task(row: Any) -> Task:
    return Task(row[0], row[2], row[3], from_db(row[4]), row[1], bool(row[5]))


class Tasks:
    """The campaign's tasks and deadlines, and the communes that reported one done."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def seed(self, tasks: list[Task]) -> bool:
        """Install the default campaign once (an empty table); False when tasks exist."""
        if await self.db.fetchone("SELECT 1 FROM tasks LIMIT 1"):
            return False
        async with self.db.transaction() as conn:
            for n, t in enumerate(tasks):
                await conn.execute(
                    "INSERT INTO tasks (key, campaign, title, kind, due, position) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (t.key, t.campaign, t.title, t.kind, to_db(t.due), n),
                )
        return True

    async def all(self, include_closed: bool = False) -> list[Task]:
        """Tasks in campaign order."""
        rows = await self.db.fetchall(
            "SELECT key, campaign, title, kind, due, closed FROM tasks "
            "WHERE ? OR closed = 0 ORDER BY position, key",
            (int(include_closed),),
        )
        return [_task(r) for r in rows]

    async def get(self, key: str) -> Task | None:
        row = await self.db.fetchone(
            "SELECT key, campaign, title, kind, due, closed FROM tasks WHERE key = ?", (key,)
        )
        return _task(row) if row else None

    async def add(self, task: Task) -> None:
        """A new manual deadline at the end of the list."""
        await self.db.write(
            "INSERT INTO tasks (key, campaign, title, kind, due, position) VALUES "
            "(?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM tasks))",
            (task.key, task.campaign, task.title, task.kind, to_db(task.due)),
        )

    async def move(self, key: str, due: datetime) -> None:
        """A new deadline (and reopened, if it was closed)."""
        await self.db.write(
            "UPDATE tasks SET due = ?, closed = 0 WHERE key = ?", (to_db(due), key)
        )

    async def close(self, key: str) -> None:
        """No more nudges for this task."""
        await self.db.write("UPDATE tasks SET closed = 1 WHERE key = ?", (key,))

    async def close_campaign(self, campaign: str) -> None:
        """Close every task of a campaign."""
        await self.db.write("UPDATE tasks SET closed = 1 WHERE campaign = ?", (campaign,))

    async def mark_done(self, commune: str, task: str, by: str, note: str, now: datetime) -> None:
        """A commune reports a manual task done (again: the note and time are updated)."""
        await self.db.write(
            "INSERT INTO task_done (commune, task, done_by, note, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (commune, task) DO UPDATE SET done_by = excluded.done_by, "
            "note = excluded.note, at = excluded.at",
            (commune, task, by, note[:500], to_db(now)),
        )

    async def done(self) -> set[tuple[str, str]]:
        """(commune, task) pairs reported done."""
        return {
            (r[0], r[1]) for r in await self.db.fetchall("SELECT commune, task FROM task_done")
        }


class Nudges:
    """Nudges queued: each combined message's outbox row and the idempotency keys it covers,
    so that no slot is nudged twice (across restarts and two start-ups at once)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def sent_keys(self, since: datetime) -> set[str]:
        """Nudge keys queued since a moment (older slots can no longer be planned)."""
        rows = await self.db.fetchall("SELECT key FROM nudges_sent WHERE at >= ?", (to_db(since),))
        return {r[0] for r in rows}

    async def enqueue(
        self,
        recipient: Recipient,
        body: list,
        keys: list[str],
        now: datetime,
        attachment: tuple[str, bytes] | None = None,
    ) -> int | None:
        """Queue one combined message (and a file, for the weekly digest) and record its
        nudge keys, atomically; None when any key was already queued (another start-up got
        there first)."""
        async with self.db.transaction() as conn:
            marks = ",".join("?" * len(keys))
            async with conn.execute(
                f"SELECT 1 FROM nudges_sent WHERE key IN ({marks})", keys
            ) as c:
                if await c.fetchone():
                    return None
            cur = await conn.execute(
                "INSERT INTO outbox (channel, chat_id, recipient, name, body, next_at, created_at,"
                " attachment_name, attachment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    recipient.channel,
                    recipient.chat_id,
                    recipient.key,
                    recipient.name,
                    json.dumps(body, ensure_ascii=False),
                    to_db(now),
                    to_db(now),
                    *(attachment or (None, None)),
                ),
            )
            outbox_id = cur.lastrowid
            await conn.executemany(
                "INSERT INTO nudges_sent (key, outbox_id, at) VALUES (?, ?, ?)",
                [(k, outbox_id, to_db(now)) for k in keys],
            )
        return outbox_id
