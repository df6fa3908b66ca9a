"""Support requests, their messages, the (chat, message id) → request links, staff accounts.

A relayed message, its record and its outbox rows are written in one transaction, and a
delivered row's link is written with its `sent` mark: the mapping a staff reply needs never
depends on memory or on parsing text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.timestamps import normalize, to_db

if TYPE_CHECKING:
    import aiosqlite

    from bot.store.database import Database

    _Base = Database
else:
    _Base = object

REQUEST_FIELDS = (
    "id, state, topic, commune, asker, asker_name, channel, chat_id, question, created_at, "
    "first_answer_at, resolved_at, taken_by, taken_name, rating, comment, reopened"
)
ASKED = ("topic", "commune", "asker", "asker_name", "channel", "chat_id", "question")
TIMES = frozenset({"first_answer_at", "resolved_at"})
UPDATABLE = frozenset(
    {"state", "first_answer_at", "resolved_at", "taken_by", "taken_name", "rating", "comment"}
)


async def insert_outbox(
    db: aiosqlite.Connection, rows: Iterable[dict[str, Any]], now: str
) -> None:
    """Queue outbox rows (channel, chat_id, recipient, name, body) inside a transaction."""
    await db.executemany(
        "INSERT INTO outbox (channel, chat_id, recipient, name, body, next_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r["channel"],
                r["chat_id"],
                r.get("recipient", f"{r['channel']}:{r['chat_id']}"),
                r.get("name", ""),
                json.dumps(r["body"], ensure_ascii=False),
                now,
                now,
            )
            for r in rows
        ],
    )


class RequestsMixin(_Base):
    # --- requests -----------------------------------------------------------------------

    async def create_request(
        self, fields: dict[str, Any], compose: Callable[[int], list[dict[str, Any]]]
    ) -> int:
        """The request, its first message and the staff notices, all or nothing."""
        at = normalize(fields["created_at"])
        async with self.transaction() as db:
            cur = await db.execute(
                "INSERT INTO requests (topic, commune, asker, asker_name, channel, chat_id, "
                "question, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*(fields[k] for k in ASKED), at),
            )
            request = int(cur.lastrowid or 0)
            await db.execute(
                "INSERT INTO request_messages (request, side, author, author_name, text, "
                "channel, chat_id, message_id, at) VALUES (?, 'asker', ?, ?, ?, ?, ?, ?, ?)",
                (
                    request,
                    fields["asker"],
                    fields["asker_name"],
                    fields["question"],
                    fields["channel"],
                    fields["chat_id"],
                    f"request:{request}",
                    at,
                ),
            )
            await insert_outbox(db, compose(request), at)
        return request

    async def record_relay(
        self,
        message: dict[str, Any],
        changes: dict[str, Any],
        rows: list[dict[str, Any]],
    ) -> bool:
        """One relayed message: its record, the request's new fields, the outbox rows.

        False when this message was recorded before (a redelivered update): nothing is queued.
        """
        keys: tuple[str, ...] = ("request", "side", "author", "author_name", "kind", "text")
        keys = (*keys, "channel")
        keys = (*keys, "chat_id", "message_id", "at")
        async with self.transaction() as db:
            cur = await db.execute(
                f"INSERT OR IGNORE INTO request_messages ({', '.join(keys)}) VALUES "
                f"({', '.join('?' * len(keys))})",
                tuple(normalize(message[k]) if k == "at" else message[k] for k in keys),
            )
            if cur.rowcount == 0:
                return False
            await self._update(db, message["request"], changes)
            await insert_outbox(db, rows, normalize(message["at"]))
        return True

    async def update_request(
        self, request: int, changes: dict[str, Any], rows: list[dict[str, Any]], now: datetime
    ) -> None:
        """New state/fields and the notices that announce them, atomically."""
        async with self.transaction() as db:
            await self._update(db, request, changes)
            await insert_outbox(db, rows, to_db(now))

    async def _update(self, db: aiosqlite.Connection, request: int, changes: dict) -> None:
        changes = dict(changes)
        reopen = changes.pop("reopen", False)
        wrong = set(changes) - UPDATABLE
        if wrong:
            raise ValueError(f"not updatable: {sorted(wrong)}")
        for k in TIMES & set(changes):  # callers may hand in any ISO spelling
            changes[k] = normalize(changes[k]) if changes[k] else None
        sets = [f"{k} = ?" for k in changes] + (["reopened = reopened + 1"] if reopen else [])
        if sets:
            await db.execute(
                f"UPDATE requests SET {', '.join(sets)} WHERE id = ?", (*changes.values(), request)
            )

    async def request(self, request: int) -> dict[str, Any] | None:
        row = await self.fetchone(
            f"SELECT {REQUEST_FIELDS} FROM requests WHERE id = ?", (request,)
        )
        return dict(row) if row else None

    async def requests_where(
        self, open_only: bool = False, asker: str | None = None
    ) -> list[dict]:
        """Requests, newest first; only open/answered ones, or one asker's, when asked."""
        rows = await self.fetchall(
            f"SELECT {REQUEST_FIELDS} FROM requests WHERE (? = 0 OR state IN ('open', "
            "'answered')) AND (? IS NULL OR asker = ?) ORDER BY id DESC",
            (int(open_only), asker, asker),
        )
        return [dict(r) for r in rows]

    async def requests_since(self, asker: str, since: datetime) -> int:
        row = await self.fetchone(
            "SELECT COUNT(*) FROM requests WHERE asker = ? AND created_at >= ?",
            (asker, to_db(since)),
        )
        return int(row[0]) if row else 0

    async def request_messages(self, request: int) -> list[dict[str, Any]]:
        rows = await self.fetchall(
            "SELECT side, author, author_name, kind, text, at FROM request_messages "
            "WHERE request = ? ORDER BY id",
            (request,),
        )
        return [dict(r) for r in rows]

    async def link_of(self, channel: str, chat_id: str, message_id: str) -> tuple[int, str] | None:
        """The request (and side) a bot message in this chat belongs to."""
        row = await self.fetchone(
            "SELECT request, side FROM request_links WHERE channel = ? AND chat_id = ? AND "
            "message_id = ?",
            (channel, chat_id, message_id),
        )
        return (int(row[0]), str(row[1])) if row else None

    async def outbox_sent(
        self,
        row_id: int,
        now: datetime,
        links: list[tuple[str, str, str, int, str]] = (),  # type: ignore[assignment]
        choices: tuple[str, str, list[str]] | None = None,
    ) -> None:
        """Mark a row sent together with the links (and numbered options) it created."""
        async with self.transaction() as db:
            await db.execute(
                "UPDATE outbox SET status = 'sent', error = NULL, done_at = ? WHERE id = ?",
                (to_db(now), row_id),
            )
            await db.executemany(
                "INSERT OR IGNORE INTO request_links (channel, chat_id, message_id, request, "
                "side) VALUES (?, ?, ?, ?, ?)",
                links,
            )
            if choices is not None:
                channel, chat_id, values = choices
                await db.execute(
                    "INSERT INTO pending_choices (channel, chat_id, choices) VALUES (?, ?, ?) "
                    "ON CONFLICT (channel, chat_id) DO UPDATE SET choices = excluded.choices",
                    (channel, chat_id, json.dumps(values)),
                )

    async def request_keys(self) -> set[str]:
        """Idempotency keys of queued follow-ups and escalations."""
        rows = await self.fetchall("SELECT key FROM nudges_sent WHERE key LIKE 'req:%'")
        return {r[0] for r in rows}
