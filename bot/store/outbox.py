"""The outbox rows (`store.outbox`): queued, claimed, marked, rewritten, moved to Telegram.
Broadcasts, nudges and request notices queue their rows through their own areas; this one
is the worker's side."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.rows.outbox import OutboxRow
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database
    from bot.store.identity import Identities

_DUE = (
    "SELECT id, broadcast, channel, chat_id, recipient, name, body, attempts, "
    "attachment_name FROM outbox WHERE status = 'pending' AND next_at <= ? "
    "ORDER BY next_at, id LIMIT ?"
)


class Outbox:
    """The durable queue every message to a person goes through (delivery at least once)."""

    def __init__(self, db: Database, identity: Identities) -> None:
        self.db = db
        self.identity = identity  # whose Telegram account is the same person's

    async def due(self, now: datetime, limit: int = 100) -> list[OutboxRow]:
        """Pending rows whose time has come, oldest first."""
        rows = await self.db.fetchall(_DUE, (to_db(now), limit))
        return [OutboxRow(*r) for r in rows]

    async def attachment(self, row_id: int) -> tuple[str, bytes] | None:
        """The file queued with a row (read only for rows that have one): (name, content)."""
        row = await self.db.fetchone(
            "SELECT attachment_name, attachment FROM outbox WHERE id = ? AND attachment_name "
            "IS NOT NULL",
            (row_id,),
        )
        return (row[0], bytes(row[1])) if row else None

    async def next_at(self) -> datetime | None:
        """When the next pending row is due."""
        row = await self.db.fetchone("SELECT MIN(next_at) FROM outbox WHERE status = 'pending'")
        return from_db(row[0]) if row and row[0] else None

    async def mark(
        self,
        row_id: int,
        status: str,
        now: datetime,
        error: str | None = None,
        next_at: datetime | None = None,
        failed_attempt: bool = False,
    ) -> None:
        """Record an outcome: sending, sent, unreachable, failed, or pending again.

        Only a send that failed counts towards the retry limit; being spaced out per chat or
        told to wait by a 429 does not.
        """
        final = status in ("sent", "unreachable", "failed")
        await self.db.write(
            "UPDATE outbox SET status = ?, error = ?, done_at = ?, next_at = COALESCE(?, next_at),"
            " attempts = attempts + ? WHERE id = ?",
            (
                status,
                error,
                to_db(now) if final else None,
                to_db(next_at) if next_at else None,
                int(failed_attempt),
                row_id,
            ),
        )

    async def resume_interrupted(self) -> int:
        """Rows caught mid-send by a crash go back to pending (delivery is at least once)."""
        return await self.db.change(
            "UPDATE outbox SET status = 'pending' WHERE status = 'sending'"
        )

    async def enqueue_reply(
        self,
        channel: str,
        chat_id: str,
        recipient: str,
        body: dict[str, Any],
        at: datetime,
        now: datetime,
    ) -> int:
        """A reply that could not be delivered at once, to be sent by the outbox at `at`."""
        return await self.db.write(
            "INSERT INTO outbox (channel, chat_id, recipient, body, next_at, created_at, reply)"
            " VALUES (?, ?, ?, ?, ?, ?, 1)",
            (
                channel,
                chat_id,
                recipient,
                json.dumps(body, ensure_ascii=False),
                to_db(at),
                to_db(now),
            ),
        )

    async def last_reply_at(self, channel: str, chat_id: str) -> datetime | None:
        """When the last interactive reply still waiting for this chat is due (None: none)."""
        row = await self.db.fetchone(
            "SELECT MAX(next_at) FROM outbox WHERE status IN ('pending', 'sending') AND reply = 1"
            " AND channel = ? AND chat_id = ?",
            (channel, chat_id),
        )
        return from_db(row[0]) if row and row[0] else None

    async def earlier_reply_at(self, row: OutboxRow) -> datetime | None:
        """When the latest earlier reply to the row's chat still waiting is due (None: none)."""
        found = await self.db.fetchone(
            "SELECT MAX(next_at) FROM outbox WHERE status = 'pending' AND reply = 1"
            " AND channel = ? AND chat_id = ? AND id < ?",
            (row.channel, row.chat_id, row.id),
        )
        return from_db(found[0]) if found and found[0] else None

    async def reply_chats(self) -> set[tuple[str, str]]:
        """The (channel, chat) pairs with interactive replies still waiting."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT channel, chat_id FROM outbox WHERE status IN ('pending', 'sending')"
            " AND reply = 1"
        )
        return {(r[0], r[1]) for r in rows}

    async def rewrite_body(self, row_id: int, body: str) -> None:
        """Rewrite a row's body (the parts of a reply that already arrived are skipped)."""
        await self.db.write("UPDATE outbox SET body = ? WHERE id = ?", (body, row_id))

    async def reroute_to_telegram(self, channel: str, now: datetime) -> int:
        """Pending broadcasts and nudges on `channel` for people who also use Telegram go
        there instead (interactive replies stay where the person asked)."""
        rows = await self.db.fetchall(
            "SELECT id, recipient FROM outbox WHERE channel = ? AND status = 'pending' "
            "AND reply = 0",
            (channel,),
        )
        moved = 0
        for row_id, recipient in rows:
            twin = await self._telegram_twin(recipient)
            if twin is not None:
                moved += await self.db.change(
                    "UPDATE OR IGNORE outbox SET channel = 'telegram', chat_id = ?, "
                    "recipient = ?, next_at = ? WHERE id = ?",
                    (twin[1], twin[0], to_db(now), row_id),
                )
        return moved

    async def _telegram_twin(self, key: str) -> tuple[str, str] | None:
        """(key, chat) of the same person's reachable Telegram account, through a team seat
        or a /link of accounts."""
        channel, _, user_id = key.partition(":")
        row = await self.db.fetchone(
            "SELECT b.user_id, b.chat_id FROM member_accounts a JOIN member_accounts b "
            "ON b.member_id = a.member_id AND b.channel = 'telegram' "
            "WHERE a.channel = ? AND a.user_id = ?",
            (channel, user_id),
        )
        if row is None:
            person = await self.identity.person_of(key)
            row = await self.db.fetchone(
                "SELECT user_id, chat_id FROM people WHERE channel = 'telegram' AND "
                "unreachable = 0 AND 'telegram:' || user_id IN (SELECT user_key FROM "
                "identities WHERE person = ? UNION SELECT ?)",
                (person, person),
            )
        return (f"telegram:{row[0]}", row[1]) if row else None
