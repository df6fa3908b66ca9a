"""Tasks and deadlines, completions, contacts, nudge idempotency keys (broadcasts and the
outbox rows: `store.outbox`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.chat import Recipient
from bot.nudges.campaign import Task
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database

    _Base = Database
else:
    _Base = object

OPEN = ("pending", "sending")


def _task(row: Any) -> Task:
    return Task(row[0], row[2], row[3], from_db(row[4]), row[1], bool(row[5]))


class ScheduleMixin(_Base):
    # --- tasks --------------------------------------------------------------------------

    async def seed_tasks(self, tasks: list[Task]) -> bool:
        """Install the default campaign once (an empty table); False when tasks exist."""
        if await self.fetchone("SELECT 1 FROM tasks LIMIT 1"):
            return False
        async with self.transaction() as db:
            for n, t in enumerate(tasks):
                await db.execute(
                    "INSERT INTO tasks (key, campaign, title, kind, due, position) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (t.key, t.campaign, t.title, t.kind, to_db(t.due), n),
                )
        return True

    async def tasks(self, include_closed: bool = False) -> list[Task]:
        """Tasks in campaign order."""
        rows = await self.fetchall(
            "SELECT key, campaign, title, kind, due, closed FROM tasks "
            "WHERE ? OR closed = 0 ORDER BY position, key",
            (int(include_closed),),
        )
        return [_task(r) for r in rows]

    async def task(self, key: str) -> Task | None:
        row = await self.fetchone(
            "SELECT key, campaign, title, kind, due, closed FROM tasks WHERE key = ?", (key,)
        )
        return _task(row) if row else None

    async def add_task(self, task: Task) -> None:
        """A new manual deadline at the end of the list."""
        await self.write(
            "INSERT INTO tasks (key, campaign, title, kind, due, position) VALUES "
            "(?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM tasks))",
            (task.key, task.campaign, task.title, task.kind, to_db(task.due)),
        )

    async def move_task(self, key: str, due: datetime) -> None:
        """A new deadline (and reopened, if it was closed)."""
        await self.write("UPDATE tasks SET due = ?, closed = 0 WHERE key = ?", (to_db(due), key))

    async def close_task(self, key: str) -> None:
        """No more nudges for this task."""
        await self.write("UPDATE tasks SET closed = 1 WHERE key = ?", (key,))

    async def close_campaign(self, campaign: str) -> None:
        """Close every task of a campaign."""
        await self.write("UPDATE tasks SET closed = 1 WHERE campaign = ?", (campaign,))

    async def mark_done(self, commune: str, task: str, by: str, note: str, now: datetime) -> None:
        """A commune reports a manual task done (again: the note and time are updated)."""
        await self.write(
            "INSERT INTO task_done (commune, task, done_by, note, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (commune, task) DO UPDATE SET done_by = excluded.done_by, "
            "note = excluded.note, at = excluded.at",
            (commune, task, by, note[:500], to_db(now)),
        )

    async def done(self) -> set[tuple[str, str]]:
        """(commune, task) pairs reported done."""
        return {(r[0], r[1]) for r in await self.fetchall("SELECT commune, task FROM task_done")}

    # --- people to reach ----------------------------------------------------------------

    async def contact_of(self, channel: str, user_id: str) -> tuple[str, str]:
        """(chat to write to, display name): the chat they last used, else their user id."""
        row = await self.fetchone(
            "SELECT chat_id, name FROM people WHERE channel = ? AND user_id = ?",
            (channel, user_id),
        )
        return (row[0], row[1]) if row else (user_id, "")

    async def member_accounts(self) -> list[dict[str, Any]]:
        """Linked seats with their accounts, the most recently used account first."""
        rows = await self.fetchall(
            "SELECT a.member_id, m.commune, m.name, a.channel, a.user_id, a.chat_id, "
            "COALESCE(p.last_seen, a.linked_at) AS used FROM member_accounts a "
            "JOIN members m ON m.id = a.member_id LEFT JOIN people p ON p.channel = a.channel "
            "AND p.user_id = a.user_id ORDER BY a.member_id, used DESC"
        )
        keys = ("member", "commune", "name", "channel", "user_id", "chat_id", "used")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    async def everyone(self) -> list[dict[str, Any]]:
        """Everybody who has reached the bot in a private chat and is still reachable."""
        rows = await self.fetchall(
            "SELECT channel, user_id, chat_id, name FROM people WHERE unreachable = 0"
        )
        return [dict(zip(("channel", "user_id", "chat_id", "name"), r, strict=True)) for r in rows]

    async def mark_unreachable(self, channel: str, chat_id: str) -> None:
        """The user blocked the bot or the chat is gone: skip them in "all" from now on."""
        await self.write(
            "UPDATE people SET unreachable = 1 WHERE channel = ? AND chat_id = ?",
            (channel, chat_id),
        )

    # --- nudges and the outbox ------------------------------------------------------------

    async def sent_keys(self, since: datetime) -> set[str]:
        """Nudge keys queued since a moment (older slots can no longer be planned)."""
        rows = await self.fetchall("SELECT key FROM nudges_sent WHERE at >= ?", (to_db(since),))
        return {r[0] for r in rows}

    async def enqueue_nudge(
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
        async with self.transaction() as db:
            marks = ",".join("?" * len(keys))
            async with db.execute(f"SELECT 1 FROM nudges_sent WHERE key IN ({marks})", keys) as c:
                if await c.fetchone():
                    return None
            cur = await db.execute(
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
            await db.executemany(
                "INSERT INTO nudges_sent (key, outbox_id, at) VALUES (?, ?, ?)",
                [(k, outbox_id, to_db(now)) for k in keys],
            )
        return outbox_id

    async def people_status(self) -> dict[str, bool]:
        """Every account that ever reached the bot → True when it is now unreachable."""
        rows = await self.fetchall("SELECT channel, user_id, unreachable FROM people")
        return {f"{r[0]}:{r[1]}": bool(r[2]) for r in rows}
