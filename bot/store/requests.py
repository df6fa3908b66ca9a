"""Support requests, their messages, the (chat, message id) → request links, staff accounts.

A relayed message, its record and its outbox rows are written in one transaction, and a
delivered row's link is written with its `sent` mark: the mapping a staff reply needs never
depends on memory or on parsing text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.rows.requests import Request, RequestMessage
from bot.timestamps import from_db, normalize, to_db

if TYPE_CHECKING:
    import aiosqlite

    from bot.store.database import Database

REQUEST_FIELDS = (
    "id, state, topic, commune, asker, asker_name, channel, chat_id, question, created_at, "
    "first_answer_at, resolved_at, taken_by, taken_name, rating, comment, reopened"
)
ASKED = ("topic", "commune", "asker", "asker_name", "channel", "chat_id", "question")
TIMES = frozenset({"first_answer_at", "resolved_at"})
UPDATABLE = frozenset(
    {"state", "first_answer_at", "resolved_at", "taken_by", "taken_name", "rating", "comment"}
)


def _moment(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def request_of(row: Any) -> Request:
    """A `requests` row (selected as REQUEST_FIELDS) as a Request."""
    return Request(
        id=int(row[0]),
        state=row[1],
        topic=row[2],
        commune=row[3],
        asker=row[4],
        asker_name=row[5],
        channel=row[6],
        chat_id=row[7],
        question=row[8],
        created_at=from_db(row[9]),
        first_answer_at=_moment(row[10]),
        resolved_at=_moment(row[11]),
        taken_by=row[12],
        taken_name=row[13],
        rating=row[14],
        comment=row[15],
        reopened=int(row[16]),
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


class Requests:
    """The `requests` area: tickets, their threads, the links replies arrive by."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self, fields: Mapping[str, Any], compose: Callable[[Request], list[dict[str, Any]]]
    ) -> int:
        """The request, its first message and the staff notices (built from the new row),
        all or nothing; returns its number."""
        at = normalize(fields["created_at"])
        async with self.db.transaction() as db:
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
            row = Request(request, "open", **{k: fields[k] for k in ASKED}, created_at=from_db(at))
            await insert_outbox(db, compose(row), at)
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
        at = normalize(message["at"])
        async with self.db.transaction() as db:
            cur = await db.execute(
                f"INSERT OR IGNORE INTO request_messages ({', '.join(keys)}) VALUES "
                f"({', '.join('?' * len(keys))})",
                tuple(at if k == "at" else message[k] for k in keys),
            )
            if cur.rowcount == 0:
                return False
            await self._update(db, message["request"], changes)
            await insert_outbox(db, rows, at)
        return True

    async def update(
        self, request: int, changes: dict[str, Any], rows: list[dict[str, Any]], now: datetime
    ) -> None:
        """New state/fields and the notices that announce them, atomically."""
        async with self.db.transaction() as db:
            await self._update(db, request, changes)
            await insert_outbox(db, rows, to_db(now))

    async def _update(self, db: aiosqlite.Connection, request: int, changes: dict) -> None:
        changes = dict(changes)
        reopen = changes.pop("reopen", False)
        wrong = set(changes) - UPDATABLE
        if wrong:
            raise ValueError(f"not updatable: {sorted(wrong)}")
        for k in TIMES & set(changes):  # a moment, or any ISO spelling of one
            value = changes[k]
            changes[k] = (
                (to_db(value) if isinstance(value, datetime) else normalize(value))
                if value
                else None
            )
        sets = [f"{k} = ?" for k in changes] + (["reopened = reopened + 1"] if reopen else [])
        if sets:
            await db.execute(
                f"UPDATE requests SET {', '.join(sets)} WHERE id = ?", (*changes.values(), request)
            )

    async def get(self, request: int) -> Request | None:
        row = await self.db.fetchone(
            f"SELECT {REQUEST_FIELDS} FROM requests WHERE id = ?", (request,)
        )
        return request_of(row) if row else None

    async def where(self, open_only: bool = False, asker: str | None = None) -> list[Request]:
        """Requests, newest first; only open/answered ones, or one asker's, when asked."""
        rows = await self.db.fetchall(
            f"SELECT {REQUEST_FIELDS} FROM requests WHERE (? = 0 OR state IN ('open', "
            "'answered')) AND (? IS NULL OR asker = ?) ORDER BY id DESC",
            (int(open_only), asker, asker),
        )
        return [request_of(r) for r in rows]

    async def open_in(self, communes: list[str] | None, limit: int) -> list[Request]:
        """Requests not resolved yet, newest first (for the given communes, or all)."""
        where = "state IN ('open', 'answered')"
        params: tuple[str, ...] = ()
        if communes is not None:
            where += f" AND commune IN ({','.join('?' * len(communes))})"
            params = tuple(communes)
        rows = await self.db.fetchall(
            f"SELECT {REQUEST_FIELDS} FROM requests WHERE {where} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [request_of(r) for r in rows]

    async def count_since(self, asker: str, since: datetime) -> int:
        row = await self.db.fetchone(
            "SELECT COUNT(*) FROM requests WHERE asker = ? AND created_at >= ?",
            (asker, to_db(since)),
        )
        return int(row[0]) if row else 0

    async def messages(self, request: int) -> list[RequestMessage]:
        rows = await self.db.fetchall(
            "SELECT side, author, author_name, kind, text, at FROM request_messages "
            "WHERE request = ? ORDER BY id",
            (request,),
        )
        return [RequestMessage(r[0], r[1], r[2], r[3], r[4], from_db(r[5])) for r in rows]

    async def link_of(self, channel: str, chat_id: str, message_id: str) -> tuple[int, str] | None:
        """The request (and side) a bot message in this chat belongs to."""
        row = await self.db.fetchone(
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
        async with self.db.transaction() as db:
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

    async def timer_keys(self) -> set[str]:
        """Idempotency keys of queued follow-ups and escalations."""
        rows = await self.db.fetchall("SELECT key FROM nudges_sent WHERE key LIKE 'req:%'")
        return {r[0] for r in rows}
