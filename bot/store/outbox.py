"""Broadcasts and the outbox rows: queued, claimed, marked, counted."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.chat import Recipient
from bot.timestamps import from_db, to_db

if TYPE_CHECKING:
    from bot.store.database import Database

    _Base = Database
else:
    _Base = object


class OutboxMixin(_Base):
    async def create_broadcast(
        self,
        sender: Recipient,
        audience: str,
        text: str,
        body: list,
        recipients: list[Recipient],
        now: datetime,
    ) -> int:
        """A broadcast and one outbox row per recipient, in one transaction."""
        async with self.transaction() as db:
            cur = await db.execute(
                "INSERT INTO broadcasts (sender, sender_channel, sender_chat, audience, text, "
                "created_at, recipients) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    sender.key,
                    sender.channel or None,  # the CLI has no chat to report to
                    sender.chat_id or None,
                    audience,
                    text,
                    to_db(now),
                    len(recipients),
                ),
            )
            broadcast = cur.lastrowid
            await db.executemany(
                "INSERT OR IGNORE INTO outbox (broadcast, channel, chat_id, recipient, name, "
                "commune, body, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        broadcast,
                        r.channel,
                        r.chat_id,
                        r.key,
                        r.name,
                        r.commune,
                        json.dumps(body, ensure_ascii=False),
                        to_db(now),
                        to_db(now),
                    )
                    for r in recipients
                ],
            )
        return int(broadcast or 0)

    async def due_outbox(self, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
        """Pending rows whose time has come, oldest first."""
        rows = await self.fetchall(
            "SELECT id, broadcast, channel, chat_id, recipient, name, body, attempts, "
            "attachment_name FROM outbox WHERE status = 'pending' AND next_at <= ? "
            "ORDER BY next_at, id LIMIT ?",
            (to_db(now), limit),
        )
        keys = (
            "id",
            "broadcast",
            "channel",
            "chat_id",
            "recipient",
            "name",
            "body",
            "attempts",
            "attachment_name",
        )
        return [dict(zip(keys, r, strict=True)) for r in rows]

    async def outbox_attachment(self, row_id: int) -> tuple[str, bytes] | None:
        """The file queued with an outbox row (read only for rows that have one)."""
        row = await self.fetchone(
            "SELECT attachment_name, attachment FROM outbox WHERE id = ? AND attachment_name "
            "IS NOT NULL",
            (row_id,),
        )
        return (row[0], bytes(row[1])) if row else None

    async def next_outbox_at(self) -> datetime | None:
        row = await self.fetchone("SELECT MIN(next_at) FROM outbox WHERE status = 'pending'")
        return from_db(row[0]) if row and row[0] else None

    async def outbox_mark(
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
        await self.write(
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
        return await self.change("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")

    async def broadcast_counts(self, broadcast: int) -> dict[str, int] | None:
        """delivered / unreachable / failed / pending for a broadcast."""
        if not await self.fetchone("SELECT 1 FROM broadcasts WHERE id = ?", (broadcast,)):
            return None
        rows = await self.fetchall(
            "SELECT status, COUNT(*) FROM outbox WHERE broadcast = ? GROUP BY status", (broadcast,)
        )
        counts: dict[str, int] = {str(status): int(n) for status, n in rows}
        return {
            "delivered": counts.get("sent", 0),
            "unreachable": counts.get("unreachable", 0),
            "failed": counts.get("failed", 0),
            "pending": counts.get("pending", 0) + counts.get("sending", 0),
        }

    async def finished_broadcasts(self) -> list[dict[str, Any]]:
        """Broadcasts with nothing left to send whose sender has not had the report yet."""
        rows = await self.fetchall(
            "SELECT id, sender, sender_channel, sender_chat FROM broadcasts b WHERE reported_at "
            "IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.broadcast = b.id AND "
            "o.status IN ('pending', 'sending'))"
        )
        keys = ("id", "sender", "channel", "chat_id")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    async def mark_reported(self, broadcast: int, now: datetime) -> None:
        await self.write(
            "UPDATE broadcasts SET reported_at = ? WHERE id = ?", (to_db(now), broadcast)
        )

    async def undelivered(self, broadcast: int) -> list[dict[str, Any]]:
        """Unreachable and failed recipients of a broadcast (for the sender's report)."""
        rows = await self.fetchall(
            "SELECT recipient, name, status, error FROM outbox WHERE broadcast = ? AND "
            "status IN ('unreachable', 'failed') ORDER BY status, name",
            (broadcast,),
        )
        return [dict(zip(("recipient", "name", "status", "error"), r, strict=True)) for r in rows]
